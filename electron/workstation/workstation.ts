import type { DeskActivity, DeskSettings } from '../../shared/bridge/contract';
import type { UpdateController } from '../update/updateController';
import type { PowerSaveController } from './powerSave';

// The lobby workstation's OS-level behaviour, driven by two inputs: the desk settings (display
// awake, start at login, kiosk) and what the desk reports it is doing (someone signed in, changes
// pending). Each effect is applied when its input changes, and all of them once at start-up.

export interface WorkstationDeps {
  powerSave: Pick<PowerSaveController, 'update'>;
  applyStartAtLogin: (enabled: boolean) => Promise<void>;
  /** Puts the main window (if any) in or out of kiosk mode. */
  setKiosk: (enabled: boolean) => void;
  updates: Pick<UpdateController, 'activityChanged'>;
}

export interface Workstation {
  settingsChanged(settings: DeskSettings): Promise<void>;
  /** Null when unknown (the renderer is gone or has not reported yet). */
  activityChanged(activity: DeskActivity | null): void;
  /** The kiosk setting last applied, for a window opened later. */
  kioskMode(): boolean;
}

type WorkstationSettings = Pick<DeskSettings, 'keepDisplayAwake' | 'startAtLogin' | 'kioskMode'>;

export function createWorkstation(deps: WorkstationDeps): Workstation {
  let applied: WorkstationSettings | null = null;
  let activity: DeskActivity | null = null;

  const updatePowerSave = (): void =>
    deps.powerSave.update({ enabled: applied?.keepDisplayAwake ?? false, signedIn: activity?.signedIn ?? false });

  return {
    async settingsChanged(settings) {
      const previous = applied;
      applied = { keepDisplayAwake: settings.keepDisplayAwake, startAtLogin: settings.startAtLogin, kioskMode: settings.kioskMode };
      if (previous?.keepDisplayAwake !== settings.keepDisplayAwake) updatePowerSave();
      if (previous?.kioskMode !== settings.kioskMode) deps.setKiosk(settings.kioskMode);
      if (previous?.startAtLogin !== settings.startAtLogin) await deps.applyStartAtLogin(settings.startAtLogin);
    },

    activityChanged(next) {
      activity = next;
      updatePowerSave();
      deps.updates.activityChanged(next);
    },

    kioskMode: () => applied?.kioskMode ?? false,
  };
}
