import type { PowerSaveBlocker } from 'electron';
import type { EventLog } from '../logging/eventLog';

// Keeps the lobby screen on while a staff member works at the desk. Without it the OS blanks the
// display after a few minutes without keyboard input, and a doorperson glancing at the waiting
// list between deliveries finds a black screen. 'prevent-display-sleep' (not
// 'prevent-app-suspension'): the point is the display. Once nobody is signed in (or the idle lock
// has closed the session) the OS's own power settings apply again.

export type DisplaySleepBlocker = Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>;

export interface PowerSaveInputs {
  /** The desk setting (keepDisplayAwake). */
  enabled: boolean;
  /** A staff member is signed in and the desk is not locked. */
  signedIn: boolean;
}

export interface PowerSaveController {
  update(inputs: PowerSaveInputs): void;
  /** True while the blocker is held. */
  active(): boolean;
  dispose(): void;
}

export function createPowerSaveController(blocker: DisplaySleepBlocker, log: Pick<EventLog, 'info'>): PowerSaveController {
  let id: number | null = null;

  const release = (): void => {
    if (id === null) return;
    if (blocker.isStarted(id)) blocker.stop(id);
    id = null;
    log.info('power.display_sleep_allowed');
  };

  return {
    update({ enabled, signedIn }) {
      const wanted = enabled && signedIn;
      // isStarted guards against a blocker the OS dropped under us (then we start a new one).
      if (wanted && (id === null || !blocker.isStarted(id))) {
        id = blocker.start('prevent-display-sleep');
        log.info('power.display_kept_awake');
      } else if (!wanted) {
        release();
      }
    },
    active: () => id !== null && blocker.isStarted(id),
    dispose: release,
  };
}
