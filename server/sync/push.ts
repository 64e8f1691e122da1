import { sql, type ControlledTransaction, type Insertable } from 'kysely';
import { isRejection, runMutation } from '../../shared/mutations/registry';
import type { RejectionCode, RejectionParams } from '../../shared/mutations/rejection';
import type { MutationContext, MutationTx } from '../../shared/mutations/tx';
import type { Staff, TableName } from '../../shared/domain/model';
import type { MutationResult, PushedMutation, PushRequest, PushResponse, Rejection } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/database';
import { rowTablesOf } from '../db/indexes';
import type { MutationLogTable, Schema } from '../db/schema';
import { BuildingRows, decodeRow } from './buildingRows';
import { inBuildingTransaction, type LockedBuilding } from './buildingTransaction';
import { assertSameDesk } from './desk';
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

/** A mutation's answer, or why it was not processed: its sequence number skips ahead ('gap') or was used by another mutation ('reused'). */
type Processed = MutationResult | 'gap' | 'reused';

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
    batch = await inBuildingTransaction(db, input.buildingId, (trx, building) => processBatch(trx, building, input, input.request.mutations, options));
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
 * A push's mutations in ONE transaction under the building's lock, each mutator behind its own
 * savepoint, the log rows and the desk's sequence number written once at the end: each mutation
 * is still all or nothing (a rejection rolls back to its savepoint, anything else rolls back the
 * whole transaction, log rows included), and a retried push is exactly-once, but the disk is
 * flushed once per push instead of once per mutation (synchronous=FULL makes each commit an
 * fsync), which is what a backlog drain waits on.
 */
async function processBatch(
  trx: ControlledTransaction<Schema>,
  building: LockedBuilding,
  input: PushInput,
  mutations: readonly PushedMutation[],
  options: SyncEngineOptions,
): Promise<BatchOutcome> {
  const state = await loadPushState(trx, input, mutations);
  const results: MutationResult[] = [];
  let stop: BatchOutcome['stop'] = null;
  for (const mutation of mutations) {
    const result = await processIn(trx, building, input, mutation, state, options);
    if (result === 'gap' || result === 'reused') {
      stop = { result, seq: mutation.seq };
      break;
    }
    results.push(result);
  }
  // What the mutations before a gap did stays processed, so this runs on every way out but a throw
  // (which rolls everything back, these rows included).
  await writeLogAndSeq(trx, input, state);
  return { results, state: { lastProcessedSeq: state.lastProcessedSeq, version: building.clock.current }, stop };
}

/** The fallback: one transaction per mutation, so an unexpected failure costs only its own mutation. */
async function processOneByOne(db: ServerDb, input: PushInput, options: SyncEngineOptions): Promise<BatchOutcome> {
  const results: MutationResult[] = [];
  let state = { lastProcessedSeq: 0, version: 0 };
  for (const mutation of input.request.mutations) {
    const one = await inBuildingTransaction(db, input.buildingId, (trx, building) => processBatch(trx, building, input, [mutation], options));
    state = one.state;
    if (one.stop) return { results, state, stop: one.stop };
    results.push(...one.results);
  }
  return { results, state, stop: null };
}

/**
 * What a push needs to know before its first mutation, read in ONE statement under the lock (it
 * was three statements per mutation) and then kept current in memory by the push itself:
 * nothing else writes this building's desk, log or staff rows while the push holds the lock.
 */
interface PushState {
  /** The desk's sequence number as processed so far in this transaction. */
  lastProcessedSeq: number;
  /** What desks.last_processed_seq holds in the database (written once, at the end). */
  storedSeq: number;
  /** Ids of the push's mutations that are in mutation_log, or will be when `log` is written. */
  logged: Set<string>;
  /**
   * The staff rows the push's mutations name, as read at its start (null: none live). A mutation
   * that writes a staff row drops its entry, so later mutations read it again: a manager who
   * deactivates someone affects that person's next mutations in the same push, as before.
   */
  staff: Map<string, Staff | null>;
  /** Log rows of the mutations processed so far, inserted together at the end of the push. */
  log: Insertable<MutationLogTable>[];
}

async function loadPushState(trx: ControlledTransaction<Schema>, input: PushInput, mutations: readonly PushedMutation[]): Promise<PushState> {
  const ids = mutations.map((mutation) => mutation.id);
  const staffIds = [...new Set(mutations.map((mutation) => mutation.staffId))];
  // One round trip instead of three: the same shape in each branch (kind, id, a number, a text).
  const found = await trx
    .selectFrom('desks')
    .select([sql<string>`'desk'`.as('kind'), 'id', sql<number | null>`${sql.ref('last_processed_seq')}`.as('seq'), 'revoked_at as text'])
    .where('id', '=', input.deskId)
    .where('building_id', '=', input.buildingId)
    .unionAll(trx.selectFrom('mutation_log').select([sql<string>`'logged'`.as('kind'), 'id', sql<number | null>`null`.as('seq'), sql<string | null>`null`.as('text')]).where('id', 'in', ids))
    .unionAll(
      rowTablesOf(trx)
        .selectFrom('staff')
        .select([sql<string>`'staff'`.as('kind'), 'id', sql<number | null>`null`.as('seq'), 'data as text'])
        .where('building_id', '=', input.buildingId)
        .where('id', 'in', staffIds)
        .where('deleted', '=', 0),
    )
    .execute();
  const desk = found.find((row) => row.kind === 'desk');
  if (!desk) throw new SyncError('wrongBuilding', 'this desk is not enrolled in this building');
  if (desk.text !== null) throw new SyncError('deviceRevoked', 'this desk was revoked');
  const lastProcessedSeq = Number(desk.seq);
  const staff = new Map<string, Staff | null>(staffIds.map((id) => [id, null]));
  for (const row of found) if (row.kind === 'staff' && row.text !== null) staff.set(row.id, decodeRow<'staff'>(row.text));
  const logged = new Set(found.filter((row) => row.kind === 'logged').map((row) => row.id));
  return { lastProcessedSeq, storedSeq: lastProcessedSeq, logged, staff, log: [] };
}

/** Log rows per INSERT: 10 parameters each, far below both dialects' limits. */
const LOG_INSERT_CHUNK = 100;

async function writeLogAndSeq(trx: ControlledTransaction<Schema>, input: PushInput, state: PushState): Promise<void> {
  for (let start = 0; start < state.log.length; start += LOG_INSERT_CHUNK) {
    await trx.insertInto('mutation_log').values(state.log.slice(start, start + LOG_INSERT_CHUNK)).execute();
  }
  state.log = [];
  if (state.lastProcessedSeq !== state.storedSeq) {
    await trx
      .updateTable('desks')
      .set({ last_processed_seq: state.lastProcessedSeq })
      .where('id', '=', input.deskId)
      .where('building_id', '=', input.buildingId)
      .execute();
    state.storedSeq = state.lastProcessedSeq;
  }
}

async function processIn(
  trx: ControlledTransaction<Schema>,
  building: LockedBuilding,
  input: PushInput,
  mutation: PushedMutation,
  state: PushState,
  options: SyncEngineOptions,
): Promise<Processed> {
  const duplicate: MutationResult = { id: mutation.id, seq: mutation.seq, status: 'duplicate' };

  if (state.logged.has(mutation.id)) {
    // Already processed: never run twice. Should it come back under this desk's next sequence
    // number (a desk bug), that number counts as processed too, or the queue would stall on it.
    if (mutation.seq === state.lastProcessedSeq + 1) state.lastProcessedSeq = mutation.seq;
    return duplicate;
  }
  if (mutation.seq <= state.lastProcessedSeq) return 'reused';
  if (mutation.seq > state.lastProcessedSeq + 1) return 'gap';

  const now = (options.now ?? (() => new Date()))().toISOString();
  const rows = new BuildingRows(trx, building.id, building.clock, {
    onWrite: (table, id) => {
      if (table === 'staff') state.staff.delete(id);
    },
  });
  const outcome = await applyMutation(trx, building, rows, input.deskId, mutation, state, options);
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
  // The log row and the sequence number are written with the push's others (writeLogAndSeq), in
  // this same transaction: only what reached this point, so a mutation that threw left none.
  state.log.push({
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
  });
  state.logged.add(mutation.id);
  state.lastProcessedSeq = mutation.seq;
  return outcome.status === 'applied'
    ? { id: mutation.id, seq: mutation.seq, status: 'applied' }
    : { id: mutation.id, seq: mutation.seq, status: 'rejected', code: outcome.code, params: outcome.params };
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
  state: PushState,
  options: SyncEngineOptions,
): Promise<Outcome> {
  const staff = state.staff.has(mutation.staffId) ? state.staff.get(mutation.staffId) : await rows.get('staff', mutation.staffId);
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
