import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import { sql } from 'kysely';
import { z } from 'zod';
import { verifyPin } from '../../shared/auth/pin';
import { Staff } from '../../shared/domain/model';
import {
  DATA_SCHEMA_VERSION,
  MAX_PUSH_BODY_BYTES,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullRequest,
  PushRequest,
  SCHEMA_HEADER,
} from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import { authenticateDesk, issueEnrollmentCode, redeemEnrollmentCode, type AuthenticatedDesk } from '../identity/enrollment';
import type { PokeHub } from '../realtime/pokes';
import type { MessagingService } from '../messaging/service';
import { PinThrottle } from '../../shared/auth/pinThrottle';
import { EventHistoryRequest, HistorySearchRequest, MessageHistoryRequest } from '../../shared/sync/history';
import { searchEventHistory } from '../history/searchEvents';
import { searchMessageHistory } from '../history/searchMessages';
import { searchPackageHistory } from '../history/searchPackages';
import { pull, push } from '../sync';
import { SyncError } from '../sync/errors';
import type { SyncEngineOptions } from '../sync/push';
import { EnrollRequest, EnrollResponse, IssueCodeRequest, IssueCodeResponse, VerifyPinRequest, VerifyPinResponse, openApiDocument } from './api';
import { sendError, sendFailure } from './errors';

export interface AppOptions {
  db: ServerDb;
  pokes: PokeHub;
  /** Built renderer to serve at / (the browser build of the desk), when present. */
  staticDir?: string;
  /** Origins allowed to call the API from another origin (the desktop app's app://conserje). */
  allowedOrigins?: readonly string[];
  /** Seconds between keep-alive comments on poke streams (proxies drop idle connections). */
  pokeKeepAliveSeconds?: number;
  /** Days of settled history desks keep (WORKING_SET_DAYS by default). */
  workingSetDays?: number;
  /** The server's clock (tests move it). */
  now?: () => Date;
  /** Resident messaging: notices planned with each push, the resident page at /r/. */
  messaging?: MessagingService;
  /** Wraps the mutators' transaction in the sync engine (fault injection by the sync simulator). */
  wrapMutationTx?: SyncEngineOptions['wrapMutationTx'];
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    desk?: AuthenticatedDesk;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, pokes } = options;
  // Per process: with several instances an attacker gets a few more tries per instance, still
  // bounded by the growing waits. Managers' enrollment-code requests share it.
  const pinThrottle = new PinThrottle();
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: MAX_PUSH_BODY_BYTES, return503OnClosing: true });

  await app.register(cors, { origin: [...(options.allowedOrigins ?? ['app://conserje'])], methods: ['GET', 'POST'] });

  // Bad JSON, oversized bodies and the like become the protocol's 4xx answers, never a 500.
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 'bodyTooLarge', `Requests are limited to ${MAX_PUSH_BODY_BYTES} bytes: send fewer mutations at once.`);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return sendError(reply, 'malformedRequest', error.message);
    return sendFailure(reply, error);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 'notFound', `No such endpoint: ${request.method} ${request.url.split('?')[0] ?? ''}`));

  app.get('/health', async (_request, reply) => {
    try {
      await sql`select 1`.execute(db.kysely);
      return { status: 'ok', database: db.dialect, protocolVersion: PROTOCOL_VERSION, schemaVersion: DATA_SCHEMA_VERSION };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: db.dialect });
    }
  });

  app.get('/api/openapi.json', async () => openApiDocument());

  app.post('/api/enroll', async (request, reply) => {
    const body = EnrollRequest.safeParse(request.body);
    if (!body.success) return sendError(reply, 'malformedRequest', describeIssues(body.error));
    try {
      const desk = await redeemEnrollmentCode(db, { code: body.data.code, deskName: body.data.deskName });
      const building = await db.kysely.selectFrom('buildings').select(['id', 'name']).where('id', '=', desk.buildingId).executeTakeFirstOrThrow();
      return EnrollResponse.parse({ ...desk, buildingName: building.name, protocolVersion: PROTOCOL_VERSION });
    } catch (error) {
      return sendFailure(reply, error);
    }
  });

  // Everything below acts for an enrolled desk, named by its bearer credential.
  const authenticated = async (request: FastifyRequest, reply: FastifyReply) => {
    const versionRefusal = checkVersions(request, reply);
    if (versionRefusal) return versionRefusal;
    const header = request.headers.authorization ?? '';
    const credential = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    try {
      request.desk = await authenticateDesk(db, credential);
    } catch (error) {
      return sendFailure(reply, error);
    }
    return undefined;
  };

  app.post('/api/sync/push', { preHandler: authenticated }, async (request, reply) => {
    const desk = requireDesk(request);
    const body = PushRequest.safeParse(request.body);
    if (!body.success) return sendError(reply, ...requestRefusal(request.body, body.error));
    if (body.data.deskId !== desk.deskId) return sendError(reply, 'malformedRequest', 'The push names another desk than the credential it was sent with.');
    try {
      const messaging = options.messaging;
      const hooks: SyncEngineOptions = {
        ...(messaging ? { afterApply: messaging.afterApply, onAfterApplyError: messaging.onAfterApplyError } : {}),
        ...(options.wrapMutationTx ? { wrapMutationTx: options.wrapMutationTx } : {}),
      };
      const response = await push(db, { buildingId: desk.buildingId, deskId: desk.deskId, request: body.data }, hooks);
      if (response.results.some((result) => result.status !== 'duplicate')) await pokes.publish(desk.buildingId).catch(() => undefined);
      if (response.results.some((result) => result.status === 'applied')) messaging?.wake();
      return response;
    } catch (error) {
      // Mutations before a gap or a reused number were applied: other desks should hear of them.
      if (error instanceof SyncError && (error.code === 'sequenceGap' || error.code === 'sequenceReused')) await pokes.publish(desk.buildingId).catch(() => undefined);
      return sendFailure(reply, error);
    }
  });

  app.post('/api/sync/pull', { preHandler: authenticated }, async (request, reply) => {
    const desk = requireDesk(request);
    const body = PullRequest.safeParse(request.body);
    if (!body.success) return sendError(reply, ...requestRefusal(request.body, body.error));
    if (body.data.deskId !== desk.deskId) return sendError(reply, 'malformedRequest', 'The pull names another desk than the credential it was sent with.');
    try {
      return await pull(db, { buildingId: desk.buildingId, deskId: desk.deskId, request: body.data }, { now: options.now, workingSetDays: options.workingSetDays });
    } catch (error) {
      return sendFailure(reply, error);
    }
  });

  app.post('/api/history/packages', { preHandler: authenticated }, async (request, reply) => {
    const desk = requireDesk(request);
    const body = HistorySearchRequest.safeParse(request.body);
    if (!body.success) return sendError(reply, 'malformedRequest', describeIssues(body.error));
    try {
      return await searchPackageHistory(db, desk.buildingId, body.data);
    } catch (error) {
      return sendFailure(reply, error);
    }
  });

  app.post('/api/history/events', { preHandler: authenticated }, async (request, reply) => {
    const desk = requireDesk(request);
    const body = EventHistoryRequest.safeParse(request.body);
    if (!body.success) return sendError(reply, 'malformedRequest', describeIssues(body.error));
    try {
      return await searchEventHistory(db, desk.buildingId, body.data);
    } catch (error) {
      return sendFailure(reply, error);
    }
  });

  app.post('/api/history/messages', { preHandler: authenticated }, async (request, reply) => {
    const desk = requireDesk(request);
    const body = MessageHistoryRequest.safeParse(request.body);
    if (!body.success) return sendError(reply, 'malformedRequest', describeIssues(body.error));
    try {
      return await searchMessageHistory(db, desk.buildingId, body.data);
    } catch (error) {
      return sendFailure(reply, error);
    }
  });

  // Server-Sent Events: a data-less "poke" whenever the building's version moves. The desk reads
  // the stream with fetch (so the credential travels in a header, never in a URL).
  // Open poke streams end when the service shuts down: a desk must reconnect to whichever instance
  // serves next, not stay attached to a process that no longer accepts pushes.
  const openStreams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
    openStreams.clear();
  });

  app.get('/api/sync/poke', { preHandler: authenticated }, (request, reply) => {
    const desk = requireDesk(request);
    reply.hijack();
    const stream = reply.raw;
    openStreams.add(stream);
    stream.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    stream.write('retry: 3000\n\nevent: poke\ndata: connected\n\n');
    const unsubscribe = pokes.subscribe(desk.buildingId, () => stream.write('event: poke\ndata: \n\n'));
    const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), (options.pokeKeepAliveSeconds ?? 25) * 1000);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      openStreams.delete(stream);
    });
  });

  app.post('/api/staff/verify-pin', { preHandler: authenticated }, async (request, reply) => {
    const desk = requireDesk(request);
    const body = VerifyPinRequest.safeParse(request.body);
    if (!body.success) return sendError(reply, 'malformedRequest', describeIssues(body.error));
    // Guessing through the API is throttled like guessing at a desk; a desk cannot bypass it by
    // falling back to its offline check, because it does so only when the service is unreachable.
    const throttleKey = `${desk.buildingId}/${body.data.staffId}`;
    const lockedForSeconds = pinThrottle.secondsToWait(throttleKey, Date.now());
    if (lockedForSeconds > 0) return VerifyPinResponse.parse({ ok: false, role: null, lockedForSeconds });
    const staff = await loadStaff(db, desk.buildingId, body.data.staffId);
    const ok = staff !== null && staff.active && (await verifyPin(body.data.pin, staff.pin));
    if (ok) pinThrottle.recordSuccess(throttleKey);
    else pinThrottle.recordFailure(throttleKey, Date.now());
    return VerifyPinResponse.parse({ ok, role: ok ? staff.role : null, lockedForSeconds: ok ? 0 : pinThrottle.secondsToWait(throttleKey, Date.now()) });
  });

  app.post('/api/enrollment-codes', { preHandler: authenticated }, async (request, reply) => {
    const desk = requireDesk(request);
    const body = IssueCodeRequest.safeParse(request.body);
    if (!body.success) return sendError(reply, 'malformedRequest', describeIssues(body.error));
    const throttleKey = `${desk.buildingId}/${body.data.staffId}`;
    const wait = pinThrottle.secondsToWait(throttleKey, Date.now());
    if (wait > 0) return sendError(reply, 'unauthenticated', `Too many wrong PINs: try again in ${wait} seconds.`);
    const staff = await loadStaff(db, desk.buildingId, body.data.staffId);
    if (!staff || !staff.active || !(await verifyPin(body.data.pin, staff.pin))) {
      pinThrottle.recordFailure(throttleKey, Date.now());
      return sendError(reply, 'unauthenticated', 'Wrong staff member or PIN.');
    }
    pinThrottle.recordSuccess(throttleKey);
    if (staff.role === 'doorperson') return sendError(reply, 'wrongBuilding', 'Only managers and administrators can enroll desks.');
    const issued = await issueEnrollmentCode(db, { buildingId: desk.buildingId, createdBy: staff.id, lifetimeHours: body.data.lifetimeHours });
    return IssueCodeResponse.parse(issued);
  });

  if (options.messaging) await options.messaging.register(app);

  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/', index: ['index.html'], setHeaders: (res) => res.setHeader('x-content-type-options', 'nosniff') });
  }
  return app;
}

function requireDesk(request: FastifyRequest): AuthenticatedDesk {
  if (!request.desk) throw new SyncError('unauthenticated', 'not authenticated');
  return request.desk;
}

/** An outdated desk is told so before anything else: it must update, not retry. */
function checkVersions(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const protocol = request.headers[PROTOCOL_HEADER];
  if (protocol !== undefined && protocol !== String(PROTOCOL_VERSION)) {
    return sendError(reply, 'protocolOutdated', `This desk speaks sync protocol ${String(protocol)}; the central service speaks ${PROTOCOL_VERSION}. Update the Conserje app.`);
  }
  const schema = request.headers[SCHEMA_HEADER];
  if (schema !== undefined && schema !== String(DATA_SCHEMA_VERSION)) {
    return sendError(reply, 'schemaOutdated', `This desk stores data schema ${String(schema)}; the central service has ${DATA_SCHEMA_VERSION}. Update the Conserje app.`);
  }
  return undefined;
}

const VersionFields = z.object({ protocolVersion: z.unknown(), schemaVersion: z.unknown() }).partial();

/** A body with the wrong protocol or schema version gets the "update" answer, not "malformed". */
function requestRefusal(body: unknown, error: z.ZodError): Parameters<typeof sendError> extends [unknown, ...infer Rest] ? [Rest[0], Rest[1]] : never {
  const versions = VersionFields.safeParse(body);
  if (versions.success && versions.data.protocolVersion !== undefined && versions.data.protocolVersion !== PROTOCOL_VERSION) {
    return ['protocolOutdated', `Sync protocol ${String(versions.data.protocolVersion)} is not supported (the service speaks ${PROTOCOL_VERSION}). Update the Conserje app.`];
  }
  if (versions.success && versions.data.schemaVersion !== undefined && versions.data.schemaVersion !== DATA_SCHEMA_VERSION) {
    return ['schemaOutdated', `Data schema ${String(versions.data.schemaVersion)} is not supported (the service has ${DATA_SCHEMA_VERSION}). Update the Conserje app.`];
  }
  return ['malformedRequest', describeIssues(error)];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

async function loadStaff(db: ServerDb, buildingId: string, staffId: string): Promise<Staff | null> {
  const row = await db.kysely.selectFrom('staff').select('data').where('building_id', '=', buildingId).where('id', '=', staffId).where('deleted', '=', 0).executeTakeFirst();
  if (!row?.data) return null;
  const parsed = Staff.safeParse(JSON.parse(row.data));
  return parsed.success ? parsed.data : null;
}
