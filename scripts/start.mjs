// `npm start`: the central service (embedded SQLite, demo building) and a desk connected to it.
// The desk is the Electron app when an Electron binary exists on this machine; otherwise the same
// renderer as a browser build, served by the central service itself on loopback.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { findElectronBinary } from './electronBinary.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const port = Number(process.env.PORT ?? 8787);
const dataDir = process.env.DATA_DIR ?? '.data/demo';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

console.log('Building the desk…');
run(npx, ['vite', 'build', '--logLevel', 'warn']);

const electron = findElectronBinary();
console.log('Starting the central service with the demo building…');
const server = spawn(npx, ['tsx', 'server/main.ts', '--demo'], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: 'dist/renderer' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
server.on('exit', (code) => {
  console.error(`The central service stopped (exit code ${code}).`);
  process.exit(code ?? 1);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

let code = null;
for await (const line of createInterface({ input: server.stdout })) {
  const found = /enrollment code for a desk: ([0-9A-Z-]{14})/.exec(line);
  if (found) code = found[1];
  if (!/^\s*(On the desk|One-time)/.test(line)) console.log(line);
  if (/listening on/.test(line)) break;
}
const serviceUrl = `http://127.0.0.1:${port}`;
const pins = 'Demo staff PINs: Ana García 1111 · Ben Carter 2222 · Chloé Lefèvre (manager) 3333 · Dana Whitfield (admin) 4444';

if (electron.path) {
  run(process.execPath, ['scripts/build-electron.mjs']);
  console.log(`\n  Starting the Conserje desktop app (${electron.reason}).`);
  console.log(`  Enroll it in Settings (F9) with the service address ${serviceUrl} and the code ${code ?? '(see above)'}.`);
  console.log(`  ${pins}\n`);
  const app = spawn(electron.path, ['.'], { stdio: 'inherit' });
  app.on('exit', () => server.kill('SIGTERM'));
} else {
  console.log(`\n  No Electron binary available: ${electron.reason}.`);
  console.log('  The central service also serves the browser build of the desk (same renderer, browser bridge).');
  console.log(`\n  Conserje desk: ${serviceUrl}/${code ? `?enroll=${code}` : ''}`);
  console.log('  (the link enrolls the desk once; later visits need no code)');
  console.log(`  ${pins}`);
  console.log('  Press Ctrl+C to stop.\n');
}
for await (const line of createInterface({ input: server.stdout })) console.log(line);
