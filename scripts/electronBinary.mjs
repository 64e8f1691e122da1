// Where an Electron binary is, if anywhere. The electron npm package downloads its binary lazily,
// which fails on machines without internet access; CONSERJE_ELECTRON_BINARY can name one instead.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function findElectronBinary() {
  const explicit = process.env.CONSERJE_ELECTRON_BINARY;
  if (explicit) {
    return existsSync(explicit)
      ? { path: explicit, reason: 'CONSERJE_ELECTRON_BINARY' }
      : { path: null, reason: `CONSERJE_ELECTRON_BINARY points to ${explicit}, which does not exist` };
  }
  try {
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return { path: null, reason: 'the electron package has not downloaded its binary (no network access to its download host here)' };
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? { path: binary, reason: 'electron package' } : { path: null, reason: `the Electron binary is missing at ${binary}` };
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
}
