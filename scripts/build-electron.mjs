// Bundles the Electron main process and preload with esbuild.
//
//  electron/main.ts    -> dist-electron/main.cjs     (Node/Electron main: everything bundled
//                                                     except 'electron', which the runtime provides)
//  electron/preload.ts -> dist-electron/preload.cjs  (sandboxed preload: must be ONE CommonJS file
//                                                     whose only require is 'electron')
//
// Bundling everything means the packaged app needs no node_modules at run time (see the `files`
// list in electron-builder.yml). Usage: node scripts/build-electron.mjs [--watch]
import { build, context } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');
const watch = process.argv.includes('--watch');
const production = process.env.NODE_ENV === 'production' || !watch;

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 ships Node 22.
  target: 'node22',
  external: ['electron'],
  sourcemap: 'linked',
  minify: false,
  legalComments: 'none',
  logLevel: 'info',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

const entries = [
  { ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') },
  { ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs'), },
];

await rm(outdir, { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(entries.map((options) => context(options)));
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(entries.map((options) => build(options)));
  await assertPreloadRequiresOnlyElectron(path.join(outdir, 'preload.cjs'));
}

/** A sandboxed preload cannot require anything but 'electron': fail the build, not the app. */
async function assertPreloadRequiresOnlyElectron(file) {
  const code = await readFile(file, 'utf8');
  const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
  const foreign = required.filter((name) => name !== 'electron');
  if (foreign.length > 0) {
    throw new Error(`preload.cjs requires ${foreign.join(', ')}; a sandboxed preload may only require 'electron'`);
  }
}
