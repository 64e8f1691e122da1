import type { ControlledTransaction } from 'kysely';
import { isRejection, runMutation } from '../../shared/mutations/registry';
import type { RejectionCode, RejectionParams } from '../../shared/mutations/rejection';
import type { MutationContext, MutationTx } from '../../shared/mutations/tx';
import type { TableName } from '../../shared/domain/model';
import type { MutationResult, PushedMutation, PushRequest, PushResponse, Rejection } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import type { Schema } from '../db/schema';
import { BuildingRows } from './buildingRows';
import { inBuildingTransaction, type LockedBuilding } from './buildingTransaction';
import { assertSameDesk, loadActiveDesk } from './desk';
import { SequenceGapError, SequenceReusedError, SyncError } from './errors';
import { createSqlMutationTx } from './mutationTx';

export interface PushInput {
  /** The building and desk the HTTP layer authenticated; the request body is not trusted for them. */
  buildingId: string;
  deskId: string;
  request: PushRequest;
}

export interface SyncEngineOptions {
  /** The server's clock (rejections' decidedAt, the log's processed_at). Default: the system clock. */
  now?: () => Date;
  /** Wraps the mutators' transaction: fault injection in tests, instrumentation. */
  wrapMutationTx?: (tx: MutationTx) => MutationTx;
  /**
   * Runs after each applied mutation, in its transaction and under the building's lock (notices
   * and e-mail planning, server/messaging/notices.ts): what it writes commits with the mutation.
   * If it throws, its writes are undone and the mutation stays applied; `onAfterApplyError` hears of it.
   */
  afterApply?: (applied: AppliedMutation) => Promise<void>;
  onAfterApplyError?: (error: unknown, mutation: PushedMutation) => void;
}

/** What a mutation wrote (puts, in order), for the hooks that react to it. */
export interface MutationWrite {
  table: TableName;
  row: unknown;
}

export interface AppliedMutation {
  trx: ControlledTransaction<Schema>;
  rows: BuildingRows;
  mutation: PushedMutation;
  context: MutationContext;
  writes: readonly MutationWrite[];
}

type Outcome = { status: 'applied' } | { status: 'rejected'; code: RejectionCode; params: RejectionParams };

interface Processed {
  /** Not processed: its sequence number skips ahead ('gap') or was used by another mutation ('reused'). */
  result: MutationResult | 'gap' | 'reused';
  lastProcessedSeq: number;
  version: number;
}

/**
 * Applies a desk's outbox, mutation by mutation, each in its own transaction under the
 * building's lock. Rejections are answers, not failures: they are recorded (and synced as
 * `rejections` rows) and the queue goes on. A sequence gap stops the push with a
 * SequenceGapError (409) after the mutations before it, a reused sequence number with a
 * SequenceReusedError (409); a SyncError refuses the desk; any other
 * error is unexpected, and the mutation it hit left no trace (the desk retries it).
 */
export async function push(db: ServerDb, input: PushInput, options: SyncEngineOptions = {}): Promise<PushResponse> {
  assertSameDesk(input.deskId, input.request.deskId);
  if (input.request.mutations.length === 0) throw new SyncError('malformedRequest', 'a push carries at least one mutation');
  let batch: BatchOutcome;
  try {
    batch = await inBuildingTransaction(db, input.buildingId, (trx, building) => processBatch(trx, building, input, options));
  } catch (error) {
    if (error instanceof SyncError) throw error;
    // Something unexpected (a bug, a dead connection) rolled the whole push back. One transaction
    // per mutation now: the mutations before the faulty one are kept, and it fails alone.
    batch = await processOneByOne(db, input, options);
  }
  const { results, state, stop } = batch;
  if (stop?.result === 'gap') throw new SequenceGapError(state.lastProcessedSeq + 1, stop.seq, results, state.lastProcessedSeq, state.version);
  if (stop?.result === 'reused') throw new SequenceReusedError(stop.seq, results, state.lastProcessedSeq);
  return { results, lastProcessedSeq: state.lastProcessedSeq, version: state.version };
}

interface BatchOutcome {
  results: MutationResult[];
  state: { lastProcessedSeq: number; version: number };
  /** The mutation the push stopped at (a gap or a reused number), with what was processed before it. */
  stop: { result: 'gap' | 'reused'; seq: number } | null;
}

/**
 * A push's mutations in ONE transaction under the building's lock, each behind its own savepoint
 * with its log row and the desk's sequence number: each mutation is still all or nothing, and a
 * retried push is exactly-once, but the disk is flushed once per push instead of once per
 * mutation (synchronous=FULL makes each commit an fsync), which is what a backlog drain waits on.
 */
async function processBatch(trx: ControlledTransaction<Schema>, building: LockedBuilding, input: PushInput, options: SyncEngineOptions): Promise<BatchOutcome> {
  let { lastProcessedSeq } = await loadActiveDesk(trx, input.buildingId, input.deskId);
  const results: MutationResult[] = [];
  for (const mutation of input.request.mutations) {
    const processed = await processIn(trx, building, input, mutation, lastProcessedSeq, options);
    if (processed.result === 'gap' || processed.result === 'reused') {
      return { results, state: { lastProcessedSeq, version: building.clock.current }, stop: { result: processed.result, seq: mutation.seq } };
    }
    results.push(processed.result);
    lastProcessedSeq = processed.lastProcessedSeq;
  }
  return { results, state: { lastProcessedSeq, version: building.clock.current }, stop: null };
}

/** The fallback: one transaction per mutation, so an unexpected failure costs only its own mutation. */
async function processOneByOne(db: ServerDb, input: PushInput, options: SyncEngineOptions): Promise<BatchOutcome> {
  const results: MutationResult[] = [];
  let state = { lastProcessedSeq: 0, version: 0 };
  for (const mutation of input.request.mutations) {
    const processed = await inBuildingTransaction(db, input.buildingId, async (trx, building) => {
      const { lastProcessedSeq } = await loadActiveDesk(trx, input.buildingId, input.deskId);
      return processIn(trx, building, input, mutation, lastProcessedSeq, options);
    });
    state = { lastProcessedSeq: processed.lastProcessedSeq, version: processed.version };
    if (processed.result === 'gap' || processed.result === 'reused') return { results, state, stop: { result: processed.result, seq: mutation.seq } };
    results.push(processed.result);
  }
  return { results, state, stop: null };
}

async function processIn(
  trx: ControlledTransaction<Schema>,
  building: LockedBuilding,
  input: PushInput,
  mutation: PushedMutation,
  lastProcessedSeq: number,
  options: SyncEngineOptions,
): Promise<Processed> {
  const unchanged = (result: Processed['result']): Processed => ({ result, lastProcessedSeq, version: building.clock.current });
  const duplicate: MutationResult = { id: mutation.id, seq: mutation.seq, status: 'duplicate' };

  const logged = await trx.selectFrom('mutation_log').select('id').where('id', '=', mutation.id).executeTakeFirst();
  if (logged) {
    // Already processed: never run twice. Should it come back under this desk's next sequence
    // number (a desk bug), that number counts as processed too, or the queue would stall on it.
    if (mutation.seq !== lastProcessedSeq + 1) return unchanged(duplicate);
    await advanceDesk(trx, input, mutation.seq);
    return { result: duplicate, lastProcessedSeq: mutation.seq, version: building.clock.current };
  }
  if (mutation.seq <= lastProcessedSeq) return unchanged('reused');
  if (mutation.seq > lastProcessedSeq + 1) return unchanged('gap');

  const now = (options.now ?? (() => new Date()))().toISOString();
  const rows = new BuildingRows(trx, building.id, building.clock);
  const outcome = await applyMutation(trx, building, rows, input.deskId, mutation, options);
  if (outcome.status === 'rejected') {
    const rejection: Rejection = {
      id: mutation.id,
      deskId: input.deskId,
      staffId: mutation.staffId,
      seq: mutation.seq,
      mutationName: mutation.name,
      code: outcome.code,
      params: outcome.params,
      at: mutation.at,
      decidedAt: now,
    };
    await rows.put('rejections', rejection);
  }
  await trx
    .insertInto('mutation_log')
    .values({
      id: mutation.id,
      building_id: input.buildingId,
      desk_id: input.deskId,
      seq: mutation.seq,
      name: mutation.name,
      staff_id: mutation.staffId,
      status: outcome.status,
      code: outcome.status === 'rejected' ? outcome.code : null,
      params: outcome.status === 'rejected' ? JSON.stringify(outcome.params) : null,
      processed_at: now,
    })
    .execute();
  await advanceDesk(trx, input, mutation.seq);
  const result: MutationResult =
    outcome.status === 'applied'
      ? { id: mutation.id, seq: mutation.seq, status: 'applied' }
      : { id: mutation.id, seq: mutation.seq, status: 'rejected', code: outcome.code, params: outcome.params };
  return { result, lastProcessedSeq: mutation.seq, version: building.clock.current };
}

/**
 * Runs the shared mutator as the staff member named in the mutation, with the role of their
 * staff row (never a role the desk claims). A rejection undoes the mutator's writes, and the
 * versions they took, by rolling back to a savepoint; the transaction itself goes on to record
 * the rejection. Any other error propagates and rolls back the whole transaction.
 */
async function applyMutation(
  trx: ControlledTransaction<Schema>,
  building: LockedBuilding,
  rows: BuildingRows,
  deskId: string,
  mutation: PushedMutation,
  options: SyncEngineOptions,
): Promise<Outcome> {
  const staff = await rows.get('staff', mutation.staffId);
  if (!staff) return { status: 'rejected', code: 'staffUnknown', params: {} };
  if (!staff.active) return { status: 'rejected', code: 'staffInactive', params: {} };
  const context: MutationContext = { mutationId: mutation.id, staffId: staff.id, staffRole: staff.role, deskId, at: mutation.at };
  const writes: MutationWrite[] = [];
  const base = recordingWrites(createSqlMutationTx(rows), writes);
  const tx = options.wrapMutationTx ? options.wrapMutationTx(base) : base;

  const versionBefore = building.clock.current;
  const savepoint = await trx.savepoint('mutator').execute();
  try {
    await runMutation(tx, mutation.name, mutation.args, context);
    await savepoint.releaseSavepoint('mutator').execute();
  } catch (error) {
    if (!isRejection(error)) throw error;
    await savepoint.rollbackToSavepoint('mutator').execute();
    building.clock.rewind(versionBefore);
    return { status: 'rejected', code: error.code, params: error.params };
  }
  if (options.afterApply) await runAfterApply(trx, building, { trx, rows, mutation, context, writes }, options);
  return { status: 'applied' };
}

/** The hook in its own savepoint: a fault in a notice must never block a desk's queue. */
async function runAfterApply(trx: ControlledTransaction<Schema>, building: LockedBuilding, applied: AppliedMutation, options: SyncEngineOptions): Promise<void> {
  const versionBefore = building.clock.current;
  const savepoint = await trx.savepoint('after_apply').execute();
  try {
    await options.afterApply?.(applied);
    await savepoint.releaseSavepoint('after_apply').execute();
  } catch (error) {
    await savepoint.rollbackToSavepoint('after_apply').execute();
    building.clock.rewind(versionBefore);
    options.onAfterApplyError?.(error, applied.mutation);
  }
}

function recordingWrites(tx: MutationTx, writes: MutationWrite[]): MutationTx {
  return {
    get: (table, id) => tx.get(table, id),
    queryByIndex: (table, index, value) => tx.queryByIndex(table, index, value),
    delete: (table, id) => tx.delete(table, id),
    async put(table, row) {
      await tx.put(table, row);
      writes.push({ table, row });
    },
  };
}

async function advanceDesk(trx: ControlledTransaction<Schema>, input: PushInput, seq: number): Promise<void> {
  await trx
    .updateTable('desks')
    .set({ last_processed_seq: seq })
    .where('id', '=', input.deskId)
    .where('building_id', '=', input.buildingId)
    .execute();
}
