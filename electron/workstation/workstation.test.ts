import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../shared/bridge/contract';
import { observeSettings } from '../settings/observeSettings';
import { createWorkstation } from './workstation';

function setup() {
  const calls: string[] = [];
  const updates = { activityChanged: vi.fn() };
  const workstation = createWorkstation({
    powerSave: { update: ({ enabled, signedIn }) => void calls.push(`power:${enabled}/${signedIn}`) },
    applyStartAtLogin: async (enabled) => void calls.push(`login:${enabled}`),
    setKiosk: (enabled) => void calls.push(`kiosk:${enabled}`),
    updates,
  });
  return { workstation, calls, updates };
}

describe('createWorkstation', () => {
  it('applies every workstation setting at start-up, then only what changed', async () => {
    const { workstation, calls } = setup();
    await workstation.settingsChanged(DEFAULT_DESK_SETTINGS);
    expect(calls).toEqual(['power:true/false', 'kiosk:false', 'login:false']);
    calls.length = 0;
    await workstation.settingsChanged({ ...DEFAULT_DESK_SETTINGS, deskName: 'Lobby' });
    expect(calls).toEqual([]);
    await workstation.settingsChanged({ ...DEFAULT_DESK_SETTINGS, kioskMode: true, startAtLogin: true });
    expect(calls).toEqual(['kiosk:true', 'login:true']);
    expect(workstation.kioskMode()).toBe(true);
  });

  it('keeps the display awake only while someone is signed in, with the setting on', async () => {
    const { workstation, calls, updates } = setup();
    await workstation.settingsChanged(DEFAULT_DESK_SETTINGS);
    calls.length = 0;
    workstation.activityChanged({ signedIn: true, pendingChanges: 2 });
    workstation.activityChanged(null); // the renderer went away
    await workstation.settingsChanged({ ...DEFAULT_DESK_SETTINGS, keepDisplayAwake: false });
    expect(calls).toEqual(['power:true/true', 'power:true/false', 'power:false/false']);
    expect(updates.activityChanged.mock.calls).toEqual([[{ signedIn: true, pendingChanges: 2 }], [null]]);
  });
});

describe('observeSettings', () => {
  it('tells the listener about the loaded settings once, and about each update', async () => {
    let current: DeskSettings = DEFAULT_DESK_SETTINGS;
    const listener = vi.fn();
    const store = observeSettings(
      {
        get: async () => current,
        update: async (patch) => (current = { ...current, ...patch }),
        recovery: () => null,
      },
      listener,
    );
    await store.get();
    await store.get();
    expect(listener).toHaveBeenCalledTimes(1);
    const updated = await store.update({ kioskMode: true });
    expect(listener).toHaveBeenLastCalledWith(updated);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
