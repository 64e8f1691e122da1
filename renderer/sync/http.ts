import type { z } from 'zod';
import {
  DATA_SCHEMA_VERSION,
  ErrorResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullResponse,
  PushResponse,
  SCHEMA_HEADER,
  type PullRequest,
  type PushRequest,
  type SyncErrorCode,
} from '../../shared/sync/protocol';

/** The part of `fetch` the sync client uses; tests pass the fake server's handler. */
export type SyncFetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

export interface SyncTransport {
  fetch: SyncFetch;
  /** e.g. https://conserje.example.org/api (no trailing slash needed). */
  baseUrl: string;
  /** The device credential's headers, or null when the desk holds none (not enrolled). */
  authHeaders(): Promise<Record<string, string> | null>;
}

/**
 * Why a request did not succeed, in the terms the client acts on:
 * - network: no answer at all (offline, DNS, connection refused): retry with backoff;
 * - temporary: 5xx, 408, 429: retry with backoff (honouring Retry-After);
 * - updateRequired: protocolOutdated / schemaOutdated: stop until the app is updated;
 * - notEnrolled: unauthenticated / deviceRevoked / wrongBuilding / no credential: stop;
 * - sequenceGap: the server misses some of this desk's mutations: surface, retry slowly;
 * - sequenceReused: this desk reused sequence numbers (its database went back in time): renumber;
 * - resetRequired: the desk's cursor is ahead of the server: forget it and pull from 0;
 * - tooLarge: bodyTooLarge: send fewer mutations per push;
 * - refused: any other 4xx: surface, retry slowly;
 * - badResponse: a 2xx whose body does not match the protocol: retry with backoff.
 */
export type SyncFailureKind =
  | 'network'
  | 'temporary'
  | 'updateRequired'
  | 'notEnrolled'
  | 'sequenceGap'
  | 'sequenceReused'
  | 'resetRequired'
  | 'tooLarge'
  | 'refused'
  | 'badResponse';

export interface SyncFailureDetail {
  status?: number;
  code?: SyncErrorCode;
  retryAfterMs?: number;
  /** With sequenceGap: what the server expected next and the last it processed. */
  expectedSeq?: number;
  lastProcessedSeq?: number;
}

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    readonly detail: SyncFailureDetail = {},
  ) {
    super(`sync.${kind}${detail.code ? `.${detail.code}` : ''}${detail.status ? ` (${detail.status})` : ''}`);
    this.name = 'SyncFailure';
  }
}

export function endpoint(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

const CODE_KINDS: Partial<Record<SyncErrorCode, SyncFailureKind>> = {
  protocolOutdated: 'updateRequired',
  schemaOutdated: 'updateRequired',
  unauthenticated: 'notEnrolled',
  deviceRevoked: 'notEnrolled',
  wrongBuilding: 'notEnrolled',
  sequenceGap: 'sequenceGap',
  sequenceReused: 'sequenceReused',
  resetRequired: 'resetRequired',
  bodyTooLarge: 'tooLarge',
};

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** The headers of every sync request: protocol and schema versions, and the device credential. */
export async function syncHeaders(transport: SyncTransport): Promise<Record<string, string>> {
  const auth = await transport.authHeaders();
  if (!auth) throw new SyncFailure('notEnrolled', { code: 'unauthenticated' });
  return { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), [SCHEMA_HEADER]: String(DATA_SCHEMA_VERSION), ...auth };
}

/**
 * A push or pull that has not answered by then is abandoned and retried: a half-open connection
 * (a service that died mid-answer, a proxy that swallowed it) must never stall a desk's sync.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** One authenticated JSON request to the central service; failures are SyncFailures. */
export async function post<S extends z.ZodType>(transport: SyncTransport, path: string, body: unknown, schema: S, nowMs: number, timeoutMs = REQUEST_TIMEOUT_MS): Promise<z.infer<S>> {
  const headers = { 'content-type': 'application/json', ...(await syncHeaders(transport)) };
  let response: Response;
  try {
    response = await transport.fetch(endpoint(transport.baseUrl, path), { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new SyncFailure('network');
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok && payload === undefined) throw new SyncFailure('network'); // the body never fully arrived
  if (response.ok) {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new SyncFailure('badResponse', { status: response.status });
    return parsed.data;
  }
  const status = response.status;
  if (status >= 500 || status === 408 || status === 429) {
    throw new SyncFailure('temporary', { status, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), nowMs) ?? undefined });
  }
  const error = ErrorResponse.safeParse(payload);
  if (error.success) {
    const { error: code, expectedSeq, lastProcessedSeq } = error.data;
    throw new SyncFailure(CODE_KINDS[code] ?? 'refused', { status, code, expectedSeq, lastProcessedSeq });
  }
  if (status === 401 || status === 403) throw new SyncFailure('notEnrolled', { status });
  throw new SyncFailure('refused', { status });
}

export function pushMutations(transport: SyncTransport, request: PushRequest, nowMs: number): Promise<PushResponse> {
  return post(transport, '/sync/push', request, PushResponse, nowMs);
}

export function pullChanges(transport: SyncTransport, request: PullRequest, nowMs: number): Promise<PullResponse> {
  return post(transport, '/sync/pull', request, PullResponse, nowMs);
}
