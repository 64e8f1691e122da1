import { z } from 'zod';
import type { DeskDatabase } from '../db/database';
import type { SyncStatus } from './syncStore';

/** Meta key of the syncing window's last status, which the other windows show. */
export const SYNC_STATUS_KEY = 'syncStatus';

const PersistedStatus = z.object({
  state: z.enum(['local', 'online', 'offline', 'syncing', 'error', 'updateRequired', 'notEnrolled']),
  lastSuccessAt: z.string().nullable(),
  lastError: z
    .object({
      key: z.enum(['unreachable', 'serverUnavailable', 'updateRequired', 'notEnrolled', 'revoked', 'sequenceGap', 'requestRefused', 'badResponse', 'storage']),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      at: z.string(),
    })
    .nullable(),
  nextRetryAt: z.string().nullable(),
});
export type PersistedStatus = Pick<SyncStatus, 'state' | 'lastSuccessAt' | 'lastError' | 'nextRetryAt'>;

export async function readPersistedStatus(db: DeskDatabase): Promise<PersistedStatus | null> {
  const entry = await db.meta.get(SYNC_STATUS_KEY);
  const parsed = PersistedStatus.safeParse(entry?.value);
  return parsed.success ? parsed.data : null;
}

export async function writePersistedStatus(db: DeskDatabase, status: PersistedStatus): Promise<void> {
  await db.meta.put({ key: SYNC_STATUS_KEY, value: status });
}
