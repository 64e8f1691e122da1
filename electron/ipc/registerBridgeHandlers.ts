import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { BRIDGE_METHODS, bridgeChannel, type Bridge, type BridgeMethod } from '../../shared/bridge/contract';
import { BridgeError } from '../../shared/bridge/errors';
import {
  parseBridgeArgs,
  parseBridgeResult,
  type BridgeArgs,
  type BridgeResult,
} from '../../shared/bridge/validation';
import type { EventLog } from '../logging/eventLog';
import type { BridgeCallEvent, SenderValidator } from '../security/senderValidation';

// One ipcMain.handle per contract method. Each call is checked in the same order: who is asking
// (sender frame), what they ask (arguments against the contract schema), and what we answer
// (result against the contract schema). Every refusal rejects the renderer's promise with a
// coded BridgeError and is logged with the same code; nothing here can crash the main process.

export type BridgeIpcMain = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** The host's implementation of each method, keyed so a generic method name stays correlated. */
type BridgeImplementation = { [M in BridgeMethod]: (...args: BridgeArgs<M>) => Promise<BridgeResult<M>> };

export interface RegisterBridgeHandlersOptions {
  ipcMain: BridgeIpcMain;
  implementation: Bridge;
  validateSender: SenderValidator;
  log: EventLog;
}

/** Registers the handlers and returns a function that removes them. */
export function registerBridgeHandlers(options: RegisterBridgeHandlersOptions): () => void {
  const { ipcMain } = options;
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(bridgeChannel(method), (event: IpcMainInvokeEvent, ...args: unknown[]) =>
      handleBridgeCall(options, method, event, args),
    );
  }
  return () => {
    for (const method of BRIDGE_METHODS) ipcMain.removeHandler(bridgeChannel(method));
  };
}

/** Exported for tests: the full check-call-check pipeline for one invocation. */
export async function handleBridgeCall<M extends BridgeMethod>(
  options: Pick<RegisterBridgeHandlersOptions, 'implementation' | 'validateSender' | 'log'>,
  method: M,
  event: BridgeCallEvent,
  rawArgs: readonly unknown[],
): Promise<BridgeResult<M>> {
  const { log } = options;
  const implementation: BridgeImplementation = options.implementation;

  const sender = options.validateSender(event);
  if (!sender.ok) {
    log.warn('bridge.forbidden_sender', { method, reason: sender.reason });
    throw new BridgeError('bridge.forbidden_sender', `${method}: ${sender.reason}`);
  }

  let args: BridgeArgs<M>;
  try {
    args = parseBridgeArgs(method, rawArgs);
  } catch (error: unknown) {
    return refuse(log, method, error);
  }

  let result: unknown;
  try {
    result = await implementation[method](...args);
  } catch (error: unknown) {
    return refuse(log, method, error);
  }

  try {
    return parseBridgeResult(method, result);
  } catch (error: unknown) {
    return refuse(log, method, error);
  }
}

/**
 * Logs and rethrows. A BridgeError passes through with its code. Anything else is an unexpected
 * host failure: its message can hold file paths (with the user's name) or other detail the
 * renderer has no use for, so the renderer gets a generic coded error and the log gets the rest
 * (the log hook scrubs personal data from it).
 */
function refuse(log: EventLog, method: BridgeMethod, error: unknown): never {
  if (error instanceof BridgeError) {
    const level = error.code === 'bridge.invalid_result' || error.code === 'bridge.internal_error' ? 'error' : 'warn';
    log[level](error.code, { method, detail: error.detail });
    throw error;
  }
  log.error('bridge.internal_error', { method, error });
  throw new BridgeError('bridge.internal_error', `${method} failed`);
}
