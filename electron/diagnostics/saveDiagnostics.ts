import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeskSettings, SaveDiagnosticsRequest, SaveDiagnosticsResult } from '../../shared/bridge/contract';
import {
  buildDiagnosticsBundle,
  diagnosticsFileName,
  type DiagnosticsFacts,
  type DiagnosticsLogFile,
} from '../../shared/bridge/diagnosticsBundle';
import { writeFileAtomic } from '../fs/atomicWrite';
import type { EventLog } from '../logging/eventLog';

// The bridge's saveDiagnostics on the desktop: ask where to save (the OS save dialog), read the
// rotated log files, bundle them with versions and non-personal settings (shared/bridge/
// diagnosticsBundle.ts scrubs every line again), and write one JSON file. No zip library is a
// dependency of the app, and a JSON file opens anywhere.

export interface SaveDialogResult {
  canceled: boolean;
  filePath?: string | undefined;
}

export interface SaveDiagnosticsDeps {
  showSaveDialog(options: { title: string; defaultPath: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<SaveDialogResult>;
  /** Where the dialog opens (the user's Documents folder). */
  defaultDirectory: string;
  /** electron-log's folder (main.log and its archives), or null when unknown. */
  logDirectory: string | null;
  versions: () => DiagnosticsFacts;
  facts: () => DiagnosticsFacts;
  getSettings: () => Promise<DeskSettings>;
  now: () => Date;
  log: Pick<EventLog, 'info' | 'warn' | 'error'>;
}

const LOG_FILE = /^([A-Za-z0-9_-]+)(?:\.(\d{1,3}))?\.log$/;

/** The log files of a folder, oldest first: main.5.log … main.1.log, main.log (per log name). */
export async function readLogFiles(directory: string): Promise<DiagnosticsLogFile[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const logs = names
    .map((name) => ({ name, match: LOG_FILE.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({ name, base: match[1] ?? '', archive: match[2] === undefined ? 0 : Number(match[2]) }))
    .sort((a, b) => a.base.localeCompare(b.base) || b.archive - a.archive);
  const files: DiagnosticsLogFile[] = [];
  for (const log of logs) {
    // A file rotated away between readdir and here is simply skipped.
    const text = await readFile(path.join(directory, log.name), 'utf8').catch(() => null);
    if (text !== null) files.push({ name: log.name, text });
  }
  return files;
}

export function createDiagnosticsSaver(deps: SaveDiagnosticsDeps): (request: SaveDiagnosticsRequest) => Promise<SaveDiagnosticsResult> {
  return async (request) => {
    const createdAt = deps.now();
    const choice = await deps.showSaveDialog({
      title: request.dialogTitle,
      defaultPath: path.join(deps.defaultDirectory, diagnosticsFileName(createdAt)),
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { outcome: 'cancelled' };
    try {
      const text = buildDiagnosticsBundle({
        createdAt,
        versions: deps.versions(),
        settings: await deps.getSettings(),
        logs: deps.logDirectory === null ? [] : await readLogFiles(deps.logDirectory),
        facts: deps.facts(),
      });
      await writeFileAtomic(choice.filePath, text);
      deps.log.info('diagnostics.saved', { bytes: Buffer.byteLength(text) });
      return { outcome: 'saved', fileName: path.basename(choice.filePath).slice(0, 255) };
    } catch (error: unknown) {
      deps.log.error('diagnostics.save_failed', { error });
      return { outcome: 'failed', reason: 'diagnostics.write_failed' };
    }
  };
}
