import { describe, expect, it, vi } from 'vitest';
import {
  bridgeContract,
  BRIDGE_METHODS,
  DEFAULT_DESK_SETTINGS,
  LABEL_PRESETS,
  type Bridge,
  type BridgeMethod,
} from '../../shared/bridge/contract';
import { INVALID_ARGS, SAMPLE_ARGS, SAMPLE_DEVICE_SECRET, SAMPLE_LABEL } from '../../shared/bridge/contractSamples';
import { bridgeErrorCode } from '../../shared/bridge/errors';
import { parseLabelPageFragment } from '../../shared/bridge/labelPage';
import { REDACTED } from '../../shared/bridge/redact';
import { createBrowserBridge, platformFromNavigator, STORAGE_KEYS, type StorageLike } from './browserBridge';
import type { LabelFrame } from './labelFrame';
import { createLogRing } from './logRing';

/** localStorage stand-in; `full` makes setItem throw like a quota error. */
function fakeStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  const storage = {
    full: false,
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (storage.full) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
  };
  return storage satisfies StorageLike;
}

/** A label frame whose page title sequence and print behaviour the test chooses. */
function fakeFrame(options: { title?: string | null; loads?: boolean; printFails?: boolean } = {}) {
  const frame = {
    url: null as string | null,
    printed: 0,
    removed: false,
    load: vi.fn((url: string) => {
      frame.url = url;
      return options.loads === false ? new Promise<void>(() => undefined) : Promise.resolve();
    }),
    title: () => (options.title === undefined ? 'label-ready' : options.title),
    print: () => {
      frame.printed += 1;
      return options.printFails === true ? Promise.reject(new Error('no window')) : Promise.resolve();
    },
    remove: () => void (frame.removed = true),
  };
  return frame satisfies LabelFrame;
}

function setup(options: { storage?: ReturnType<typeof fakeStorage>; frame?: ReturnType<typeof fakeFrame> } = {}) {
  const storage = options.storage ?? fakeStorage();
  const frame = options.frame ?? fakeFrame();
  const console = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const logRing = createLogRing(3);
  const bridge = createBrowserBridge({
    storage,
    console,
    createLabelFrame: () => frame,
    appVersion: '0.1.0',
    platform: 'linux',
    logRing,
    now: () => new Date('2025-01-31T09:05:07.123Z'),
    labelPrintTiming: { loadTimeoutMs: 50, readyGraceMs: 20, pollMs: 5 },
  });
  return { bridge, storage, frame, console, logRing };
}

function call<M extends BridgeMethod>(bridge: Bridge, method: M, args: readonly unknown[]): Promise<unknown> {
  return (bridge[method] as (...args: readonly unknown[]) => Promise<unknown>)(...args);
}

describe('browser bridge: contract conformance', () => {
  it('implements exactly the contract methods', () => {
    expect(Object.keys(setup().bridge).sort()).toEqual([...BRIDGE_METHODS].sort());
  });

  it.each(BRIDGE_METHODS)('%s returns a value that parses with its result schema', async (method) => {
    const { bridge } = setup();
    if (method === 'readDeviceSecret') await bridge.storeDeviceSecret(SAMPLE_DEVICE_SECRET);
    const result = await call(bridge, method, SAMPLE_ARGS[method]);
    expect(bridgeContract[method].result.safeParse(result).success).toBe(true);
  });

  it.each(BRIDGE_METHODS)('%s refuses invalid arguments like the Electron host', async (method) => {
    const { bridge, storage } = setup();
    const before = new Map(storage.items);
    const error = await call(bridge, method, INVALID_ARGS[method]).then(() => null, (caught: unknown) => caught);
    expect(bridgeErrorCode(error)).toBe('bridge.invalid_arguments');
    expect(storage.items).toEqual(before);
  });
});

describe('browser bridge: behaviour', () => {
  it('reports the browser host and its weaker secret storage', async () => {
    expect(await setup().bridge.getAppInfo()).toEqual({
      appVersion: '0.1.0',
      platform: 'linux',
      host: 'browser',
      secretStorage: 'browser-storage',
    });
  });

  it('persists settings in storage and reads them back', async () => {
    const { bridge, storage } = setup();
    expect(await bridge.getSettings()).toEqual(DEFAULT_DESK_SETTINGS);
    const updated = await bridge.updateSettings({ deskName: ' Lobby ', labelSize: LABEL_PRESETS['4x6in'] });
    expect(updated).toMatchObject({ deskName: 'Lobby', labelSize: LABEL_PRESETS['4x6in'] });
    expect(JSON.parse(storage.getItem(STORAGE_KEYS.settings) ?? '')).toEqual(updated);
    expect(await setup({ storage }).bridge.getSettings()).toEqual(updated);
  });

  it('backs up corrupt settings, returns defaults and logs the recovery', async () => {
    const storage = fakeStorage({ [STORAGE_KEYS.settings]: '{not json' });
    const { bridge, console } = setup({ storage });
    expect(await bridge.getSettings()).toEqual(DEFAULT_DESK_SETTINGS);
    const backupKey = `${STORAGE_KEYS.settings}.corrupt-2025-01-31T09-05-07-123Z`;
    expect(storage.getItem(backupKey)).toBe('{not json');
    expect(JSON.parse(storage.getItem(STORAGE_KEYS.settings) ?? '')).toEqual(DEFAULT_DESK_SETTINGS);
    expect(console.warn).toHaveBeenCalledWith('[settings.recovered]', { problem: 'unreadable', backupKey });
  });

  it('reports a full storage as a coded write failure', async () => {
    const storage = fakeStorage();
    storage.full = true;
    const { bridge } = setup({ storage });
    await expect(bridge.updateSettings({ deskName: 'x' })).rejects.toThrow('[settings.write_failed]');
    await expect(bridge.storeDeviceSecret(SAMPLE_DEVICE_SECRET)).rejects.toThrow('[secret.storage_unavailable]');
  });

  it('stores, reads and clears the device secret', async () => {
    const { bridge } = setup();
    expect(await bridge.readDeviceSecret()).toBeNull();
    await bridge.storeDeviceSecret(SAMPLE_DEVICE_SECRET);
    expect(await bridge.readDeviceSecret()).toBe(SAMPLE_DEVICE_SECRET);
    await bridge.clearDeviceSecret();
    expect(await bridge.readDeviceSecret()).toBeNull();
  });

  it('reports a tampered device secret instead of returning it', async () => {
    const storage = fakeStorage({ [STORAGE_KEYS.deviceSecret]: 'x' });
    await expect(setup({ storage }).bridge.readDeviceSecret()).rejects.toThrow('[secret.unreadable]');
  });

  it('logs to the console and a bounded ring buffer, redacted', async () => {
    const { bridge, console, logRing } = setup();
    await bridge.log('warn', 'notify.failed', { residentEmail: 'ana@example.com', detail: 'to ana@example.com', attempt: 2 });
    const fields = { residentEmail: REDACTED.field, detail: `to ${REDACTED.email}`, attempt: 2 };
    expect(console.warn).toHaveBeenCalledWith('[renderer:notify.failed]', fields);
    expect(logRing.entries()).toEqual([{ at: '2025-01-31T09:05:07.123Z', level: 'warn', code: 'renderer:notify.failed', fields }]);
    for (let index = 0; index < 5; index += 1) await bridge.log('info', 'tick', { index });
    expect(logRing.entries().map((entry) => entry.fields.index)).toEqual([2, 3, 4]);
  });

  it('lists no printers', async () => {
    expect(await setup().bridge.listPrinters()).toEqual([]);
  });

  it('accepts desk activity and does nothing with it (a tab cannot keep the display awake)', async () => {
    await expect(setup().bridge.setDeskActivity({ signedIn: true, pendingChanges: 0 })).resolves.toBeNull();
  });

  it('saves diagnostics as a download of the redacted log ring, without personal settings', async () => {
    const downloads: Array<[string, string]> = [];
    const storage = fakeStorage();
    const bridge = createBrowserBridge({
      storage,
      console: { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() },
      createLabelFrame: () => fakeFrame(),
      appVersion: '0.1.0',
      platform: 'linux',
      now: () => new Date('2025-01-31T09:05:07.123Z'),
      downloadFile: (name, text) => void downloads.push([name, text]),
    });
    await bridge.updateSettings({ deskName: 'Desk of Ana García' });
    await bridge.log('warn', 'notify.failed', { detail: 'to ana@example.com', attempt: 2 });
    expect(await bridge.saveDiagnostics({ dialogTitle: 'Save' })).toEqual({
      outcome: 'saved',
      fileName: 'conserje-diagnostics-2025-01-31T09-05-07Z.json',
    });
    const [name, text] = downloads[0] ?? ['', ''];
    expect(name).toBe('conserje-diagnostics-2025-01-31T09-05-07Z.json');
    const bundle = JSON.parse(text) as { versions: Record<string, unknown>; logs: Array<{ lines: string[] }> };
    expect(bundle.versions).toMatchObject({ app: '0.1.0', host: 'browser' });
    expect(bundle.logs[0]?.lines.join('\n')).toContain('renderer:notify.failed');
    expect(text).not.toContain('ana@example.com');
    expect(text).not.toContain('Ana García');
  });

  it('reports diagnostics as unsupported where nothing can be downloaded', async () => {
    expect(await setup().bridge.saveDiagnostics({ dialogTitle: 'Save' })).toEqual({ outcome: 'failed', reason: 'diagnostics.unsupported' });
  });

  it('restarts by reloading the page, after answering', async () => {
    const reload = vi.fn();
    const bridge = createBrowserBridge({
      storage: fakeStorage(),
      console: { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() },
      createLabelFrame: () => fakeFrame(),
      appVersion: '0.1.0',
      platform: 'linux',
      reload,
    });
    expect(await bridge.restartApp()).toBeNull();
    expect(reload).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe('browser bridge: printing', () => {
  it('loads ./label.html with the label and the configured size, prints it and removes the frame', async () => {
    const { bridge, frame } = setup();
    await bridge.updateSettings({ labelSize: LABEL_PRESETS['dk-62x100'] });
    expect(await bridge.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'dialogShown' });
    expect(frame.url?.startsWith('./label.html#')).toBe(true);
    // What label.html parses (it uses the same shared parser).
    expect(parseLabelPageFragment(frame.url?.slice(frame.url.indexOf('#')) ?? '')).toEqual({
      label: SAMPLE_LABEL,
      size: LABEL_PRESETS['dk-62x100'],
    });
    expect(frame.printed).toBe(1);
    expect(frame.removed).toBe(true);
  });

  it('prints after the grace period when the page never says ready', async () => {
    const { bridge, frame } = setup({ frame: fakeFrame({ title: 'label' }) });
    expect(await bridge.printLabel({ label: SAMPLE_LABEL, silent: false })).toEqual({ outcome: 'dialogShown' });
    expect(frame.printed).toBe(1);
  });

  it.each([
    ['the page reports an invalid label', fakeFrame({ title: 'label-invalid' }), 'label.invalid'],
    ['the page never loads', fakeFrame({ loads: false }), 'label.load_timeout'],
    ['the frame cannot print', fakeFrame({ printFails: true }), 'print.failed'],
  ])('fails cleanly when %s', async (_label, frame, reason) => {
    const { bridge } = setup({ frame });
    expect(await bridge.printLabel({ label: SAMPLE_LABEL, silent: true })).toEqual({ outcome: 'failed', reason });
    expect(frame.removed).toBe(true);
  });
});

describe('platformFromNavigator', () => {
  it.each([
    [{ userAgentData: { platform: 'Windows' } }, 'win32'],
    [{ platform: 'MacIntel' }, 'darwin'],
    [{ platform: 'Linux x86_64' }, 'linux'],
    [{}, 'unknown'],
  ])('%j -> %s', (nav, expected) => {
    expect(platformFromNavigator(nav)).toBe(expected);
  });
});
