import type { DeskActivity } from '../../shared/bridge/contract';
import type { EventLog } from '../logging/eventLog';
import { decideInstall, DEFAULT_UPDATE_POLICY, isDeskIdle, nextCheckDelay, type UpdatePolicy } from './updatePolicy';

// Drives an auto-updater (electron-updater's `autoUpdater`, once it is a dependency) by the rules
// of updatePolicy.ts. The updater is reached through UpdaterPort, the few members used here, so the
// controller is tested with a fake and the app runs without an updater at all (`updater: null`).
// The feed is the `publish` entry of electron-builder.yml, which electron-builder writes into the
// packaged app (resources/app-update.yml); it is never taken from the renderer or the environment
// at run time: whoever sets the feed chooses the code the desk runs next.

export type UpdaterEvent = 'update-available' | 'update-not-available' | 'update-downloaded' | 'error';

export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: UpdaterEvent, listener: (payload?: unknown) => void): unknown;
}

export type TimerHandle = unknown;

export interface UpdateControllerDeps {
  updater: UpdaterPort | null;
  /** electron-updater only works in a packaged app (it reads resources/app-update.yml). */
  isPackaged: boolean;
  now(): number;
  setTimer(callback: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  log: Pick<EventLog, 'info' | 'warn'>;
  policy?: Partial<UpdatePolicy>;
}

export interface UpdateController {
  start(): void;
  activityChanged(activity: DeskActivity | null): void;
  /** Installs a downloaded update now (the crash screen's Restart); false when there is none. */
  installNowIfDownloaded(): boolean;
  dispose(): void;
}

const NOOP_CONTROLLER: UpdateController = {
  start: () => undefined,
  activityChanged: () => undefined,
  installNowIfDownloaded: () => false,
  dispose: () => undefined,
};

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const { updater, log } = deps;
  if (updater === null || !deps.isPackaged) {
    return { ...NOOP_CONTROLLER, start: () => log.info('update.disabled', { reason: updater === null ? 'noUpdater' : 'unpackaged' }) };
  }
  const policy = { ...DEFAULT_UPDATE_POLICY, ...deps.policy };
  let failures = 0;
  let checkTimer: TimerHandle | null = null;
  let installTimer: TimerHandle | null = null;
  let downloadedVersion: string | null = null;
  let activity: DeskActivity | null = null;
  let idleSince: number | null = null;
  let installing = false;
  let disposed = false;

  const scheduleCheck = (ms: number): void => {
    if (disposed || downloadedVersion !== null) return;
    checkTimer = deps.setTimer(() => {
      checkTimer = null;
      void check();
    }, ms);
  };

  async function check(): Promise<void> {
    try {
      await updater?.checkForUpdates();
      failures = 0;
    } catch {
      // The 'error' event has logged the cause; here only the schedule changes.
      failures += 1;
    }
    scheduleCheck(nextCheckDelay(failures, policy));
  }

  function evaluate(): void {
    if (installTimer !== null) {
      deps.clearTimer(installTimer);
      installTimer = null;
    }
    if (installing || disposed) return;
    const decision = decideInstall({ downloaded: downloadedVersion !== null, activity, idleSince, now: deps.now() }, policy);
    if (decision.install) {
      install('idle');
    } else if (decision.reason === 'quietPeriod') {
      installTimer = deps.setTimer(() => {
        installTimer = null;
        evaluate();
      }, decision.waitMs);
    }
  }

  function install(reason: 'idle' | 'restart'): void {
    installing = true;
    log.info('update.installing', { version: downloadedVersion, reason });
    // Silent installer, and start the app again afterwards: the desk comes back by itself.
    updater?.quitAndInstall(true, true);
  }

  return {
    start() {
      // Downloads run in the background; installing waits for the rules above, or the next quit.
      updater.autoDownload = true;
      updater.autoInstallOnAppQuit = true;
      updater.on('update-available', (info) => log.info('update.available', { version: versionOf(info) }));
      updater.on('update-not-available', () => log.info('update.none'));
      updater.on('error', (error) => log.warn('update.error', { code: errorCode(error) }));
      updater.on('update-downloaded', (info) => {
        downloadedVersion = versionOf(info) ?? 'unknown';
        log.info('update.downloaded', { version: downloadedVersion });
        if (checkTimer !== null) deps.clearTimer(checkTimer);
        checkTimer = null;
        evaluate();
      });
      scheduleCheck(policy.firstCheckDelayMs);
    },

    activityChanged(next) {
      const wasIdle = isDeskIdle(activity);
      activity = next;
      if (!isDeskIdle(next)) idleSince = null;
      else if (!wasIdle) idleSince = deps.now();
      evaluate();
    },

    installNowIfDownloaded() {
      if (downloadedVersion === null || installing) return false;
      install('restart');
      return true;
    },

    dispose() {
      disposed = true;
      if (checkTimer !== null) deps.clearTimer(checkTimer);
      if (installTimer !== null) deps.clearTimer(installTimer);
    },
  };
}

function versionOf(info: unknown): string | null {
  const version = (info as { version?: unknown } | null | undefined)?.version;
  return typeof version === 'string' ? version.slice(0, 40) : null;
}

/** A short code for the log: error messages from the updater can hold the feed URL and paths. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === 'string') return code.slice(0, 60);
  return error instanceof Error ? error.name : 'unknown';
}
