import type { DeskSettings } from '../../shared/bridge/contract';
import type { SettingsStore } from './settingsStore';

// The settings store, plus a listener told about the settings in effect: once when they are first
// loaded and after every successful update. The main process uses it to apply the workstation
// settings (kiosk, start at login, display) without the store knowing about any of them.

export function observeSettings(store: SettingsStore, listener: (settings: DeskSettings) => void): SettingsStore {
  let seen: DeskSettings | null = null;
  const tell = (settings: DeskSettings): DeskSettings => {
    if (seen !== settings) {
      seen = settings;
      listener(settings);
    }
    return settings;
  };
  return {
    get: () => store.get().then(tell),
    update: (patch) => store.update(patch).then(tell),
    recovery: () => store.recovery(),
  };
}
