import { describe, expect, it } from 'vitest';
import { recordingLog } from '../testing/recordingLog';
import { createPowerSaveController, type DisplaySleepBlocker } from './powerSave';

function fakeBlocker() {
  let next = 1;
  const started = new Set<number>();
  const calls: string[] = [];
  const blocker: DisplaySleepBlocker = {
    start: (type) => {
      calls.push(`start:${type}`);
      started.add(next);
      return next++;
    },
    stop: (id) => {
      calls.push(`stop:${id}`);
      return started.delete(id);
    },
    isStarted: (id) => started.has(id),
  };
  return { blocker, calls, started };
}

describe('createPowerSaveController', () => {
  it('keeps the display awake while someone is signed in, and lets it sleep after', () => {
    const { blocker, calls } = fakeBlocker();
    const log = recordingLog();
    const controller = createPowerSaveController(blocker, log);
    controller.update({ enabled: true, signedIn: false });
    expect(calls).toEqual([]);
    controller.update({ enabled: true, signedIn: true });
    controller.update({ enabled: true, signedIn: true }); // repeated reports hold one blocker
    expect(calls).toEqual(['start:prevent-display-sleep']);
    expect(controller.active()).toBe(true);
    controller.update({ enabled: true, signedIn: false });
    expect(calls).toEqual(['start:prevent-display-sleep', 'stop:1']);
    expect(controller.active()).toBe(false);
    expect(log.calls.map(([, code]) => code)).toEqual(['power.display_kept_awake', 'power.display_sleep_allowed']);
  });

  it('does nothing when the setting is off, and releases when it is turned off', () => {
    const { blocker, calls } = fakeBlocker();
    const controller = createPowerSaveController(blocker, recordingLog());
    controller.update({ enabled: false, signedIn: true });
    expect(calls).toEqual([]);
    controller.update({ enabled: true, signedIn: true });
    controller.update({ enabled: false, signedIn: true });
    expect(calls).toEqual(['start:prevent-display-sleep', 'stop:1']);
  });

  it('starts a new blocker if the old one was dropped, and releases on dispose', () => {
    const { blocker, calls, started } = fakeBlocker();
    const controller = createPowerSaveController(blocker, recordingLog());
    controller.update({ enabled: true, signedIn: true });
    started.clear();
    controller.update({ enabled: true, signedIn: true });
    expect(calls).toEqual(['start:prevent-display-sleep', 'start:prevent-display-sleep']);
    controller.dispose();
    expect(calls.at(-1)).toBe('stop:2');
  });
});
