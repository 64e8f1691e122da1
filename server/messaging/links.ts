import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';

// The resident page's only way in: a one-time link in an e-mail the service sent to the
// resident's own address. Opening it (a POST, so mail scanners that fetch links do not use it up)
// trades it, once, for a session cookie on that device. Tokens are random and kept only as
// hashes: a copy of the database opens nobody's page.

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token as it appears in a URL or cookie: 43 base64url characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function createResidentLink(
  db: Kysely<Schema>,
  link: { buildingId: string; residentId: string; now: Date; hours: number },
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(link.now.getTime() + link.hours * 3_600_000).toISOString();
  await db
    .insertInto('resident_links')
    .values({ token_hash: tokenHash(token), building_id: link.buildingId, resident_id: link.residentId, created_at: link.now.toISOString(), expires_at: expiresAt, used_at: null })
    .execute();
  return { token, expiresAt };
}

export type LinkState =
  | { state: 'valid'; buildingId: string; residentId: string; expiresAt: string }
  | { state: 'used' | 'expired'; buildingId: string; residentId: string }
  | { state: 'unknown' };

/** What a link is now, without using it. */
export async function inspectLink(db: Kysely<Schema>, token: string, now: Date): Promise<LinkState> {
  if (!TOKEN_PATTERN.test(token)) return { state: 'unknown' };
  const row = await db.selectFrom('resident_links').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!row) return { state: 'unknown' };
  if (row.used_at !== null) return { state: 'used', buildingId: row.building_id, residentId: row.resident_id };
  if (row.expires_at <= now.toISOString()) return { state: 'expired', buildingId: row.building_id, residentId: row.resident_id };
  return { state: 'valid', buildingId: row.building_id, residentId: row.resident_id, expiresAt: row.expires_at };
}

export interface ResidentSession {
  buildingId: string;
  residentId: string;
  /** Must come back in every form the page posts. */
  formToken: string;
}

/**
 * Uses a link: one UPDATE that succeeds only while it is unused and unexpired, so two clicks (or
 * two devices) racing for it get one session between them. Returns the session's cookie token.
 */
export async function redeemLink(
  db: Kysely<Schema>,
  token: string,
  options: { now: Date; sessionHours: number },
): Promise<{ cookie: string; session: ResidentSession } | LinkState> {
  const state = await inspectLink(db, token, options.now);
  if (state.state !== 'valid') return state;
  const now = options.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('resident_links')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return { state: 'used' as const, buildingId: state.buildingId, residentId: state.residentId };
    const cookie = newToken();
    const formToken = newToken();
    await trx
      .insertInto('resident_sessions')
      .values({
        token_hash: tokenHash(cookie),
        building_id: state.buildingId,
        resident_id: state.residentId,
        form_token: formToken,
        created_at: now,
        expires_at: new Date(options.now.getTime() + options.sessionHours * 3_600_000).toISOString(),
      })
      .execute();
    return { cookie, session: { buildingId: state.buildingId, residentId: state.residentId, formToken } };
  });
}

export async function lookupSession(db: Kysely<Schema>, cookie: string | undefined, now: Date): Promise<ResidentSession | null> {
  if (!cookie || !TOKEN_PATTERN.test(cookie)) return null;
  const row = await db
    .selectFrom('resident_sessions')
    .select(['building_id', 'resident_id', 'form_token'])
    .where('token_hash', '=', tokenHash(cookie))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? { buildingId: row.building_id, residentId: row.resident_id, formToken: row.form_token } : null;
}

export async function endSession(db: Kysely<Schema>, cookie: string): Promise<void> {
  if (TOKEN_PATTERN.test(cookie)) await db.deleteFrom('resident_sessions').where('token_hash', '=', tokenHash(cookie)).execute();
}
