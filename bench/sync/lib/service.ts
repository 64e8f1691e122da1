// The real central service for the Chromium sync benchmarks: a fresh SQLite data dir seeded with
// a standard fixture building by server/bench/seedFixture.ts (its own process, which exits), then
// `server/main.ts` in its own process on loopback, serving a snapshot of the built renderer.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import type { SeedContent, SeededFixture } from '../../../server/bench/seedFixture';
import type { FixtureSize } from '../../../shared/demo/profiles';

const TSX = ['--import', 'tsx'];

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A private copy of dist/renderer, so a rebuild by someone else during a long run cannot swap the
 * assets under a desk. Returns the copy's folder and when the build was made.
 */
export function snapshotRenderer(): { dir: string; builtAt: string; remove(): void } {
  const source = resolve('dist/renderer');
  if (!existsSync(join(source, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer` first (the sync benches serve the built renderer).');
  const dir = mkdtempSync(join(tmpdir(), 'conserje-sync-bench-renderer-'));
  cpSync(source, dir, { recursive: true });
  return { dir, builtAt: statSync(join(source, 'index.html')).mtime.toISOString(), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function runToEnd(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [...TSX, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveRun(out) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

/** Seeds a fresh SQLite database in `dataDir` (server/bench/seedFixture.ts, in its own process). */
export async function seedSqlite(dataDir: string, options: { size: FixtureSize; seed: number; content: SeedContent; codes: number; now: Date }): Promise<SeededFixture> {
  const out = await runToEnd(
    ['server/bench/seedFixture.ts', '--size', options.size, '--seed', String(options.seed), '--content', options.content, '--codes', String(options.codes), '--now', options.now.toISOString()],
    { DATA_DIR: dataDir, DATABASE_URL: '' },
  );
  const line = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as SeededFixture;
}

export interface RunningService {
  url: string;
  dataDir: string;
  pid: number | undefined;
  /** Read-only look at the service's SQLite database (a second connection; WAL lets it read while the service writes). */
  query<T>(sql: string, ...params: unknown[]): T[];
  stop(): Promise<void>;
}

/** `server/main.ts` (no flags) on the seeded data dir, in its own process, on a free loopback port. */
export async function startService(dataDir: string, staticDir: string): Promise<RunningService> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...TSX, 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir, DATABASE_URL: '', LOG_REQUESTS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  await new Promise<void>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('the central service did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the central service exited with ${code}`)));
    lines.on('line', (line) => {
      if (/listening on/.test(line)) {
        clearTimeout(timer);
        resolveStart();
      }
    });
  });
  let reader: BetterSqlite3.Database | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    pid: child.pid,
    query<T>(sql: string, ...params: unknown[]): T[] {
      reader ??= new BetterSqlite3(join(dataDir, 'conserje.sqlite'), { fileMustExist: true });
      return reader.prepare(sql).all(...params) as T[];
    },
    async stop() {
      reader?.close();
      reader = null;
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolveStop) => {
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
    },
  };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
