import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the layering rules of ARCHITECTURE.md are enforced by `npm run lint`: each deliberate
// violation below, linted as if it lived at the given path, must produce a no-restricted-* error.
const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.severity === 2 && message.ruleId?.startsWith('no-restricted'))
    .map((message) => message.message);
}

describe('layering lint', () => {
  const violations: Array<[string, string, string]> = [
    ['shared/domain/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'shared imports Node'],
    ['shared/domain/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;", 'shared imports Electron'],
    ['shared/domain/bad.ts', "import { useState } from 'react';\nexport const x = useState;", 'shared imports React'],
    ['shared/domain/bad.ts', "import { x } from '../../renderer/app/store';\nexport const y = x;", 'shared imports renderer'],
    ['shared/domain/bad.ts', 'export const title = document.title;', 'shared uses the DOM'],
    ['renderer/app/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;", 'renderer imports Electron'],
    ['renderer/app/bad.ts', "import fs from 'fs';\nexport const x = fs;", 'renderer imports Node'],
    ['renderer/app/bad.ts', "import { x } from '../../electron/main';\nexport const y = x;", 'renderer imports electron/'],
    ['renderer/app/bad.ts', "import { x } from '../../server/app';\nexport const y = x;", 'renderer imports server/'],
    ['electron/bad.ts', "import { x } from '../renderer/app/store';\nexport const y = x;", 'electron imports renderer/'],
    ['server/bad.ts', "import { x } from '../renderer/db/database';\nexport const y = x;", 'server imports renderer/'],
    ['server/bad.ts', "import { x } from '../electron/main';\nexport const y = x;", 'server imports electron/'],
    ['shared/domain/bad.test.ts', "import { x } from '../../renderer/app/store';\nexport const y = x;", 'a shared test imports renderer'],
  ];

  it.each(violations)('%s: %s fails lint (%s)', async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).not.toEqual([]);
  });

  it('allows the permitted direction (renderer -> shared, electron -> shared)', async () => {
    expect(await layeringErrors('renderer/app/ok.ts', "import { z } from 'zod';\nimport { Unit } from '../../shared/domain/model';\nexport const y = [z, Unit];")).toEqual([]);
    expect(await layeringErrors('electron/ok.ts', "import { readFileSync } from 'node:fs';\nimport { Unit } from '../shared/domain/model';\nexport const y = [readFileSync, Unit];")).toEqual([]);
  });
});
