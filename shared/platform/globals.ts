// Typed access to the platform globals that browsers and Node >= 20 share.
// shared/ is compiled without the DOM lib or Node types, yet both the browser and Node >= 20 expose
// the same WebCrypto object on globalThis. This is the small, typed slice of it that shared code uses.

export interface SharedSubtleCrypto {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: 'PBKDF2',
    extractable: false,
    keyUsages: ['deriveBits'],
  ): Promise<unknown>;
  deriveBits(
    algorithm: { name: 'PBKDF2'; hash: 'SHA-256'; salt: Uint8Array; iterations: number },
    baseKey: unknown,
    length: number,
  ): Promise<ArrayBuffer>;
}

interface SharedWebCrypto {
  randomUUID(): string;
  getRandomValues<T extends Uint8Array>(array: T): T;
  subtle: SharedSubtleCrypto;
}

interface SharedTextEncoder {
  encode(input: string): Uint8Array;
}

const platform = globalThis as unknown as {
  crypto: SharedWebCrypto;
  TextEncoder: new () => SharedTextEncoder;
};

export const webCrypto: SharedWebCrypto = platform.crypto;

export function utf8(text: string): Uint8Array {
  return new platform.TextEncoder().encode(text);
}

export function newId(): string {
  return platform.crypto.randomUUID();
}

export function randomBytes(length: number): Uint8Array {
  return platform.crypto.getRandomValues(new Uint8Array(length));
}

const cloneFunction = (globalThis as unknown as { structuredClone<T>(value: T): T }).structuredClone;

/** A deep copy, as IndexedDB and SQL rows are copies (structuredClone in browsers and Node >= 17). */
export function deepClone<T>(value: T): T {
  return cloneFunction(value);
}
