import { DEFAULT_DESK_SETTINGS, DeskSettings, type DeskSettingsPatch } from './contract';
import { BridgeError } from './errors';
import { describeIssues } from './validation';

// Reading and upgrading the stored settings document, shared by both hosts (a JSON file in
// userData for Electron, localStorage for the browser). Settings must never stop the desk from
// starting: anything unreadable becomes defaults, and the caller keeps a backup of the original.

export const CURRENT_SETTINGS_VERSION: DeskSettings['schemaVersion'] = DeskSettings.shape.schemaVersion.value;

type SettingsObject = Record<string, unknown>;

/** Upgrades a document from version N to N+1. Keyed by N. */
export type SettingsMigration = (document: SettingsObject) => SettingsObject;
export type SettingsMigrations = Readonly<Partial<Record<number, SettingsMigration>>>;

/**
 * One migration per stored version, keyed by the version it upgrades from. Each one only adds or
 * renames fields; the result is validated like any stored document (invalid fields are salvaged).
 */
export const SETTINGS_MIGRATIONS: SettingsMigrations = {
  // 1 -> 2: the lobby workstation options. A desk that upgrades keeps its display awake while
  // someone is signed in (what a lobby needs) and changes nothing about how it starts or looks.
  1: (v1) => ({ keepDisplayAwake: true, startAtLogin: false, kioskMode: false, ...v1, schemaVersion: 2 }),
};

export type SettingsProblem =
  /** Not JSON at all (truncated write by an older build, disk error, hand edit). */
  | 'unreadable'
  /** JSON, but not an object with a numeric schemaVersion. */
  | 'notSettings'
  /** Written by a newer app version (or an unknown old one) with no migration path. */
  | 'unsupportedVersion'
  /** A migration threw. */
  | 'migrationFailed'
  /** Right version, but some fields are invalid: those were reset to their defaults. */
  | 'invalidFields';

export interface SettingsReadOutcome {
  settings: DeskSettings;
  /** Null when the document was fine (or absent). Otherwise the caller backs up the original. */
  problem: SettingsProblem | null;
  /** True when the stored document should be rewritten (recovered or migrated). */
  needsWrite: boolean;
}

export function readSettingsDocument(
  text: string | null,
  migrations: SettingsMigrations = SETTINGS_MIGRATIONS,
): SettingsReadOutcome {
  if (text === null) return { settings: DEFAULT_DESK_SETTINGS, problem: null, needsWrite: false };

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return recovered('unreadable');
  }
  if (!isPlainObject(raw) || typeof raw.schemaVersion !== 'number' || !Number.isInteger(raw.schemaVersion)) {
    return recovered('notSettings');
  }

  let document: SettingsObject = raw;
  let migrated = false;
  for (let version = raw.schemaVersion; version < CURRENT_SETTINGS_VERSION; version += 1) {
    const migrate = migrations[version];
    if (migrate === undefined) return recovered('unsupportedVersion');
    try {
      document = migrate(document);
    } catch {
      return recovered('migrationFailed');
    }
    migrated = true;
  }
  if (document.schemaVersion !== CURRENT_SETTINGS_VERSION) return recovered('unsupportedVersion');

  const parsed = DeskSettings.safeParse(document);
  if (parsed.success) return { settings: parsed.data, problem: null, needsWrite: migrated };
  return { settings: salvageFields(document), problem: 'invalidFields', needsWrite: true };
}

function recovered(problem: SettingsProblem): SettingsReadOutcome {
  return { settings: DEFAULT_DESK_SETTINGS, problem, needsWrite: true };
}

/**
 * Keeps every field that is valid on its own and defaults the rest: one hand-edited bad value must
 * not also wipe the desk name and the printer choice.
 */
function salvageFields(document: SettingsObject): DeskSettings {
  const salvaged: SettingsObject = { ...DEFAULT_DESK_SETTINGS };
  for (const [key, schema] of Object.entries(DeskSettings.shape)) {
    const field = schema.safeParse(document[key]);
    if (field.success) salvaged[key] = field.data;
  }
  // Every field is now either valid or a default, so this cannot fail; parse anyway so the
  // returned value is typed by the schema rather than by a cast.
  return DeskSettings.parse(salvaged);
}

/** Applies a validated patch. Keys whose value is undefined leave the current value alone. */
export function applySettingsPatch(current: DeskSettings, patch: DeskSettingsPatch): DeskSettings {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const merged = DeskSettings.safeParse({ ...current, ...defined, schemaVersion: CURRENT_SETTINGS_VERSION });
  if (!merged.success) {
    throw new BridgeError('bridge.invalid_arguments', `updateSettings: ${describeIssues(merged.error)}`);
  }
  return merged.data;
}

export function serializeSettings(settings: DeskSettings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

function isPlainObject(value: unknown): value is SettingsObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
