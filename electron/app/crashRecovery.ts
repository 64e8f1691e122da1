import type { EventLog } from '../logging/eventLog';

// What the main window does when its renderer dies or hangs. A lobby desk has nobody to click
// "Reload" in a developer menu: the page comes back by itself, a little later each time. But a page
// that dies over and over (a bad update, a corrupt local database, a GPU driver) must not flicker
// forever: after `maxCrashes` within `windowMs` it stops and shows the static crash page, which
// says what happened in the desk's language and offers "Restart".
// Pure logic: time and timers are parameters, the window is reached through three callbacks.

export const CRASH_PAGE = 'crashed.html';

export interface CrashRecoveryPolicy {
  /** Delay before each reload, by how many crashes are in the window (the last one repeats). */
  backoffMs: readonly number[];
  /** This many crashes within `windowMs` is a crash loop. */
  maxCrashes: number;
  windowMs: number;
  /** A hung page gets this long to answer again before its renderer is terminated. */
  unresponsiveGraceMs: number;
}

export const DEFAULT_CRASH_RECOVERY_POLICY: CrashRecoveryPolicy = {
  backoffMs: [1_000, 5_000, 15_000],
  maxCrashes: 3,
  windowMs: 5 * 60_000,
  unresponsiveGraceMs: 15_000,
};

/** Why Chromium says the renderer went away (Electron's RenderProcessGoneDetails, codes only). */
export interface RendererGoneDetails {
  reason: string;
  exitCode: number;
}

export type CrashDecision = { action: 'reload'; delayMs: number } | { action: 'crashPage'; delayMs: number };

/**
 * The decision after one more crash, from the times of the earlier ones. Returns the crash times
 * still inside the window (including this one) to keep for next time.
 */
export function decideAfterCrash(
  earlier: readonly number[],
  now: number,
  policy: CrashRecoveryPolicy,
): { decision: CrashDecision; recent: number[] } {
  const recent = [...earlier.filter((at) => now - at < policy.windowMs), now];
  const delayMs = policy.backoffMs[Math.min(recent.length, policy.backoffMs.length) - 1] ?? 0;
  if (recent.length >= policy.maxCrashes) return { decision: { action: 'crashPage', delayMs: 0 }, recent };
  return { decision: { action: 'reload', delayMs }, recent };
}

export type TimerHandle = unknown;

export interface CrashRecoveryDeps {
  now(): number;
  setTimer(callback: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /** Loads the desk's start page again. */
  reload(): void;
  /** Loads the static crash page. */
  showCrashPage(): void;
  /** Kills a hung renderer (webContents.forcefullyCrashRenderer); 'render-process-gone' follows. */
  terminateRenderer(): void;
  log: Pick<EventLog, 'info' | 'warn' | 'error'>;
  policy?: Partial<CrashRecoveryPolicy>;
}

export interface CrashRecovery {
  rendererGone(details: RendererGoneDetails): CrashDecision;
  unresponsive(): void;
  responsive(): void;
  /** The window is closing: cancel whatever is scheduled. */
  dispose(): void;
}

export function createCrashRecovery(deps: CrashRecoveryDeps): CrashRecovery {
  const policy = { ...DEFAULT_CRASH_RECOVERY_POLICY, ...deps.policy };
  const { log } = deps;
  let crashes: number[] = [];
  let showingCrashPage = false;
  let pending: TimerHandle | null = null;
  let hangTimer: TimerHandle | null = null;

  const cancel = (handle: TimerHandle | null): null => {
    if (handle !== null) deps.clearTimer(handle);
    return null;
  };

  return {
    rendererGone(details) {
      hangTimer = cancel(hangTimer);
      pending = cancel(pending);
      const outcome = decideAfterCrash(crashes, deps.now(), policy);
      crashes = outcome.recent;
      let { decision } = outcome;
      // The crash page itself died (a GPU or driver fault kills any page): show it again, but no
      // faster than the slowest reload, so a broken machine does not spin.
      if (showingCrashPage) decision = { action: 'crashPage', delayMs: policy.backoffMs.at(-1) ?? 0 };
      const fields = { reason: details.reason, exitCode: details.exitCode, crashes: crashes.length, delayMs: decision.delayMs };
      if (decision.action === 'crashPage') {
        showingCrashPage = true;
        log.error('app.renderer_crash_loop', fields);
        pending = deps.setTimer(() => {
          pending = null;
          deps.showCrashPage();
        }, decision.delayMs);
      } else {
        log.warn('app.renderer_reload_scheduled', fields);
        pending = deps.setTimer(() => {
          pending = null;
          log.info('app.renderer_reloaded', { crashes: crashes.length });
          deps.reload();
        }, decision.delayMs);
      }
      return decision;
    },

    unresponsive() {
      if (hangTimer !== null) return;
      log.warn('app.renderer_unresponsive', { graceMs: policy.unresponsiveGraceMs });
      hangTimer = deps.setTimer(() => {
        hangTimer = null;
        log.error('app.renderer_hung', { graceMs: policy.unresponsiveGraceMs });
        // Terminating makes Chromium report 'render-process-gone' (reason 'killed'), which
        // counts as a crash and reloads with the same backoff and loop detection.
        deps.terminateRenderer();
      }, policy.unresponsiveGraceMs);
    },

    responsive() {
      if (hangTimer === null) return;
      hangTimer = cancel(hangTimer);
      log.info('app.renderer_responsive');
    },

    dispose() {
      hangTimer = cancel(hangTimer);
      pending = cancel(pending);
    },
  };
}
