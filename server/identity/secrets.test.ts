import { describe, expect, it } from 'vitest';
import { hashSecret, newDeviceCredential, newEnrollmentCode, normalizeEnrollmentCode, secretMatches } from './secrets';

describe('identity secrets', () => {
  it('makes long random device credentials and matches them only by hash', () => {
    const credential = newDeviceCredential();
    expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newDeviceCredential()).not.toBe(credential);
    const stored = hashSecret(credential);
    expect(stored).not.toContain(credential);
    expect(secretMatches(credential, stored)).toBe(true);
    expect(secretMatches(`${credential}x`, stored)).toBe(false);
  });

  it('makes enrollment codes people can type, and forgives how they type them', () => {
    const code = newEnrollmentCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeEnrollmentCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeEnrollmentCode('k7p2 qx9m 3aio')).toBe('K7P2-QX9M-3A10');
    expect(normalizeEnrollmentCode('too-short')).toBeNull();
    expect(normalizeEnrollmentCode('K7P2-QX9M-3AU0')).toBeNull();
  });
});
