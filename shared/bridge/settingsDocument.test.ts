import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from './contract';
import { BridgeError } from './errors';
import { applySettingsPatch, readSettingsDocument, serializeSettings, SETTINGS_MIGRATIONS } from './settingsDocument';

const custom: DeskSettings = { ...DEFAULT_DESK_SETTINGS, deskName: 'Lobby north', printerName: 'Brother_QL_820NWB' };

describe('readSettingsDocument', () => {
  it('returns defaults, without rewriting, when nothing is stored', () => {
    expect(readSettingsDocument(null)).toEqual({ settings: DEFAULT_DESK_SETTINGS, problem: null, needsWrite: false });
  });

  it('reads a valid document as is', () => {
    expect(readSettingsDocument(serializeSettings(custom))).toEqual({ settings: custom, problem: null, needsWrite: false });
  });

  it.each([
    ['{"schemaVersion":1,"deskName":', 'unreadable'],
    ['', 'unreadable'],
    ['[1,2]', 'notSettings'],
    ['{"deskName":"x"}', 'notSettings'],
    ['{"schemaVersion":99,"deskName":"From the future"}', 'unsupportedVersion'],
    ['{"schemaVersion":0}', 'unsupportedVersion'],
  ] as const)('recovers %j as %s with defaults', (text, problem) => {
    expect(readSettingsDocument(text)).toEqual({ settings: DEFAULT_DESK_SETTINGS, problem, needsWrite: true });
  });

  it('keeps the valid fields of a document with some invalid ones', () => {
    const text = JSON.stringify({ ...custom, idleLockMinutes: 0, scannerMaxKeyGapMs: 'fast' });
    expect(readSettingsDocument(text)).toEqual({
      settings: { ...custom, idleLockMinutes: DEFAULT_DESK_SETTINGS.idleLockMinutes },
      problem: 'invalidFields',
      needsWrite: true,
    });
  });

  it('runs migrations from older versions through the hook', () => {
    const { schemaVersion: _omit, ...rest } = custom;
    const v0 = JSON.stringify({ ...rest, schemaVersion: 0, deskName: undefined, name: 'Old name' });
    const outcome = readSettingsDocument(v0, {
      ...SETTINGS_MIGRATIONS,
      0: ({ name, ...document }) => ({ ...document, deskName: name, schemaVersion: 1 }),
    });
    expect(outcome).toEqual({ settings: { ...custom, deskName: 'Old name' }, problem: null, needsWrite: true });
  });

  it('upgrades version 1 to 2: the workstation options with their defaults, everything else kept', () => {
    const { keepDisplayAwake: _a, startAtLogin: _b, kioskMode: _c, ...v1 } = { ...custom, schemaVersion: 1 };
    expect(readSettingsDocument(JSON.stringify(v1))).toEqual({
      settings: { ...custom, keepDisplayAwake: true, startAtLogin: false, kioskMode: false },
      problem: null,
      needsWrite: true,
    });
  });

  it('refuses a version it has no migration for', () => {
    expect(readSettingsDocument(JSON.stringify({ ...custom, schemaVersion: 1 }), {}).problem).toBe('unsupportedVersion');
  });

  it('recovers when a migration throws', () => {
    const outcome = readSettingsDocument('{"schemaVersion":0}', {
      0: () => {
        throw new Error('bad');
      },
    });
    expect(outcome.problem).toBe('migrationFailed');
    expect(outcome.settings).toEqual(DEFAULT_DESK_SETTINGS);
  });
});

describe('applySettingsPatch', () => {
  it('merges defined keys, ignoring undefined ones', () => {
    expect(applySettingsPatch(custom, { deskName: '  Lobby south ', printerName: undefined })).toEqual({
      ...custom,
      deskName: 'Lobby south',
    });
  });

  it('refuses a patch that makes the settings invalid', () => {
    expect(() => applySettingsPatch(custom, { deskName: '   ' })).toThrow(BridgeError);
  });
});
