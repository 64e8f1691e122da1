import { randomBytes } from '../platform/globals';

// Shelf-label codes: 6 characters of Crockford base32 (no I, L, O, U), so they read aloud well,
// survive a smudged label and never look like a tracking number (those are 8+ characters).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHORT_CODE_LENGTH = 6;
export const SHORT_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{6}$/;

export function randomShortCode(): string {
  const bytes = randomBytes(SHORT_CODE_LENGTH);
  return Array.from(bytes, (byte) => ALPHABET[byte % 32]).join('');
}

/** Reads a scanned or typed code the forgiving Crockford way: O→0, I/L→1, lower case allowed. */
export function normalizeShortCode(raw: string): string | null {
  const code = raw.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return SHORT_CODE_PATTERN.test(code) ? code : null;
}
