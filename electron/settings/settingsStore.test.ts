import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS, DeskSettings } from '../../shared/bridge/contract';
import { bridgeErrorCode } from '../../shared/bridge/errors';
import { SETTINGS_MIGRATIONS } from '../../shared/bridge/settingsDocument';
import { recordingLog } from '../testing/recordingLog';
import { createSettingsStore, SETTINGS_FILE } from './settingsStore';

let dir: string;
const at = new Date('2025-01-31T09:05:07.123Z');
const settingsPath = () => path.join(dir, SETTINGS_FILE);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'conserje-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function store(log = recordingLog()) {
  return createSettingsStore({ directory: dir, log, now: () => at });
}

describe('settings store', () => {
  it('starts from defaults without writing anything', async () => {
    expect(await store().get()).toEqual(DEFAULT_DESK_SETTINGS);
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists a validated update as JSON that a new store reads back', async () => {
    const updated = await store().update({ deskName: ' Lobby north ', printerName: 'QL-820' });
    expect(updated).toEqual({ ...DEFAULT_DESK_SETTINGS, deskName: 'Lobby north', printerName: 'QL-820' });
    const onDisk: unknown = JSON.parse(await readFile(settingsPath(), 'utf8'));
    expect(DeskSettings.parse(onDisk)).toEqual(updated);
    expect(await store().get()).toEqual(updated);
    // Atomic write: no temporary files left behind.
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('applies concurrent updates one after the other, losing none', async () => {
    const settings = store();
    await Promise.all([settings.update({ deskName: 'A' }), settings.update({ idleLockMinutes: 9 }), settings.update({ scannerPrefix: '#' })]);
    expect(await store().get()).toMatchObject({ deskName: 'A', idleLockMinutes: 9, scannerPrefix: '#' });
  });

  it('refuses an update that would make the settings invalid and keeps the file', async () => {
    const settings = store();
    await settings.update({ deskName: 'Kept' });
    await expect(settings.update({ deskName: '   ' })).rejects.toSatisfy(
      (error: unknown) => bridgeErrorCode(error) === 'bridge.invalid_arguments',
    );
    expect(await store().get()).toMatchObject({ deskName: 'Kept' });
  });

  it('backs up a corrupt file, starts from defaults and reports the recovery', async () => {
    await writeFile(settingsPath(), '{"schemaVersion":1,"deskName":"Lob');
    const log = recordingLog();
    const settings = store(log);
    expect(await settings.get()).toEqual(DEFAULT_DESK_SETTINGS);

    const backupFile = 'settings.corrupt-2025-01-31T09-05-07-123Z.json';
    expect(settings.recovery()).toEqual({ problem: 'unreadable', backupFile });
    expect(await readFile(path.join(dir, backupFile), 'utf8')).toBe('{"schemaVersion":1,"deskName":"Lob');
    expect(DeskSettings.parse(JSON.parse(await readFile(settingsPath(), 'utf8')))).toEqual(DEFAULT_DESK_SETTINGS);
    expect(log.calls).toContainEqual(['warn', 'settings.recovered', { problem: 'unreadable', backupFile }]);
  });

  it('keeps the valid fields of a partly invalid file', async () => {
    await writeFile(settingsPath(), JSON.stringify({ ...DEFAULT_DESK_SETTINGS, deskName: 'Lobby', idleLockMinutes: -1 }));
    const settings = store();
    expect(await settings.get()).toEqual({ ...DEFAULT_DESK_SETTINGS, deskName: 'Lobby' });
    expect(settings.recovery()?.problem).toBe('invalidFields');
  });

  it('keeps a file written by a newer version instead of destroying it', async () => {
    const future = JSON.stringify({ schemaVersion: 3, deskName: 'Future' });
    await writeFile(settingsPath(), future);
    const settings = store();
    expect(await settings.get()).toEqual(DEFAULT_DESK_SETTINGS);
    const backup = settings.recovery()?.backupFile;
    expect(backup).toMatch(/^settings\.corrupt-.*\.json$/);
    expect(await readFile(path.join(dir, backup ?? ''), 'utf8')).toBe(future);
  });

  it('migrates an older document through the hook and rewrites it', async () => {
    await writeFile(settingsPath(), JSON.stringify({ schemaVersion: 0, name: 'Old desk' }));
    const settings = createSettingsStore({
      directory: dir,
      log: recordingLog(),
      migrations: { ...SETTINGS_MIGRATIONS, 0: ({ name }) => ({ ...DEFAULT_DESK_SETTINGS, deskName: name, schemaVersion: 1 }) },
    });
    expect(await settings.get()).toEqual({ ...DEFAULT_DESK_SETTINGS, deskName: 'Old desk' });
    expect(settings.recovery()).toBeNull();
    expect(JSON.parse(await readFile(settingsPath(), 'utf8'))).toMatchObject({ schemaVersion: 2, deskName: 'Old desk' });
  });

  it('upgrades a version 1 file on disk to version 2 with the workstation defaults', async () => {
    const { keepDisplayAwake: _a, startAtLogin: _b, kioskMode: _c, ...v2Only } = DEFAULT_DESK_SETTINGS;
    await writeFile(settingsPath(), JSON.stringify({ ...v2Only, schemaVersion: 1, deskName: 'Lobby', printerName: 'QL-820' }));
    const settings = store();
    const expected = { ...DEFAULT_DESK_SETTINGS, deskName: 'Lobby', printerName: 'QL-820', keepDisplayAwake: true, startAtLogin: false, kioskMode: false };
    expect(await settings.get()).toEqual(expected);
    expect(settings.recovery()).toBeNull();
    expect(JSON.parse(await readFile(settingsPath(), 'utf8'))).toEqual(expected);
  });

  it('reports a write failure with a coded error', async () => {
    const settings = createSettingsStore({ directory: path.join(settingsPath(), 'not-a-dir'), log: recordingLog() });
    await writeFile(settingsPath(), '{}');
    await expect(settings.update({ deskName: 'x' })).rejects.toThrow('[settings.write_failed]');
  });
});
