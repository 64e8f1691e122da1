import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { DeviceSecret } from '../../shared/bridge/contract';
import { BridgeError } from '../../shared/bridge/errors';
import { writeFileAtomic } from '../fs/atomicWrite';
import type { EventLog } from '../logging/eventLog';

// The desk's enrolment secret, encrypted with the OS keychain through Electron's safeStorage
// (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux) and kept in
// userData/device-secret.bin. When the OS offers no real encryption the secret is NOT stored: a
// plaintext credential on a shared lobby PC is worse than asking a manager to enrol again.

export const DEVICE_SECRET_FILE = 'device-secret.bin';

/** The safeStorage slice used. The async API: the synchronous one is deprecated in Electron 45. */
export type SecretCipher = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface DeviceSecretStore {
  store(secret: string): Promise<void>;
  read(): Promise<string | null>;
  clear(): Promise<void>;
}

export interface DeviceSecretStoreOptions {
  directory: string;
  cipher: SecretCipher;
  platform: NodeJS.Platform;
  log: EventLog;
}

export function createDeviceSecretStore(options: DeviceSecretStoreOptions): DeviceSecretStore {
  const filePath = path.join(options.directory, DEVICE_SECRET_FILE);
  const { cipher, log } = options;

  async function assertEncryptionAvailable(): Promise<void> {
    if (!(await cipher.isAsyncEncryptionAvailable())) {
      log.error('secret.storage_unavailable', { backend: 'none' });
      throw new BridgeError('secret.storage_unavailable', 'the operating system offers no secret storage');
    }
    // On Linux without a keyring, safeStorage "encrypts" with a hard-coded key (basic_text):
    // that is plaintext in disguise, so it counts as unavailable.
    if (options.platform === 'linux') {
      const backend = cipher.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        log.error('secret.storage_unavailable', { backend });
        throw new BridgeError(
          'secret.storage_unavailable',
          `no keyring available (${backend}); install and unlock GNOME Keyring or KWallet`,
        );
      }
    }
  }

  async function writeEncrypted(secret: string): Promise<void> {
    const encrypted = await cipher.encryptStringAsync(secret);
    await mkdir(options.directory, { recursive: true });
    // 0o600: readable by this OS user only, on top of the keychain encryption.
    await writeFileAtomic(filePath, encrypted, { mode: 0o600 });
  }

  return {
    async store(secret) {
      await assertEncryptionAvailable();
      await writeEncrypted(DeviceSecret.parse(secret));
      log.info('secret.stored');
    },

    async read() {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(filePath);
      } catch (error: unknown) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      await assertEncryptionAvailable();
      let decrypted: { result: string; shouldReEncrypt: boolean };
      try {
        decrypted = await cipher.decryptStringAsync(encrypted);
      } catch {
        // Typically the keychain entry was reset or the profile was copied to another machine.
        log.error('secret.unreadable', { reason: 'decryptFailed' });
        throw new BridgeError('secret.unreadable', 'the stored device secret cannot be decrypted; enrol again');
      }
      const parsed = DeviceSecret.safeParse(decrypted.result);
      if (!parsed.success) {
        log.error('secret.unreadable', { reason: 'malformed' });
        throw new BridgeError('secret.unreadable', 'the stored device secret is malformed; enrol again');
      }
      if (decrypted.shouldReEncrypt) {
        // The OS rotated its key: store under the new one; failure is harmless (old still works).
        await writeEncrypted(parsed.data).catch(() => log.warn('secret.reencrypt_failed'));
      }
      return parsed.data;
    },

    async clear() {
      await unlink(filePath).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      });
      log.info('secret.cleared');
    },
  };
}
