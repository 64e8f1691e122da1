import { describe, expect, it } from 'vitest';
import { fakeTime } from '../testing/fakeTime';
import { recordingLog } from '../testing/recordingLog';
import { createCrashRecovery, decideAfterCrash, DEFAULT_CRASH_RECOVERY_POLICY, type CrashRecoveryDeps } from './crashRecovery';

function setup() {
  const time = fakeTime();
  const log = recordingLog();
  const events: string[] = [];
  const deps: CrashRecoveryDeps = {
    now: time.now,
    setTimer: time.setTimer,
    clearTimer: time.clearTimer,
    reload: () => events.push(`reload@${time.now()}`),
    showCrashPage: () => events.push(`crashPage@${time.now()}`),
    terminateRenderer: () => events.push(`terminate@${time.now()}`),
    log,
  };
  return { recovery: createCrashRecovery(deps), time, log, events };
}

const crashed = { reason: 'crashed', exitCode: 139 };

describe('decideAfterCrash', () => {
  const policy = DEFAULT_CRASH_RECOVERY_POLICY;

  it('reloads after a first crash, later after a second, and calls a third within the window a loop', () => {
    const first = decideAfterCrash([], 1_000, policy);
    expect(first.decision).toEqual({ action: 'reload', delayMs: 1_000 });
    const second = decideAfterCrash(first.recent, 2_000, policy);
    expect(second.decision).toEqual({ action: 'reload', delayMs: 5_000 });
    expect(decideAfterCrash(second.recent, 3_000, policy).decision.action).toBe('crashPage');
  });

  it('forgets crashes older than the window', () => {
    const outcome = decideAfterCrash([0, 1_000], policy.windowMs + 1_000, policy);
    expect(outcome.recent).toEqual([policy.windowMs + 1_000]);
    expect(outcome.decision).toEqual({ action: 'reload', delayMs: 1_000 });
  });
});

describe('createCrashRecovery', () => {
  it('reloads the page after the backoff delay and logs codes only', () => {
    const { recovery, time, log, events } = setup();
    expect(recovery.rendererGone(crashed)).toEqual({ action: 'reload', delayMs: 1_000 });
    time.advance(999);
    expect(events).toEqual([]);
    time.advance(1);
    expect(events).toEqual(['reload@1000']);
    expect(log.calls).toContainEqual(['warn', 'app.renderer_reload_scheduled', { reason: 'crashed', exitCode: 139, crashes: 1, delayMs: 1_000 }]);
  });

  it('stops reloading after three crashes in five minutes and shows the crash page', () => {
    const { recovery, time, log, events } = setup();
    recovery.rendererGone(crashed);
    time.advance(10_000);
    recovery.rendererGone({ reason: 'oom', exitCode: 0 });
    time.advance(10_000);
    expect(recovery.rendererGone(crashed)).toEqual({ action: 'crashPage', delayMs: 0 });
    time.advance(0);
    expect(events).toEqual(['reload@1000', 'reload@15000', 'crashPage@20000']);
    expect(log.calls.some(([level, code]) => level === 'error' && code === 'app.renderer_crash_loop')).toBe(true);
  });

  it('keeps reloading a page that crashes rarely', () => {
    const { recovery, time, events } = setup();
    for (let index = 0; index < 5; index += 1) {
      recovery.rendererGone(crashed);
      time.advance(DEFAULT_CRASH_RECOVERY_POLICY.windowMs / 2 + 1);
    }
    expect(events.every((event) => event.startsWith('reload@'))).toBe(true);
    expect(events).toHaveLength(5);
  });

  it('shows the crash page again, slowly, when the crash page itself dies', () => {
    const { recovery, time, events } = setup();
    for (let index = 0; index < 3; index += 1) {
      recovery.rendererGone(crashed);
      time.advance(100);
    }
    expect(events.at(-1)).toBe('crashPage@200');
    expect(recovery.rendererGone(crashed)).toEqual({ action: 'crashPage', delayMs: 15_000 });
    time.advance(15_000);
    expect(events.at(-1)).toBe('crashPage@15300');
  });

  it('a second crash before the reload replaces the scheduled reload', () => {
    const { recovery, time, events } = setup();
    recovery.rendererGone(crashed);
    time.advance(500);
    recovery.rendererGone(crashed);
    time.advance(60_000);
    expect(events).toEqual(['reload@5500']);
  });

  it('terminates a renderer that stays unresponsive past the grace period', () => {
    const { recovery, time, events, log } = setup();
    recovery.unresponsive();
    recovery.unresponsive(); // repeated events do not restart the grace period
    time.advance(14_999);
    expect(events).toEqual([]);
    time.advance(1);
    expect(events).toEqual(['terminate@15000']);
    expect(log.calls.map(([, code]) => code)).toEqual(['app.renderer_unresponsive', 'app.renderer_hung']);
    // Chromium then reports the renderer gone, which reloads it like any crash.
    recovery.rendererGone({ reason: 'killed', exitCode: 9 });
    time.advance(1_000);
    expect(events).toEqual(['terminate@15000', 'reload@16000']);
  });

  it('leaves a page alone that answers again within the grace period', () => {
    const { recovery, time, events } = setup();
    recovery.unresponsive();
    time.advance(5_000);
    recovery.responsive();
    time.advance(60_000);
    expect(events).toEqual([]);
  });

  it('cancels everything when the window goes away', () => {
    const { recovery, time, events } = setup();
    recovery.rendererGone(crashed);
    recovery.unresponsive();
    recovery.dispose();
    expect(time.pending()).toBe(0);
    time.advance(60_000);
    expect(events).toEqual([]);
  });
});
