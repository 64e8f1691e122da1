import { create } from 'zustand';
import { DEFAULT_DESK_SETTINGS, type DeskSettings, type DeskSettingsPatch } from '../../shared/bridge/contract';
import { getBridge } from '../bridge';

interface DeskSettingsState {
  settings: DeskSettings;
  loaded: boolean;
  load(): Promise<void>;
  update(patch: DeskSettingsPatch): Promise<DeskSettings>;
}

/** Desk settings live with the host (main process or browser storage); this mirrors them for the UI. */
export const useDeskSettings = create<DeskSettingsState>((set) => ({
  settings: DEFAULT_DESK_SETTINGS,
  loaded: false,
  async load() {
    const settings = await getBridge().getSettings();
    set({ settings, loaded: true });
  },
  async update(patch) {
    const settings = await getBridge().updateSettings(patch);
    set({ settings });
    return settings;
  },
}));
