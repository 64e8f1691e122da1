import { z } from 'zod';
import { Id } from '../../shared/domain/model';
import { EventHistoryRequest, EventHistoryResponse, HistorySearchRequest, HistorySearchResponse, MessageHistoryRequest, MessageHistoryResponse } from '../../shared/sync/history';
import { VerifyPinRequest, VerifyPinResponse } from '../../shared/sync/staffPin';
import { ErrorResponse, PROTOCOL_VERSION, PullRequest, PullResponse, PushRequest, PushResponse } from '../../shared/sync/protocol';

// Request and response schemas of the HTTP API beyond the sync messages, and the OpenAPI
// description generated from the very schemas that validate requests.

export const EnrollRequest = z.object({
  code: z.string().min(1).max(40),
  deskName: z.string().trim().min(1).max(60),
});
export const EnrollResponse = z.object({
  deskId: Id,
  buildingId: Id,
  buildingName: z.string(),
  credential: z.string(),
  protocolVersion: z.number().int(),
});

export { VerifyPinRequest, VerifyPinResponse };

export const IssueCodeRequest = z.object({
  staffId: Id,
  pin: z.string().min(1).max(16),
  lifetimeHours: z.number().int().min(1).max(24 * 14).optional(),
});
export const IssueCodeResponse = z.object({ code: z.string(), expiresAt: z.iso.datetime() });

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  request?: z.ZodType;
  response: z.ZodType;
  authenticated: boolean;
}

const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health', summary: 'Liveness and database reachability', response: z.object({ status: z.string(), database: z.string() }), authenticated: false },
  { method: 'post', path: '/api/enroll', summary: 'Exchange a one-time enrollment code for a device credential', request: EnrollRequest, response: EnrollResponse, authenticated: false },
  { method: 'post', path: '/api/sync/push', summary: "Apply the desk's outbox, in order, exactly once", request: PushRequest, response: PushResponse, authenticated: true },
  { method: 'post', path: '/api/sync/pull', summary: 'Rows and tombstones changed after the cursor, in pages', request: PullRequest, response: PullResponse, authenticated: true },
  { method: 'get', path: '/api/sync/poke', summary: 'Server-Sent Events: a data-less poke when the building changes', response: z.string(), authenticated: true },
  { method: 'post', path: '/api/staff/verify-pin', summary: "Check a staff member's PIN online", request: VerifyPinRequest, response: VerifyPinResponse, authenticated: true },
  { method: 'post', path: '/api/history/packages', summary: "Search the building's packages of every age (history desks no longer keep)", request: HistorySearchRequest, response: HistorySearchResponse, authenticated: true },
  { method: 'post', path: '/api/history/events', summary: "Search the building's event log of every age (by resident, unit, staff member, time)", request: EventHistoryRequest, response: EventHistoryResponse, authenticated: true },
  { method: 'post', path: '/api/history/messages', summary: "A conversation's older messages (desks keep only recent ones), newest first", request: MessageHistoryRequest, response: MessageHistoryResponse, authenticated: true },
  { method: 'post', path: '/api/enrollment-codes', summary: 'A manager issues a one-time enrollment code for a new desk', request: IssueCodeRequest, response: IssueCodeResponse, authenticated: true },
];

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: {
        summary: operation.summary,
        ...(operation.authenticated ? { security: [{ deviceCredential: [] }] } : {}),
        ...(operation.request ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(operation.request) } } } } : {}),
        responses: {
          '200': { description: 'OK', content: { [operation.path.endsWith('/poke') ? 'text/event-stream' : 'application/json']: { schema: jsonSchema(operation.response) } } },
          '4XX': { description: 'Refused: a machine-readable code and a message', content: { 'application/json': { schema: jsonSchema(ErrorResponse) } } },
          '503': { description: 'Temporarily unavailable: retry later with the same request' },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Conserje central service', version: String(PROTOCOL_VERSION) },
    components: { securitySchemes: { deviceCredential: { type: 'http', scheme: 'bearer', description: 'The credential a desk received at enrollment' } } },
    paths,
  };
}
