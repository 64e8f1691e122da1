import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archivePath, rotateLogFile, type RotationFs } from './logRotation';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'conserje-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rotateLogFile', () => {
  it('names archives main.1.log ... keeping the .log extension', () => {
    expect(archivePath('/logs/main.log', 3)).toBe(path.join('/logs', 'main.3.log'));
  });

  it('shifts archives up, drops the oldest, and moves the current file to .1', async () => {
    const log = path.join(dir, 'main.log');
    for (let generation = 1; generation <= 8; generation += 1) {
      await writeFile(log, `generation ${generation}`);
      expect(rotateLogFile(log, 5)).toBe(true);
    }
    expect((await readdir(dir)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.4.log', 'main.5.log']);
    expect(await readFile(path.join(dir, 'main.1.log'), 'utf8')).toBe('generation 8');
    expect(await readFile(path.join(dir, 'main.5.log'), 'utf8')).toBe('generation 4');
  });

  it('empties the file when it cannot be moved, so the size cap still holds', () => {
    const truncated: string[] = [];
    const lockedFs: RotationFs = {
      rmSync: () => undefined,
      renameSync: () => {
        throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
      },
      truncateSync: (target) => void truncated.push(target),
    };
    expect(rotateLogFile('/logs/main.log', 5, lockedFs)).toBe(false);
    expect(truncated).toEqual(['/logs/main.log']);
  });
});
