import type { MutationResult, SyncErrorCode } from '../../shared/sync/protocol';

/**
 * A refusal of the whole request, with the protocol's error code for the HTTP layer to answer
 * with (4xx). Any other error thrown by the engine is unexpected (database down, a bug): nothing
 * was advanced, and the desk retries later (5xx).
 */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/**
 * A push whose next mutation skips sequence numbers: the desk lost or reordered part of its
 * outbox. Mutations before it in the same push were processed and stay processed; the answer
 * (409) tells the desk which sequence number the server expects.
 */
export class SequenceGapError extends SyncError {
  constructor(
    /** The sequence number the server expects next (lastProcessedSeq + 1). */
    readonly expectedSeq: number,
    readonly receivedSeq: number,
    /** Results of the mutations of this push that were processed before the gap. */
    readonly results: MutationResult[],
    readonly lastProcessedSeq: number,
    /** The building's version after those mutations. */
    readonly version: number,
  ) {
    super('sequenceGap', `expected mutation seq ${expectedSeq}, received ${receivedSeq}`);
    this.name = 'SequenceGapError';
  }
}

/**
 * A push whose mutation is new (its id was never processed) but carries a sequence number the
 * server has already processed for this desk: the desk's database went back in time and reused
 * numbers. Answered 409 with lastProcessedSeq, never as a duplicate, which would make the desk
 * drop a mutation nobody applied; the desk renumbers its outbox above it and pushes again.
 */
export class SequenceReusedError extends SyncError {
  constructor(
    readonly receivedSeq: number,
    /** Results of the mutations of this push processed before it. */
    readonly results: MutationResult[],
    readonly lastProcessedSeq: number,
  ) {
    super('sequenceReused', `mutation seq ${receivedSeq} was already used by another mutation of this desk (last processed ${lastProcessedSeq})`);
    this.name = 'SequenceReusedError';
  }
}
