import { randomUUID } from 'node:crypto';
import type { ServerDb } from '../db/database';
import { insertDesk } from '../db/desks';
import { SyncError } from '../sync/errors';
import { hashSecret, newDeviceCredential, newEnrollmentCode, normalizeEnrollmentCode, secretMatches } from './secrets';

export const DEFAULT_CODE_LIFETIME_HOURS = 24;

export interface IssuedEnrollmentCode {
  code: string;
  expiresAt: string;
}

/** A one-time code a manager gives to a new desk. Only its hash is stored. */
export async function issueEnrollmentCode(
  db: ServerDb,
  input: { buildingId: string; createdBy: string; lifetimeHours?: number; now?: Date },
): Promise<IssuedEnrollmentCode> {
  const now = input.now ?? new Date();
  const code = newEnrollmentCode();
  const expiresAt = new Date(now.getTime() + (input.lifetimeHours ?? DEFAULT_CODE_LIFETIME_HOURS) * 3_600_000).toISOString();
  await db.kysely
    .insertInto('enrollment_codes')
    .values({ code_hash: hashSecret(code), building_id: input.buildingId, created_by: input.createdBy, created_at: now.toISOString(), expires_at: expiresAt, used_at: null, desk_id: null })
    .execute();
  return { code, expiresAt };
}

export interface EnrolledDesk {
  deskId: string;
  buildingId: string;
  /** `<deskId>.<secret>`: the desk keeps it in the OS keychain and sends it as a bearer token. */
  credential: string;
}

/**
 * Exchanges a valid, unexpired, unused code for a device credential. The code is spent in the same
 * transaction that creates the desk, so two desks racing with one code cannot both enroll.
 */
export async function redeemEnrollmentCode(db: ServerDb, input: { code: string; deskName: string; now?: Date }): Promise<EnrolledDesk> {
  const normalized = normalizeEnrollmentCode(input.code);
  if (!normalized) throw new SyncError('enrollmentCodeInvalid', 'this is not an enrollment code: check it and type it again');
  const now = (input.now ?? new Date()).toISOString();
  const deskId = `desk-${randomUUID()}`;
  const secret = newDeviceCredential();
  const invalid = () => new SyncError('enrollmentCodeInvalid', 'this enrollment code is unknown, expired or already used: ask a manager for a new one');
  return db.kysely.transaction().execute(async (trx) => {
    const codeHash = hashSecret(normalized);
    const valid = await trx
      .selectFrom('enrollment_codes')
      .select('building_id')
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!valid) throw invalid();
    await insertDesk({ ...db, kysely: trx }, { id: deskId, buildingId: valid.building_id, name: input.deskName, credentialHash: hashSecret(secret), enrolledAt: now });
    // Spend the code only if nobody spent it meanwhile; otherwise this desk is rolled back too.
    const spent = await trx.updateTable('enrollment_codes').set({ used_at: now, desk_id: deskId }).where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
    if (spent.numUpdatedRows !== 1n) throw invalid();
    return { deskId, buildingId: valid.building_id, credential: `${deskId}.${secret}` };
  });
}

export interface AuthenticatedDesk {
  deskId: string;
  buildingId: string;
}

/** The desk a bearer credential belongs to; revoked or unknown desks are refused. */
export async function authenticateDesk(db: ServerDb, credential: string): Promise<AuthenticatedDesk> {
  const separator = credential.lastIndexOf('.');
  const deskId = credential.slice(0, separator);
  const secret = credential.slice(separator + 1);
  if (separator <= 0 || !/^desk-[0-9a-f-]{36}$/.test(deskId) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
    throw new SyncError('unauthenticated', 'missing or malformed device credential: enroll this desk again');
  }
  const desk = await db.kysely.selectFrom('desks').select(['building_id', 'credential_hash', 'revoked_at']).where('id', '=', deskId).executeTakeFirst();
  if (!desk || !secretMatches(secret, desk.credential_hash)) throw new SyncError('unauthenticated', 'unknown device credential: enroll this desk again');
  if (desk.revoked_at !== null) throw new SyncError('deviceRevoked', 'this desk was revoked by a manager: enroll it again with a new code');
  return { deskId, buildingId: desk.building_id };
}
