import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodeLog from 'electron-log/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../shared/bridge/redact';
import { configureMainLogging } from './configureLogging';

// electron-log's Node flavour shares the main flavour's file transport and hooks, and runs without
// Electron: this checks the configuration against the real library, not a fake.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'conserje-electron-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('electron-log configured by configureMainLogging', () => {
  it('writes redacted lines and rotates through numbered archives', async () => {
    const log = nodeLog.create({ logId: `test-${Date.now()}` });
    configureMainLogging(log, { verbose: false, maxBytes: 2_000, archivesKept: 3 });
    log.transports.console.level = false;
    log.transports.file.resolvePathFn = () => path.join(dir, 'main.log');

    log.warn('notify.failed', { residentEmail: 'ana@example.com', detail: 'to ana@example.com, tel +34 612 34 56 78' });
    const first = await readFile(path.join(dir, 'main.log'), 'utf8');
    expect(first).toContain('notify.failed');
    expect(first).toContain(REDACTED.field);
    expect(first).toContain(REDACTED.phone);
    expect(first).not.toContain('ana@example.com');
    expect(first).not.toContain('612');

    for (let line = 0; line < 400; line += 1) log.info('filler.line', { line, pad: 'x'.repeat(80) });
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
  });
});
