import type { RenderProcessGoneDetails } from 'electron';
import { createCrashRecovery, type CrashRecovery, type CrashRecoveryDeps } from '../app/crashRecovery';
import type { EventLog } from '../logging/eventLog';

// Connects crash recovery (app/crashRecovery.ts) to the main window: Chromium's events in, page
// loads out. The slice of BrowserWindow used is spelled out so tests pass an EventEmitter.

export interface RecoverableWindow {
  isDestroyed(): boolean;
  on(event: 'unresponsive' | 'responsive' | 'closed', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  readonly webContents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGoneDetails) => void): unknown;
    forcefullyCrashRenderer(): void;
  };
}

export interface RecoverMainWindowOptions {
  startUrl: string;
  crashPageUrl: string;
  log: Pick<EventLog, 'info' | 'warn' | 'error'>;
  /** Told when the renderer has gone, before any reload (the desk's reported activity is void). */
  onRendererGone?: () => void;
  timers?: Pick<CrashRecoveryDeps, 'now' | 'setTimer' | 'clearTimer'>;
  policy?: CrashRecoveryDeps['policy'];
}

export function recoverMainWindow(window: RecoverableWindow, options: RecoverMainWindowOptions): CrashRecovery {
  const { log } = options;
  const load = (url: string, code: string) => {
    if (window.isDestroyed()) return;
    window.loadURL(url).catch(() => log.error(code));
  };
  const recovery = createCrashRecovery({
    now: options.timers?.now ?? Date.now,
    setTimer: options.timers?.setTimer ?? ((callback, ms) => setTimeout(callback, ms)),
    clearTimer: options.timers?.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
    reload: () => load(options.startUrl, 'app.renderer_reload_failed'),
    showCrashPage: () => load(options.crashPageUrl, 'app.crash_page_failed'),
    terminateRenderer: () => {
      if (!window.isDestroyed()) window.webContents.forcefullyCrashRenderer();
    },
    log,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    options.onRendererGone?.();
    // A window being closed takes its renderer with it: nothing to recover.
    if (window.isDestroyed()) return;
    recovery.rendererGone({ reason: details.reason, exitCode: details.exitCode });
  });
  window.on('unresponsive', () => recovery.unresponsive());
  window.on('responsive', () => recovery.responsive());
  window.on('closed', () => recovery.dispose());
  return recovery;
}
