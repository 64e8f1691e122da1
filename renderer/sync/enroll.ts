import { z } from 'zod';
import { ErrorResponse } from '../../shared/sync/protocol';
import type { Bridge } from '../../shared/bridge/contract';
import type { DeskDatabase } from '../db/database';
import { adoptDeskId } from '../db/deskIdentity';
import { CURSOR_KEY, LAST_PROCESSED_SEQ_KEY } from '../db/database';
import { writeServerConfig } from './config';

const EnrollAnswer = z.object({ deskId: z.string(), buildingId: z.string(), buildingName: z.string(), credential: z.string().min(16).max(512) });

export type EnrollOutcome =
  | { ok: true; buildingName: string }
  /** `error` is a protocol error code (enrollmentCodeInvalid…), 'unreachable' or 'unexpected'. */
  | { ok: false; error: string; message: string };

export interface EnrollDependencies {
  db: DeskDatabase;
  bridge: Pick<Bridge, 'storeDeviceSecret'>;
  fetch: typeof fetch;
}

/**
 * Enrolls this desk with a central service using a manager's one-time code. The credential goes to
 * the OS keychain (through the bridge); the desk takes the id the service gave it and starts from a
 * clean slate: whatever it held before (the local demo) is dropped, and its first pull brings the
 * building's real data.
 */
export async function enrollDesk(
  input: { serverUrl: string; code: string; deskName: string },
  deps: EnrollDependencies,
): Promise<EnrollOutcome> {
  const serverUrl = input.serverUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(serverUrl)) return { ok: false, error: 'malformedRequest', message: 'serverUrl' };
  let response: Response;
  try {
    response = await deps.fetch(`${serverUrl}/api/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: input.code, deskName: input.deskName }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, error: 'unreachable', message: serverUrl };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = ErrorResponse.safeParse(body);
    return refusal.success ? { ok: false, error: refusal.data.error, message: refusal.data.message } : { ok: false, error: 'unexpected', message: `HTTP ${response.status}` };
  }
  const answer = EnrollAnswer.safeParse(body);
  if (!answer.success) return { ok: false, error: 'unexpected', message: 'malformed answer' };

  await deps.bridge.storeDeviceSecret(answer.data.credential);
  const { db } = deps;
  await db.transaction('rw', [db.buildings, db.units, db.residents, db.staff, db.packages, db.events, db.outbox, db.shadows, db.rejections, db.rejectionAcks, db.meta], async () => {
    await Promise.all([db.buildings, db.units, db.residents, db.staff, db.packages, db.events, db.outbox, db.shadows, db.rejections, db.rejectionAcks].map((table) => table.clear()));
    await db.meta.bulkDelete([CURSOR_KEY, LAST_PROCESSED_SEQ_KEY]);
    // A new desk for the service: its sequence numbers start again at 1.
    await db.meta.put({ key: 'nextSeq', value: 1 });
  });
  await adoptDeskId(db, answer.data.deskId);
  await writeServerConfig(db, { baseUrl: `${serverUrl}/api` });
  return { ok: true, buildingName: answer.data.buildingName };
}
