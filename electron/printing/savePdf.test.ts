import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPdfSaver } from './savePdf';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'conserje-pdf-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createPdfSaver', () => {
  const pdf = { bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]), suggestedName: 'label-K7P2QX.pdf', dialogTitle: 'Save the label' };

  it('offers the suggested name in Documents and writes the bytes where the user chose', async () => {
    const asked: unknown[] = [];
    const target = path.join(dir, 'chosen.pdf');
    const save = createPdfSaver({
      defaultDirectory: '/home/desk/Documents',
      showSaveDialog: async (options) => {
        asked.push(options);
        return { canceled: false, filePath: target };
      },
    });
    expect(await save(pdf)).toBe('saved');
    expect(await readFile(target, 'latin1')).toBe('%PDF');
    expect(asked).toEqual([
      { title: 'Save the label', defaultPath: path.join('/home/desk/Documents', 'label-K7P2QX.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] },
    ]);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const save = createPdfSaver({ defaultDirectory: dir, showSaveDialog: async () => ({ canceled: true, filePath: '' }) });
    expect(await save(pdf)).toBe('cancelled');
  });
});
