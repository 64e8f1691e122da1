// `npm start`: the desk with its demo building. The Electron app when an Electron binary exists on
// this machine; otherwise the same renderer as a browser build, served on loopback.
import { spawn, spawnSync } from 'node:child_process';
import { findElectronBinary } from './electronBinary.mjs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const electron = findElectronBinary();

console.log('Building the desk…');
run(npx, ['vite', 'build', '--logLevel', 'warn']);

if (electron.path) {
  run(process.execPath, ['scripts/build-electron.mjs']);
  console.log(`Starting the Conserje desktop app (${electron.reason}).`);
  const child = spawn(electron.path, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const port = Number(process.env.PORT ?? 4173);
  console.log(`No Electron binary available: ${electron.reason}.`);
  console.log('Serving the browser build of the desk instead (same renderer, browser implementation of the bridge).');
  const { preview } = await import('vite');
  const server = await preview({ preview: { host: '127.0.0.1', port, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(`\n  Conserje desk: ${url}\n`);
  console.log('  Demo staff PINs: Ana García 1111 · Ben Carter 2222 · Chloé Lefèvre (manager) 3333 · Dana Whitfield (admin) 4444');
  console.log('  Press Ctrl+C to stop.');
}
