import type { PinVerifier } from '../domain/model';
import { randomBytes, utf8, webCrypto } from '../platform/globals';

// PBKDF2-SHA-256 with a per-staff salt. The iteration count is a balance: a verifier copied off a
// desk should be slow to brute-force, yet sign-in at the desk must feel instant (~100 ms).
export const PIN_ITERATIONS = 210_000;
const HASH_BITS = 256;

export const PIN_PATTERN = /^[0-9]{4,8}$/;

export function isWellFormedPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export async function createPinVerifier(pin: string, iterations = PIN_ITERATIONS, salt = randomBytes(16)): Promise<PinVerifier> {
  if (!isWellFormedPin(pin)) throw new Error('pin.malformed');
  const hash = await derive(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toHex(salt), hash: toHex(hash) };
}

export async function verifyPin(pin: string, verifier: PinVerifier): Promise<boolean> {
  if (!isWellFormedPin(pin)) return false;
  const expected = fromHex(verifier.hash);
  const actual = await derive(pin, fromHex(verifier.salt), verifier.iterations);
  return constantTimeEqual(actual, expected);
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await webCrypto.subtle.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await webCrypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
