import { BRIDGE_GLOBAL, BRIDGE_METHODS, type Bridge } from '../../shared/bridge/contract';
import { version as packageVersion } from '../../package.json';
import { createBrowserBridge, platformFromNavigator } from './browserBridge';
import { createDomLabelFrame } from './labelFrame';
import { createLogRing, type LogEntry } from './logRing';

// The renderer's single way to reach the desktop host. Under Electron the preload has exposed the
// bridge on window.conserje; in a plain browser the web implementation stands in. Either way the
// caller gets the same typed contract and never touches Node or Electron.

export { bridgeErrorCode, type BridgeErrorCode } from '../../shared/bridge/errors';
export type { Bridge } from '../../shared/bridge/contract';

/** True when `value` has a function for every contract method (what the preload exposes). */
export function isBridge(value: unknown): value is Bridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return BRIDGE_METHODS.every((method) => typeof candidate[method] === 'function');
}

/** The exposed desktop bridge on `scope` if there is one, else the fallback's. */
export function resolveBridge(scope: object, fallback: () => Bridge): Bridge {
  const exposed: unknown = (scope as Record<string, unknown>)[BRIDGE_GLOBAL];
  return isBridge(exposed) ? exposed : fallback();
}

const browserLog = createLogRing();
let current: Bridge | null = null;

export function getBridge(): Bridge {
  current ??= resolveBridge(globalThis, () =>
    createBrowserBridge({
      storage: window.localStorage,
      console,
      createLabelFrame: () => createDomLabelFrame(document),
      appVersion: packageVersion,
      platform: platformFromNavigator(navigator as Navigator & { userAgentData?: { platform?: string } }),
      logRing: browserLog,
      downloadFile: (fileName, text) => downloadTextFile(document, fileName, text),
      reload: () => window.location.reload(),
      userAgent: navigator.userAgent,
    }),
  );
  return current;
}

/** Offers text as a file download (what "Save diagnostics" does in a browser). */
function downloadTextFile(doc: Document, fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked later: some browsers start reading the blob only after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Recent log lines of the browser build (redacted); empty under Electron, which logs to files. */
export function recentBrowserLogEntries(): readonly LogEntry[] {
  return browserLog.entries();
}
