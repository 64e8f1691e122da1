// `npm run bench [-- --json] [-- --seed N] [-- --runs N] [-- --size large|small|demo]`: every
// benchmark in sequence, with tsx. Options are passed through to each bench only when given, so
// each bench keeps its own defaults otherwise. The desk bench serves dist/renderer: run
// `npm run build:renderer` first. Exits non-zero when any bench reported wrong work (or crashed);
// the others still run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const BENCHES = ['bench/fixture.bench.ts', 'bench/desk/desk.bench.ts'];

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    json: { type: 'boolean', default: false },
    seed: { type: 'string' },
    runs: { type: 'string' },
    size: { type: 'string' },
  },
  strict: true,
});

const passThrough = [];
if (values.json) passThrough.push('--json');
for (const name of ['seed', 'runs', 'size']) if (values[name] !== undefined) passThrough.push(`--${name}`, values[name]);

if (!existsSync('dist/renderer/index.html')) {
  console.error('dist/renderer is missing: run `npm run build:renderer` first (the desk bench serves the built renderer).');
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const failed = [];
for (const bench of BENCHES) {
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
