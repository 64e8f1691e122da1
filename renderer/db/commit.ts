import type { StaffRole } from '../../shared/domain/model';
import { isRejection, runMutation, type MutationRequest } from '../../shared/mutations/registry';
import type { MutationRejected } from '../../shared/mutations/rejection';
import { newId } from '../../shared/platform/globals';
import { LAST_PROCESSED_SEQ_KEY, storedCursor, type DeskDatabase } from './database';
import { NEXT_SEQ_KEY } from './renumberOutbox';
import { MUTATION_TX_TABLES, dexieMutationTx } from './dexieTx';
import { deskIdentity } from './deskIdentity';

export interface DeskSession {
  staffId: string;
  staffRole: StaffRole;
}

export type StorageFailureKind = 'storageFull' | 'storageBlocked' | 'storageFailed';

/** Why a write did not happen. Either way nothing of it was stored: the transaction rolled back. */
export type WriteFailure =
  | { kind: 'rejected'; rejection: MutationRejected }
  | { kind: StorageFailureKind; detail: string };

export class DeskWriteError extends Error {
  constructor(readonly failure: WriteFailure) {
    super(failure.kind === 'rejected' ? failure.rejection.message : `storage.${failure.kind}`);
    this.name = 'DeskWriteError';
  }
}

export interface CommittedMutation {
  mutationId: string;
  seq: number;
}

/**
 * Runs mutations optimistically against IndexedDB and queues them for the central service, all in
 * ONE transaction with strict durability: the effect, the event-log entries and the outbox entries
 * are on disk together, or none of them is. Only then does the caller tell the user "saved".
 */
export async function commitMutations(
  db: DeskDatabase,
  session: DeskSession,
  requests: readonly MutationRequest[],
  now: () => Date = () => new Date(),
): Promise<CommittedMutation[]> {
  const { deskId } = await deskIdentity(db);
  const at = now().toISOString();
  const committed: CommittedMutation[] = [];
  try {
    await db.transaction('rw', [...MUTATION_TX_TABLES, 'outbox', 'meta'], async () => {
      // Shadows let the next pull undo these optimistic effects; before the desk's first pull
      // there is nothing to undo against (that pull replaces the tables), so none are kept.
      const tx = dexieMutationTx(db, { shadows: (await storedCursor(db)) !== null });
      let seq = await nextSequenceNumber(db);
      for (const request of requests) {
        const mutationId = newId();
        const context = { mutationId, staffId: session.staffId, staffRole: session.staffRole, deskId, at };
        await runMutation(tx, request.name, request.args, context);
        await db.outbox.add({ id: mutationId, seq, name: request.name, args: request.args, staffId: session.staffId, deskId, at });
        committed.push({ mutationId, seq });
        seq += 1;
      }
      await db.meta.put({ key: NEXT_SEQ_KEY, value: seq });
    });
  } catch (error) {
    throw new DeskWriteError(classifyWriteError(error));
  }
  return committed;
}

/**
 * The next of this desk's sequence numbers. Sync deletes acknowledged entries, so the outbox alone
 * cannot tell: the stored counter, the outbox and the server's last processed number all bound it
 * from below, and a number is never reused.
 */
async function nextSequenceNumber(db: DeskDatabase): Promise<number> {
  const stored = await db.meta.get(NEXT_SEQ_KEY);
  const processed = await db.meta.get(LAST_PROCESSED_SEQ_KEY);
  const last = await db.outbox.orderBy('seq').last();
  return Math.max(
    typeof stored?.value === 'number' ? stored.value : 1,
    typeof processed?.value === 'number' ? processed.value + 1 : 1,
    (last?.seq ?? 0) + 1,
  );
}

export function classifyWriteError(error: unknown): WriteFailure {
  if (isRejection(error)) return { kind: 'rejected', rejection: error };
  const name = error instanceof Error ? error.name : '';
  const inner = error instanceof Error && 'inner' in error && error.inner instanceof Error ? error.inner.name : '';
  const detail = error instanceof Error ? `${name}: ${error.message}`.slice(0, 200) : String(error).slice(0, 200);
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return { kind: 'storageFull', detail };
  if (['BlockedError', 'VersionError', 'DatabaseClosedError', 'OpenFailedError', 'UpgradeError', 'VersionChangeError'].includes(name)) {
    return { kind: 'storageBlocked', detail };
  }
  return { kind: 'storageFailed', detail };
}
