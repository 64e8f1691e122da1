import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS } from '../../shared/bridge/contract';
import { recordingLog } from '../testing/recordingLog';
import { createDiagnosticsSaver, readLogFiles, type SaveDiagnosticsDeps } from './saveDiagnostics';

let dir: string;
let logs: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'conserje-diag-'));
  logs = path.join(dir, 'logs');
  await mkdir(logs);
  await writeFile(path.join(logs, 'main.log'), "[info] app.started { version: '0.1.0' }\n");
  await writeFile(path.join(logs, 'main.1.log'), "[warn] renderer:notify.failed { residentEmail: 'ana@example.com', phone: '+34 612 34 56 78' }\n");
  await writeFile(path.join(logs, 'main.2.log'), '[info] sync.rejected tracking 1Z999AA10123456784 for Ana\n');
  await writeFile(path.join(logs, 'notes.txt'), 'not a log');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function deps(overrides: Partial<SaveDiagnosticsDeps> = {}) {
  const log = recordingLog();
  const dialogs: unknown[] = [];
  const value: SaveDiagnosticsDeps = {
    showSaveDialog: async (options) => {
      dialogs.push(options);
      return { canceled: false, filePath: path.join(dir, 'out', 'bundle.json') };
    },
    defaultDirectory: '/home/ana/Documents',
    logDirectory: logs,
    versions: () => ({ app: '0.1.0', electron: '45.5.0', chrome: '142.0', node: '22.20.0', os: 'Linux 6.1', arch: 'x64' }),
    facts: () => ({ settingsRecovery: null }),
    getSettings: async () => ({ ...DEFAULT_DESK_SETTINGS, deskName: 'Ana’s desk' }),
    now: () => new Date('2025-01-31T09:05:07.123Z'),
    log,
    ...overrides,
  };
  return { value, log, dialogs };
}

describe('readLogFiles', () => {
  it('reads every log and archive, oldest first, and nothing else', async () => {
    expect((await readLogFiles(logs)).map((file) => file.name)).toEqual(['main.2.log', 'main.1.log', 'main.log']);
  });

  it('returns nothing for a missing folder', async () => {
    expect(await readLogFiles(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('createDiagnosticsSaver', () => {
  it('asks where to save with the translated title, writes one scrubbed bundle and returns only the file name', async () => {
    await mkdir(path.join(dir, 'out'));
    const { value, dialogs, log } = deps();
    expect(await createDiagnosticsSaver(value)({ dialogTitle: 'Guardar diagnóstico' })).toEqual({ outcome: 'saved', fileName: 'bundle.json' });
    expect(dialogs).toEqual([
      {
        title: 'Guardar diagnóstico',
        defaultPath: path.join('/home/ana/Documents', 'conserje-diagnostics-2025-01-31T09-05-07Z.json'),
        filters: [{ name: 'JSON', extensions: ['json'] }],
      },
    ]);
    const text = await readFile(path.join(dir, 'out', 'bundle.json'), 'utf8');
    const bundle = JSON.parse(text) as { versions: unknown; logs: Array<{ name: string }> };
    expect(bundle.versions).toMatchObject({ electron: '45.5.0', chrome: '142.0', node: '22.20.0' });
    expect(bundle.logs.map((file) => file.name)).toEqual(['main.2.log', 'main.1.log', 'main.log']);
    for (const personal of ['ana@example.com', '612 34 56 78', '1Z999AA10123456784', 'Ana’s desk']) expect(text).not.toContain(personal);
    expect(text).toContain('app.started');
    expect(log.calls.some(([, code]) => code === 'diagnostics.saved')).toBe(true);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { value } = deps({ showSaveDialog: async () => ({ canceled: true }) });
    expect(await createDiagnosticsSaver(value)({ dialogTitle: 'Save' })).toEqual({ outcome: 'cancelled' });
  });

  it('reports a write failure with a code', async () => {
    const { value, log } = deps({ showSaveDialog: async () => ({ canceled: false, filePath: path.join(dir, 'no-such-folder', 'x.json') }) });
    expect(await createDiagnosticsSaver(value)({ dialogTitle: 'Save' })).toEqual({ outcome: 'failed', reason: 'diagnostics.write_failed' });
    expect(log.calls.some(([level, code]) => level === 'error' && code === 'diagnostics.save_failed')).toBe(true);
  });
});
