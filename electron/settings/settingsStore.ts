import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { DeskSettings, DeskSettingsPatch } from '../../shared/bridge/contract';
import { BridgeError } from '../../shared/bridge/errors';
import {
  applySettingsPatch,
  readSettingsDocument,
  serializeSettings,
  SETTINGS_MIGRATIONS,
  type SettingsMigrations,
  type SettingsProblem,
} from '../../shared/bridge/settingsDocument';
import { writeFileAtomic } from '../fs/atomicWrite';
import type { EventLog } from '../logging/eventLog';

// The desk's settings, persisted by the main process as validated JSON in userData/settings.json.
// Loaded once and cached; every update is validated, merged and written atomically, one at a time.
// A damaged file never blocks startup: it is kept as settings.corrupt-<timestamp>.json (so nothing
// a technician might want is lost) and the desk starts with defaults plus whatever was salvageable.

export const SETTINGS_FILE = 'settings.json';

export interface SettingsRecovery {
  problem: SettingsProblem;
  /** File name (in the same directory) of the preserved original, or null if it could not be kept. */
  backupFile: string | null;
}

export interface SettingsStore {
  get(): Promise<DeskSettings>;
  update(patch: DeskSettingsPatch): Promise<DeskSettings>;
  /** Set when the stored file had to be recovered at load; the UI can show a notice. */
  recovery(): SettingsRecovery | null;
}

export interface SettingsStoreOptions {
  directory: string;
  log: EventLog;
  now?: () => Date;
  migrations?: SettingsMigrations;
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const filePath = path.join(options.directory, SETTINGS_FILE);
  const now = options.now ?? (() => new Date());
  const { log } = options;
  let lastRecovery: SettingsRecovery | null = null;
  let loaded: Promise<DeskSettings> | null = null;
  // Serialises writes: two quick updates must not interleave their read-merge-write steps.
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<DeskSettings> {
    const text = await readTextOrNull(filePath);
    const outcome = readSettingsDocument(text, options.migrations ?? SETTINGS_MIGRATIONS);
    let preserved = true;
    if (outcome.problem !== null) {
      const backupFile = await preserveDamagedFile(filePath, now());
      preserved = backupFile !== null;
      lastRecovery = { problem: outcome.problem, backupFile };
      log.warn('settings.recovered', { problem: outcome.problem, backupFile });
    }
    // Never overwrite a damaged file that could not be set aside: it may be a passing I/O error.
    if (outcome.needsWrite && preserved) {
      // A failed rewrite is not fatal: the recovered settings are used in memory and the next
      // successful update writes them.
      await persist(outcome.settings).catch((error: unknown) => log.error('settings.write_failed', { error }));
    }
    return outcome.settings;
  }

  async function persist(settings: DeskSettings): Promise<void> {
    await mkdir(options.directory, { recursive: true });
    await writeFileAtomic(filePath, serializeSettings(settings));
  }

  const get = (): Promise<DeskSettings> => {
    loaded ??= load();
    return loaded;
  };

  const update = (patch: DeskSettingsPatch): Promise<DeskSettings> => {
    const run = queue.then(async () => {
      const next = applySettingsPatch(await get(), patch);
      try {
        await persist(next);
      } catch (error: unknown) {
        log.error('settings.write_failed', { error });
        throw new BridgeError('settings.write_failed', 'settings could not be saved');
      }
      loaded = Promise.resolve(next);
      return next;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return { get, update, recovery: () => lastRecovery };
}

async function readTextOrNull(filePath: string): Promise<string | null> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable for another reason (permissions, I/O): treat as damaged, like unparsable JSON.
    return '';
  }
}

/** Renames the damaged file aside (keeping its exact bytes). Returns the backup's file name. */
async function preserveDamagedFile(filePath: string, at: Date): Promise<string | null> {
  // File-name-safe ISO timestamp: 2025-01-31T09-05-07-123Z.
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const backupFile = `settings.corrupt-${stamp}.json`;
  try {
    await rename(filePath, path.join(path.dirname(filePath), backupFile));
    return backupFile;
  } catch {
    return null;
  }
}
