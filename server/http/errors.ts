import type { FastifyReply } from 'fastify';
import type { ErrorResponse, SyncErrorCode } from '../../shared/sync/protocol';
import { SequenceGapError, SequenceReusedError, SyncError } from '../sync/errors';

// Every refusal is a 4xx with a machine-readable code and a message a person can act on. 5xx is
// kept for the service's own trouble (database unreachable): the desk retries those, unchanged.

const STATUS: Record<SyncErrorCode, number> = {
  malformedRequest: 400,
  bodyTooLarge: 413,
  protocolOutdated: 426,
  schemaOutdated: 426,
  unauthenticated: 401,
  deviceRevoked: 403,
  wrongBuilding: 403,
  sequenceGap: 409,
  sequenceReused: 409,
  resetRequired: 409,
  enrollmentCodeInvalid: 400,
  notFound: 404,
};

export function sendError(reply: FastifyReply, code: SyncErrorCode, message: string, extra: Partial<ErrorResponse> = {}): FastifyReply {
  const body: ErrorResponse = { error: code, message, ...extra };
  return reply.code(STATUS[code]).send(body);
}

/** Maps the engine's refusals to answers; anything else is a temporary failure (503, retry). */
export function sendFailure(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof SequenceGapError) {
    return sendError(reply, 'sequenceGap', error.message, { expectedSeq: error.expectedSeq, lastProcessedSeq: error.lastProcessedSeq });
  }
  if (error instanceof SequenceReusedError) return sendError(reply, 'sequenceReused', error.message, { lastProcessedSeq: error.lastProcessedSeq });
  if (error instanceof SyncError) return sendError(reply, error.code, error.message);
  reply.log.error({ err: error }, 'request failed');
  return reply.code(503).send({ error: 'unavailable', message: 'The central service could not complete this request; it will be retried.' });
}
