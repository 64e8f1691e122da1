import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DeskActivity } from '../../shared/bridge/contract';
import { fakeTime } from '../testing/fakeTime';
import { recordingLog } from '../testing/recordingLog';
import { createUpdateController, type UpdaterPort } from './updateController';
import { decideInstall, DEFAULT_UPDATE_POLICY, isDeskIdle, nextCheckDelay } from './updatePolicy';

const policy = DEFAULT_UPDATE_POLICY;
const idle: DeskActivity = { signedIn: false, pendingChanges: 0 };
const working: DeskActivity = { signedIn: true, pendingChanges: 0 };
const pending: DeskActivity = { signedIn: false, pendingChanges: 4 };

describe('update policy', () => {
  it('checks every interval, and backs off after failures up to the interval', () => {
    expect(nextCheckDelay(0, policy)).toBe(policy.checkIntervalMs);
    expect(nextCheckDelay(1, policy)).toBe(policy.retryBaseMs);
    expect(nextCheckDelay(2, policy)).toBe(policy.retryBaseMs * 2);
    expect(nextCheckDelay(30, policy)).toBe(policy.checkIntervalMs);
  });

  it('counts a desk as idle only when nobody is signed in and nothing is pending (unknown is busy)', () => {
    expect(isDeskIdle(idle)).toBe(true);
    expect(isDeskIdle(working)).toBe(false);
    expect(isDeskIdle(pending)).toBe(false);
    expect(isDeskIdle(null)).toBe(false);
  });

  it.each([
    [{ downloaded: false, activity: idle, idleSince: 0 }, { install: false, reason: 'notDownloaded' }],
    [{ downloaded: true, activity: null, idleSince: null }, { install: false, reason: 'activityUnknown' }],
    [{ downloaded: true, activity: working, idleSince: null }, { install: false, reason: 'signedIn' }],
    [{ downloaded: true, activity: pending, idleSince: null }, { install: false, reason: 'pendingChanges' }],
    [{ downloaded: true, activity: idle, idleSince: 20 * 60_000 - 1 }, { install: false, reason: 'quietPeriod', waitMs: 10 * 60_000 - 1 }],
    [{ downloaded: true, activity: idle, idleSince: 0 }, { install: true }],
  ])('decideInstall(%j) -> %j', (inputs, expected) => {
    expect(decideInstall({ ...inputs, now: 20 * 60_000 }, policy)).toEqual(expected);
  });
});

class FakeUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  failNext = false;
  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    if (this.failNext) {
      this.failNext = false;
      this.emit('error', Object.assign(new Error('net::ERR_NAME_NOT_RESOLVED https://updates.example/x'), { code: 'ERR_UPDATER_NET' }));
      return Promise.reject(new Error('offline'));
    }
    return Promise.resolve(null);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function setup() {
  const time = fakeTime();
  const updater = new FakeUpdater();
  const log = recordingLog();
  const controller = createUpdateController({ updater, isPackaged: true, now: time.now, setTimer: time.setTimer, clearTimer: time.clearTimer, log });
  controller.start();
  return { time, updater, log, controller };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createUpdateController', () => {
  it('downloads in the background, installs on quit, and checks a minute after start then every interval', async () => {
    const { time, updater } = setup();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    time.advance(59_999);
    expect(updater.checks).toBe(0);
    time.advance(1);
    expect(updater.checks).toBe(1);
    await flush();
    time.advance(policy.checkIntervalMs);
    expect(updater.checks).toBe(2);
  });

  it('retries sooner after a failed check and logs a code, not the message', async () => {
    const { time, updater, log } = setup();
    updater.failNext = true;
    time.advance(60_000);
    await flush();
    time.advance(policy.retryBaseMs);
    expect(updater.checks).toBe(2);
    expect(log.calls).toContainEqual(['warn', 'update.error', { code: 'ERR_UPDATER_NET' }]);
    expect(JSON.stringify(log.calls)).not.toContain('updates.example');
  });

  it('never restarts while someone is signed in or changes are pending; installs after a quiet period', () => {
    const { time, updater, controller, log } = setup();
    controller.activityChanged(working);
    updater.emit('update-downloaded', { version: '0.2.0' });
    time.advance(60 * 60_000);
    expect(updater.installs).toEqual([]);
    controller.activityChanged(pending); // signed out, but the outbox is not empty
    time.advance(60 * 60_000);
    expect(updater.installs).toEqual([]);
    controller.activityChanged(idle);
    time.advance(5 * 60_000);
    controller.activityChanged(working); // the next shift signs in: the wait starts over
    controller.activityChanged(idle);
    time.advance(10 * 60_000 - 1);
    expect(updater.installs).toEqual([]);
    time.advance(1);
    expect(updater.installs).toEqual([[true, true]]);
    expect(log.calls).toContainEqual(['info', 'update.installing', { version: '0.2.0', reason: 'idle' }]);
  });

  it('waits while the desk has not reported what it is doing', () => {
    const { time, updater } = setup();
    updater.emit('update-downloaded', { version: '0.2.0' });
    time.advance(24 * 60 * 60_000);
    expect(updater.installs).toEqual([]);
  });

  it('stops checking once an update is downloaded', async () => {
    const { time, updater } = setup();
    time.advance(60_000);
    await flush();
    updater.emit('update-downloaded', { version: '0.2.0' });
    time.advance(3 * policy.checkIntervalMs);
    expect(updater.checks).toBe(1);
  });

  it('installs at once when Restart is asked for and an update is ready', () => {
    const { updater, controller } = setup();
    expect(controller.installNowIfDownloaded()).toBe(false);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(controller.installNowIfDownloaded()).toBe(true);
    expect(updater.installs).toEqual([[true, true]]);
    expect(controller.installNowIfDownloaded()).toBe(false);
  });

  it('does nothing without an updater or in an unpackaged app', () => {
    const time = fakeTime();
    for (const [updater, isPackaged, reason] of [[null, true, 'noUpdater'], [new FakeUpdater(), false, 'unpackaged']] as const) {
      const log = recordingLog();
      const controller = createUpdateController({ updater, isPackaged, now: time.now, setTimer: time.setTimer, clearTimer: time.clearTimer, log });
      controller.start();
      controller.activityChanged(idle);
      expect(controller.installNowIfDownloaded()).toBe(false);
      expect(time.pending()).toBe(0);
      expect(log.calls).toEqual([['info', 'update.disabled', { reason }]]);
    }
  });
});
