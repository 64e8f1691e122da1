import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Device credentials and enrollment codes are random secrets; the database keeps only their
// SHA-256. They are long and random (not passwords), so a fast hash is the right tool: a stolen
// table does not reveal a usable credential.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A device credential: 256 random bits, base64url. Stored by the desk in the OS keychain. */
export function newDeviceCredential(): string {
  return randomBytes(32).toString('base64url');
}

/** A one-time enrollment code a manager reads out or types: 12 Crockford characters in 3 groups. */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(12);
  const characters = Array.from(bytes, (byte) => CROCKFORD[byte % 32]).join('');
  return `${characters.slice(0, 4)}-${characters.slice(4, 8)}-${characters.slice(8, 12)}`;
}

/** Enrollment codes are typed by people: case, spaces, dashes and look-alike letters are forgiven. */
export function normalizeEnrollmentCode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
