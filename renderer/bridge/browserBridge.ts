import {
  DeviceSecret,
  type AppInfo,
  type Bridge,
  type BridgeMethod,
  type DeskSettings,
  type PrintResult,
  type SaveDiagnosticsResult,
} from '../../shared/bridge/contract';
import { BridgeError } from '../../shared/bridge/errors';
import { LABEL_INVALID_TITLE, LABEL_PAGE, LABEL_READY_TITLE, labelPageFragment } from '../../shared/bridge/labelPage';
import { buildDiagnosticsBundle, diagnosticsFileName } from '../../shared/bridge/diagnosticsBundle';
import { redactLogFields } from '../../shared/bridge/redact';
import {
  applySettingsPatch,
  readSettingsDocument,
  serializeSettings,
  SETTINGS_MIGRATIONS,
  type SettingsMigrations,
} from '../../shared/bridge/settingsDocument';
import { parseBridgeArgs, parseBridgeResult, type BridgeArgs, type BridgeResult } from '../../shared/bridge/validation';
import type { LabelFrame } from './labelFrame';
import { createLogRing, type LogEntry, type LogRing } from './logRing';

// The bridge contract implemented with web APIs, for the renderer running in a plain browser
// (development, end-to-end tests without the Electron binary, a manager's browser). It validates
// arguments and results against the same schemas as the Electron host, so both reject the same
// calls. Differences from the desktop, by necessity:
// - the device secret is kept in localStorage: any script on the origin can read it, unlike the
//   OS keychain; getAppInfo reports secretStorage 'browser-storage' so the UI can say so;
// - printing always goes through the browser's print dialog ('dialogShown'), and the page cannot
//   learn whether the user printed or cancelled; there is no printer list;
// - diagnostics are a download of the in-memory log ring (there is no log file and no save dialog);
// - desk activity is ignored (a browser tab cannot keep the display awake or install updates), and
//   "restart" reloads the page.

export const STORAGE_KEYS = {
  settings: 'conserje.deskSettings',
  deviceSecret: 'conserje.deviceSecret',
} as const;

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
export type ConsoleLike = Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;

export interface LabelPrintTiming {
  loadTimeoutMs: number;
  /** After load, how long to wait for the page's 'label-ready' title before printing anyway. */
  readyGraceMs: number;
  pollMs: number;
}

export const DEFAULT_LABEL_PRINT_TIMING: LabelPrintTiming = { loadTimeoutMs: 10_000, readyGraceMs: 1_500, pollMs: 50 };

export interface BrowserBridgeDeps {
  storage: StorageLike;
  console: ConsoleLike;
  createLabelFrame: () => LabelFrame;
  appVersion: string;
  /** Node-style platform name (linux, win32, darwin...), see platformFromNavigator. */
  platform: string;
  logRing?: LogRing;
  now?: () => Date;
  /** Where label.html is, relative to the app's index.html. */
  labelPageUrl?: string;
  labelPrintTiming?: Partial<LabelPrintTiming>;
  migrations?: SettingsMigrations;
  /** Offers a text file as a download (an anchor with `download`); absent where that cannot work. */
  downloadFile?: (fileName: string, text: string) => void;
  /** Reloads the page (restartApp). */
  reload?: () => void;
  /** The browser's user agent, for diagnostics. */
  userAgent?: string;
}

/** Wraps one method: validate arguments, run, validate the result, as the Electron host does. */
function contractMethod<M extends BridgeMethod>(
  method: M,
  implementation: (...args: BridgeArgs<M>) => BridgeResult<M> | Promise<BridgeResult<M>>,
): Bridge[M] {
  const call = async (...raw: readonly unknown[]): Promise<BridgeResult<M>> => {
    const args = parseBridgeArgs(method, raw);
    return parseBridgeResult(method, await implementation(...args));
  };
  // TypeScript cannot relate a generic M's Bridge[M] to this signature; both sides are derived
  // from the same contract entry, and the two parse calls enforce it at run time.
  return call as unknown as Bridge[M];
}

export function createBrowserBridge(deps: BrowserBridgeDeps): Bridge {
  const logRing = deps.logRing ?? createLogRing();
  const now = deps.now ?? (() => new Date());
  const timing = { ...DEFAULT_LABEL_PRINT_TIMING, ...deps.labelPrintTiming };
  const labelPageUrl = deps.labelPageUrl ?? `./${LABEL_PAGE}`;
  const { storage } = deps;

  function writeLog(level: 'debug' | 'info' | 'warn' | 'error', code: string, fields: Parameters<typeof redactLogFields>[0]) {
    const redacted = redactLogFields(fields);
    logRing.push({ at: now().toISOString(), level, code, fields: redacted });
    deps.console[level](`[${code}]`, redacted);
  }

  function readSettings(): DeskSettings {
    const text = storage.getItem(STORAGE_KEYS.settings);
    const outcome = readSettingsDocument(text, deps.migrations ?? SETTINGS_MIGRATIONS);
    if (outcome.problem !== null && text !== null) {
      const backupKey = `${STORAGE_KEYS.settings}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
      const kept = trySetItem(storage, backupKey, text);
      writeLog('warn', 'settings.recovered', { problem: outcome.problem, backupKey: kept ? backupKey : null });
    }
    if (outcome.needsWrite) trySetItem(storage, STORAGE_KEYS.settings, serializeSettings(outcome.settings));
    return outcome.settings;
  }

  async function printLabel(request: BridgeArgs<'printLabel'>[0]): Promise<PrintResult> {
    const size = readSettings().labelSize;
    const frame = deps.createLabelFrame();
    try {
      const url = labelPageUrl + labelPageFragment({ label: request.label, size });
      await withTimeout(frame.load(url, size), timing.loadTimeoutMs, 'label.load_timeout');
      await waitForReady(frame, timing);
      await frame.print();
      writeLog('info', 'print.label', { outcome: 'dialogShown' });
      return { outcome: 'dialogShown' };
    } catch (error: unknown) {
      const reason = error instanceof LabelPrintError ? error.reason : 'print.failed';
      writeLog('warn', 'print.label_failed', { reason });
      return { outcome: 'failed', reason };
    } finally {
      frame.remove();
    }
  }

  const bridge = {
    getAppInfo: contractMethod('getAppInfo', (): AppInfo => ({
      appVersion: deps.appVersion,
      platform: deps.platform,
      host: 'browser',
      secretStorage: 'browser-storage',
    })),
    log: contractMethod('log', (level, code, fields) => {
      writeLog(level, `renderer:${code}`, fields);
      return null;
    }),
    getSettings: contractMethod('getSettings', () => readSettings()),
    updateSettings: contractMethod('updateSettings', (patch) => {
      const next = applySettingsPatch(readSettings(), patch);
      if (!trySetItem(storage, STORAGE_KEYS.settings, serializeSettings(next))) {
        throw new BridgeError('settings.write_failed', 'settings could not be saved in browser storage');
      }
      return next;
    }),
    listPrinters: contractMethod('listPrinters', () => []),
    printLabel: contractMethod('printLabel', printLabel),
    storeDeviceSecret: contractMethod('storeDeviceSecret', (secret) => {
      if (!trySetItem(storage, STORAGE_KEYS.deviceSecret, secret)) {
        throw new BridgeError('secret.storage_unavailable', 'browser storage refused the device secret');
      }
      return null;
    }),
    readDeviceSecret: contractMethod('readDeviceSecret', () => {
      const stored = storage.getItem(STORAGE_KEYS.deviceSecret);
      if (stored === null) return null;
      const parsed = DeviceSecret.safeParse(stored);
      if (!parsed.success) throw new BridgeError('secret.unreadable', 'the stored device secret is malformed; enrol again');
      return parsed.data;
    }),
    clearDeviceSecret: contractMethod('clearDeviceSecret', () => {
      storage.removeItem(STORAGE_KEYS.deviceSecret);
      return null;
    }),
    setDeskActivity: contractMethod('setDeskActivity', () => null),
    saveDiagnostics: contractMethod('saveDiagnostics', (): SaveDiagnosticsResult => {
      if (deps.downloadFile === undefined) return { outcome: 'failed', reason: 'diagnostics.unsupported' };
      const createdAt = now();
      const text = buildDiagnosticsBundle({
        createdAt,
        versions: { app: deps.appVersion, host: 'browser', platform: deps.platform, userAgent: deps.userAgent ?? null },
        settings: readSettings(),
        logs: [{ name: 'browser.log', text: logRing.entries().map(formatLogEntry).join('\n') }],
      });
      const fileName = diagnosticsFileName(createdAt);
      try {
        deps.downloadFile(fileName, text);
      } catch {
        return { outcome: 'failed', reason: 'diagnostics.download_failed' };
      }
      writeLog('info', 'diagnostics.saved', { host: 'browser' });
      return { outcome: 'saved', fileName };
    }),
    restartApp: contractMethod('restartApp', () => {
      // After the reply, so the caller's promise settles before the page goes away.
      if (deps.reload !== undefined) setTimeout(deps.reload, 0);
      return null;
    }),
  } satisfies Bridge;
  return bridge;
}

function formatLogEntry(entry: LogEntry): string {
  return `[${entry.at}] [${entry.level}] ${entry.code} ${JSON.stringify(entry.fields)}`;
}

class LabelPrintError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Waits for 'label-ready' (print), 'label-invalid' (fail), or the grace period (print anyway). */
async function waitForReady(frame: LabelFrame, timing: LabelPrintTiming): Promise<void> {
  for (let waited = 0; ; waited += timing.pollMs) {
    const title = frame.title();
    if (title === LABEL_READY_TITLE) return;
    if (title === LABEL_INVALID_TITLE) throw new LabelPrintError('label.invalid');
    if (waited >= timing.readyGraceMs) return;
    await delay(timing.pollMs);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, reason: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LabelPrintError(reason)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** localStorage throws when full or disabled (private modes, policies); report instead. */
function trySetItem(storage: StorageLike, key: string, value: string): boolean {
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Maps the browser's platform to Node's names, so both hosts report alike. */
export function platformFromNavigator(nav: { platform?: string; userAgentData?: { platform?: string } }): string {
  const raw = (nav.userAgentData?.platform || nav.platform || '').toLowerCase();
  if (raw.startsWith('win')) return 'win32';
  if (raw.startsWith('mac')) return 'darwin';
  if (raw.includes('linux') || raw.includes('android') || raw.includes('chrome os') || raw.includes('cros')) return 'linux';
  return raw === '' ? 'unknown' : raw.slice(0, 40);
}
