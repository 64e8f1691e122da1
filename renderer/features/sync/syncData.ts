import { useLiveQuery } from 'dexie-react-hooks';
import type { TFunction } from 'i18next';
import type { Staff } from '../../../shared/domain/model';
import { MutationRejected } from '../../../shared/mutations/rejection';
import type { Rejection } from '../../../shared/sync/protocol';
import type { DeskDatabase, OutboxEntry } from '../../db/database';
import { deskDatabase } from '../../data/database';
import { describeWriteFailure } from '../../data/useCommit';

export const PENDING_SHOWN = 200;

export interface PendingChange {
  entry: OutboxEntry;
  /** The package's short code when the change is about one package. */
  shortCode: string | null;
}

/** The first pending changes in the order they will be sent, with what they are about. */
export async function pendingChanges(db: DeskDatabase, limit = PENDING_SHOWN): Promise<{ shown: PendingChange[]; total: number }> {
  const [entries, total] = await Promise.all([db.outbox.orderBy('seq').limit(limit).toArray(), db.outbox.count()]);
  const packageIds = entries.map((entry) => packageIdOf(entry.args));
  const packages = await db.packages.bulkGet(packageIds.map((id) => id ?? ''));
  const shown = entries.map((entry, i) => {
    const args = entry.args as { shortCode?: unknown };
    const shortCode = typeof args?.shortCode === 'string' ? args.shortCode : (packages[i]?.shortCode ?? null);
    return { entry, shortCode };
  });
  return { shown, total };
}

function packageIdOf(args: unknown): string | null {
  if (typeof args !== 'object' || args === null || !('packageId' in args)) return null;
  return typeof args.packageId === 'string' ? args.packageId : null;
}

export function usePendingChanges(): { shown: PendingChange[]; total: number } | undefined {
  return useLiveQuery(() => pendingChanges(deskDatabase()));
}

export function useStaffById(): Map<string, Staff> {
  const staff = useLiveQuery(() => deskDatabase().staff.toArray());
  return new Map((staff ?? []).map((member) => [member.id, member]));
}

/** The reason a rejection gives, in the staff member's language, with its parameters filled in. */
export function rejectionReason(t: TFunction, rejection: Pick<Rejection, 'code' | 'params'>): string {
  return describeWriteFailure(t, { kind: 'rejected', rejection: new MutationRejected(rejection.code, rejection.params) });
}
