// Errors a bridge call can reject with. Electron's ipcMain.handle sends only an error's message
// to the renderer (wrapped as "Error invoking remote method '<channel>': Error: <message>"), so
// the code travels inside the message as a "[code]" prefix and `bridgeErrorCode()` reads it back.
// The renderer maps codes to translated text; the detail after the code is for logs and
// developers, and never carries argument values.

export const BRIDGE_ERROR_CODES = [
  /** The call came from a frame that is not the app's own top-level page. */
  'bridge.forbidden_sender',
  /** The arguments do not match the contract's schema. */
  'bridge.invalid_arguments',
  /** The host produced a result outside the contract (a bug on the host side). */
  'bridge.invalid_result',
  /** Any other host failure; details are in the host's log, not in the message. */
  'bridge.internal_error',
  /** The OS offers no encryption for secrets (no keychain / keyring), so nothing is stored. */
  'secret.storage_unavailable',
  /** A stored device secret exists but cannot be decrypted or is malformed. */
  'secret.unreadable',
  /** Settings could not be saved (disk full, permissions, storage quota). */
  'settings.write_failed',
] as const;

export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export class BridgeError extends Error {
  override readonly name = 'BridgeError';

  constructor(
    readonly code: BridgeErrorCode,
    readonly detail: string,
  ) {
    super(`[${code}] ${detail}`);
  }
}

const CODE_IN_MESSAGE = /\[([a-z]+\.[a-z_]+)\]/;

/** The bridge error code carried by an error (also after crossing IPC), or null. */
export function bridgeErrorCode(error: unknown): BridgeErrorCode | null {
  if (error instanceof BridgeError) return error.code;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : null;
  const found = message === null ? null : CODE_IN_MESSAGE.exec(message)?.[1];
  return found !== undefined && found !== null && isBridgeErrorCode(found) ? found : null;
}

function isBridgeErrorCode(value: string): value is BridgeErrorCode {
  return (BRIDGE_ERROR_CODES as readonly string[]).includes(value);
}
