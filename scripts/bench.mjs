// `npm run bench [-- --json] [-- --seed N] [-- --runs N] [-- --size large|small|demo] [-- --only a,b]`:
// every benchmark in sequence, with tsx. `--only` runs the named ones (fixture, bookings, desk,
// sync-initial, sync-propagation, sync-drain, sync-server, messaging-broadcast; a prefix such as `sync` selects several). Options are
// passed through to each bench only when given, so each bench keeps its own defaults otherwise
// (--runs means runs of the whole measurement in sync-initial and sync-drain, samples in
// sync-propagation; sync-server has its own flags, see bench/sync/server.bench.ts). The desk and
// the Chromium sync benches serve dist/renderer: run `npm run build:renderer` first. Exits non-zero when any bench reported wrong work (or crashed);
// the others still run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const BENCHES = [
  { name: 'fixture', file: 'bench/fixture.bench.ts' },
  // Amenity availability: a month for every amenity over a year of bookings (shared/bookings).
  { name: 'bookings', file: 'bench/bookings/availability.bench.ts' },
  { name: 'bookings-contention', file: 'bench/bookings/contention.bench.ts' },
  { name: 'desk', file: 'bench/desk/desk.bench.ts' },
  // Sync (bench/sync): the Chromium ones serve dist/renderer through the real central service.
  { name: 'sync-initial', file: 'bench/sync/initialSync.bench.ts' },
  { name: 'sync-propagation', file: 'bench/sync/propagation.bench.ts' },
  { name: 'sync-drain', file: 'bench/sync/drain.bench.ts' },
  { name: 'sync-server', file: 'bench/sync/server.bench.ts' },
  // Resident e-mail: a broadcast to 1,000 units through the real service and an SMTP server on loopback.
  { name: 'messaging-broadcast', file: 'bench/messaging/broadcast.bench.ts' },
];

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    json: { type: 'boolean', default: false },
    seed: { type: 'string' },
    runs: { type: 'string' },
    size: { type: 'string' },
    only: { type: 'string' },
  },
  strict: true,
});

const wanted = values.only === undefined ? null : values.only.split(',').map((name) => name.trim()).filter(Boolean);
const selected = wanted === null ? BENCHES : BENCHES.filter((bench) => wanted.some((name) => bench.name === name || bench.name.startsWith(name)));
if (wanted !== null && selected.length === 0) {
  console.error(`--only ${values.only}: no such benchmark (${BENCHES.map((bench) => bench.name).join(', ')})`);
  process.exit(2);
}

const passThrough = [];
if (values.json) passThrough.push('--json');
for (const name of ['seed', 'runs', 'size']) if (values[name] !== undefined) passThrough.push(`--${name}`, values[name]);

if (!existsSync('dist/renderer/index.html')) {
  console.error('dist/renderer is missing: run `npm run build:renderer` first (the desk bench serves the built renderer).');
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const failed = [];
for (const { file: bench } of selected) {
  if (!values.json) console.log(`\n## ${bench}\n`);
  const started = Date.now();
  const result = spawnSync(npx, ['tsx', bench, ...passThrough], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[bench] ${bench}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s\n`);
  if (result.status !== 0) failed.push(bench);
}

if (failed.length > 0) {
  console.error(`\nbenchmarks reporting wrong work or failing: ${failed.join(', ')}`);
  process.exit(1);
}
