import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeErrorCode } from '../../shared/bridge/errors';
import { SAMPLE_DEVICE_SECRET } from '../../shared/bridge/contractSamples';
import { recordingLog } from '../testing/recordingLog';
import { createDeviceSecretStore, DEVICE_SECRET_FILE, type SecretCipher } from './deviceSecretStore';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'conserje-secret-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for safeStorage: reversible "encryption" that is visibly not plaintext. */
function fakeCipher(overrides: Partial<SecretCipher> = {}): SecretCipher {
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (text) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
    decryptStringAsync: async (data) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(text.slice(4), 'base64').toString(), shouldReEncrypt: false };
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
}

function store(cipher: SecretCipher = fakeCipher(), platform: NodeJS.Platform = 'linux') {
  return createDeviceSecretStore({ directory: dir, cipher, platform, log: recordingLog() });
}

const codeOf = async (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => bridgeErrorCode(error));

describe('device secret store', () => {
  it('stores the secret encrypted, owner-only, and reads it back', async () => {
    const secrets = store();
    expect(await secrets.read()).toBeNull();
    await secrets.store(SAMPLE_DEVICE_SECRET);
    const raw = await readFile(path.join(dir, DEVICE_SECRET_FILE));
    expect(raw.toString()).not.toContain(SAMPLE_DEVICE_SECRET);
    if (process.platform !== 'win32') expect((await stat(path.join(dir, DEVICE_SECRET_FILE))).mode & 0o777).toBe(0o600);
    expect(await secrets.read()).toBe(SAMPLE_DEVICE_SECRET);
    await secrets.clear();
    expect(await secrets.read()).toBeNull();
    await secrets.clear(); // idempotent
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses to store anything when the OS offers no encryption', async () => {
    const secrets = store(fakeCipher({ isAsyncEncryptionAvailable: async () => false }));
    expect(await codeOf(secrets.store(SAMPLE_DEVICE_SECRET))).toBe('secret.storage_unavailable');
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses Linux's basic_text backend, which is plaintext with a fixed key", async () => {
    const encrypt = vi.fn(async (text: string) => Buffer.from(text));
    const secrets = store(fakeCipher({ getSelectedStorageBackend: () => 'basic_text', encryptStringAsync: encrypt }));
    expect(await codeOf(secrets.store(SAMPLE_DEVICE_SECRET))).toBe('secret.storage_unavailable');
    expect(encrypt).not.toHaveBeenCalled();
    expect(await readdir(dir)).toEqual([]);
  });

  it('does not ask for a Linux backend on other platforms', async () => {
    const backend = vi.fn(() => 'unknown' as const);
    await store(fakeCipher({ getSelectedStorageBackend: backend }), 'win32').store(SAMPLE_DEVICE_SECRET);
    expect(backend).not.toHaveBeenCalled();
  });

  it('reports an undecryptable secret with a coded error', async () => {
    await writeFile(path.join(dir, DEVICE_SECRET_FILE), 'garbage');
    expect(await codeOf(store().read())).toBe('secret.unreadable');
  });

  it('refuses a secret that is not a valid device secret, storing nothing', async () => {
    await expect(store().store('short')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('re-encrypts when the OS rotated its key', async () => {
    const encrypt = vi.fn(fakeCipher().encryptStringAsync);
    const base = fakeCipher({ encryptStringAsync: encrypt });
    const secrets = store({
      ...base,
      decryptStringAsync: async (data) => ({ ...(await fakeCipher().decryptStringAsync(data)), shouldReEncrypt: true }),
    });
    await secrets.store(SAMPLE_DEVICE_SECRET);
    expect(await secrets.read()).toBe(SAMPLE_DEVICE_SECRET);
    expect(encrypt).toHaveBeenCalledTimes(2);
  });
});
