import { describe, expect, it, vi } from 'vitest';
import {
  bridgeChannel,
  bridgeContract,
  BRIDGE_METHODS,
  DEFAULT_DESK_SETTINGS,
  type Bridge,
  type BridgeMethod,
} from '../../shared/bridge/contract';
import { INVALID_ARGS, SAMPLE_ARGS, SAMPLE_DEVICE_SECRET } from '../../shared/bridge/contractSamples';
import { BridgeError, bridgeErrorCode } from '../../shared/bridge/errors';
import { trustedOrigins } from '../security/origins';
import { recordingLog } from '../testing/recordingLog';
import { createSenderValidator, type BridgeCallEvent, type SenderFrame } from '../security/senderValidation';
import { createMainBridge } from './mainBridge';
import { registerBridgeHandlers, type BridgeIpcMain } from './registerBridgeHandlers';

type Handler = (event: BridgeCallEvent, ...args: unknown[]) => Promise<unknown>;

/** A fake ipcMain that records handlers so tests can invoke them like a renderer would. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as unknown as BridgeIpcMain;
  const invoke = (method: BridgeMethod, event: BridgeCallEvent, args: readonly unknown[]) => {
    const handler = handlers.get(bridgeChannel(method));
    if (handler === undefined) throw new Error(`no handler for ${method}`);
    return handler(event, ...args);
  };
  return { ipcMain, handlers, invoke };
}

const appFrame: SenderFrame = { url: 'app://conserje/index.html', parent: null, processId: 3, routingId: 1 };
const goodEvent: BridgeCallEvent = { sender: { id: 10, mainFrame: appFrame }, senderFrame: appFrame };
const foreignEvent: BridgeCallEvent = {
  sender: { id: 10, mainFrame: appFrame },
  senderFrame: { ...appFrame, url: 'https://evil.example/' },
};

/** The real main bridge over in-memory fake services. */
function mainBridgeWithFakes() {
  let secret: string | null = null;
  let settings = DEFAULT_DESK_SETTINGS;
  const rendererLog = vi.fn();
  const deskActivity = vi.fn();
  const restartApp = vi.fn();
  const bridge = createMainBridge({
    appInfo: () => ({ appVersion: '1.2.3', platform: 'linux', host: 'electron', secretStorage: 'os-keychain' }),
    rendererLog,
    settings: {
      get: async () => settings,
      update: async (patch) => (settings = { ...settings, ...patch }),
      recovery: () => null,
    },
    secrets: {
      store: async (value) => void (secret = value),
      read: async () => secret,
      clear: async () => void (secret = null),
    },
    printer: { printLabel: async () => ({ outcome: 'printed', printerName: 'QL-820' }) },
    listPrinters: async () => [{ name: 'QL-820', displayName: 'Brother QL-820', isDefault: true }],
    deskActivity,
    saveDiagnostics: async () => ({ outcome: 'saved', fileName: 'conserje-diagnostics.json' }),
    restartApp,
  });
  return { bridge, rendererLog, deskActivity, restartApp };
}

function setup(implementation: Bridge = mainBridgeWithFakes().bridge) {
  const fake = fakeIpcMain();
  const log = recordingLog();
  const validateSender = createSenderValidator({ trusted: trustedOrigins(null), isBridgeWindow: (id) => id === 10 });
  const unregister = registerBridgeHandlers({ ipcMain: fake.ipcMain, implementation, validateSender, log });
  return { ...fake, log, unregister };
}

describe('registerBridgeHandlers', () => {
  it('registers exactly one handler per contract method, and removes them all', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual(BRIDGE_METHODS.map(bridgeChannel).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it.each(BRIDGE_METHODS)('%s: good arguments from the app give a result within the contract', async (method) => {
    const { invoke } = setup();
    const result = await invoke(method, goodEvent, SAMPLE_ARGS[method]);
    expect(bridgeContract[method].result.safeParse(result).success).toBe(true);
  });

  it.each(BRIDGE_METHODS)('%s: a foreign sender is refused before anything runs', async (method) => {
    const implementation = mainBridgeWithFakes().bridge;
    const spy = vi.spyOn(implementation, method);
    const { invoke, log } = setup(implementation);
    const call = invoke(method, foreignEvent, SAMPLE_ARGS[method]);
    await expect(call).rejects.toThrow(BridgeError);
    await call.catch((error: unknown) => expect(bridgeErrorCode(error)).toBe('bridge.forbidden_sender'));
    expect(spy).not.toHaveBeenCalled();
    expect(log.calls).toContainEqual(['warn', 'bridge.forbidden_sender', { method, reason: 'untrustedOrigin' }]);
  });

  it.each(BRIDGE_METHODS)('%s: invalid arguments are refused with a clear, coded error', async (method) => {
    const implementation = mainBridgeWithFakes().bridge;
    const spy = vi.spyOn(implementation, method);
    const { invoke, log } = setup(implementation);
    const call = invoke(method, goodEvent, INVALID_ARGS[method]);
    await expect(call).rejects.toThrow(new RegExp(`^\\[bridge\\.invalid_arguments\\] ${method}: `));
    expect(spy).not.toHaveBeenCalled();
    expect(log.calls.some(([level, code]) => level === 'warn' && code === 'bridge.invalid_arguments')).toBe(true);
  });

  it('passes validated (and normalised) arguments to the implementation', async () => {
    const { bridge, rendererLog } = mainBridgeWithFakes();
    const update = vi.spyOn(bridge, 'updateSettings');
    const { invoke } = setup(bridge);
    await invoke('updateSettings', goodEvent, [{ deskName: '  Lobby  ', unknownKey: 1 }]);
    expect(update).toHaveBeenCalledWith({ deskName: 'Lobby' });
    await invoke('log', goodEvent, SAMPLE_ARGS.log);
    expect(rendererLog).toHaveBeenCalledWith(...SAMPLE_ARGS.log);
  });

  it('passes desk activity on and restarts on request', async () => {
    const { bridge, deskActivity, restartApp } = mainBridgeWithFakes();
    const { invoke } = setup(bridge);
    await invoke('setDeskActivity', goodEvent, [{ signedIn: false, pendingChanges: 7 }]);
    expect(deskActivity).toHaveBeenCalledWith({ signedIn: false, pendingChanges: 7 });
    expect(await invoke('restartApp', goodEvent, [])).toBeNull();
    expect(restartApp).toHaveBeenCalledTimes(1);
  });

  it('round-trips the device secret through the handlers', async () => {
    const { invoke } = setup();
    await invoke('storeDeviceSecret', goodEvent, [SAMPLE_DEVICE_SECRET]);
    expect(await invoke('readDeviceSecret', goodEvent, [])).toBe(SAMPLE_DEVICE_SECRET);
    await invoke('clearDeviceSecret', goodEvent, []);
    expect(await invoke('readDeviceSecret', goodEvent, [])).toBeNull();
  });

  it('refuses a result outside the contract instead of passing it on', async () => {
    const implementation = mainBridgeWithFakes().bridge;
    vi.spyOn(implementation, 'getAppInfo').mockResolvedValue({ appVersion: '1', platform: 'x', host: 'mainframe' } as never);
    const { invoke, log } = setup(implementation);
    await expect(invoke('getAppInfo', goodEvent, [])).rejects.toThrow(/^\[bridge\.invalid_result\] getAppInfo/);
    expect(log.calls.some(([level, code]) => level === 'error' && code === 'bridge.invalid_result')).toBe(true);
  });

  it('turns an unexpected failure into a generic coded error and logs the cause', async () => {
    const implementation = mainBridgeWithFakes().bridge;
    const cause = new Error("EACCES: permission denied, open '/home/ana/.config/Conserje/settings.json'");
    vi.spyOn(implementation, 'getSettings').mockRejectedValue(cause);
    const { invoke, log } = setup(implementation);
    const call = invoke('getSettings', goodEvent, []);
    await expect(call).rejects.toThrow('[bridge.internal_error] getSettings failed');
    await call.catch((error: unknown) => expect(String(error)).not.toContain('/home/ana'));
    expect(log.calls).toContainEqual(['error', 'bridge.internal_error', { method: 'getSettings', error: cause }]);
  });

  it('passes a host BridgeError through with its code', async () => {
    const implementation = mainBridgeWithFakes().bridge;
    vi.spyOn(implementation, 'storeDeviceSecret').mockRejectedValue(
      new BridgeError('secret.storage_unavailable', 'no keyring'),
    );
    const { invoke } = setup(implementation);
    await expect(invoke('storeDeviceSecret', goodEvent, [SAMPLE_DEVICE_SECRET])).rejects.toThrow(
      '[secret.storage_unavailable] no keyring',
    );
  });
});
