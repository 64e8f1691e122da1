import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface CentralService {
  url: string;
  codes: string[];
  dataDir: string;
  stop(): Promise<void>;
  /** Starts the same service again on the same port and data (after `stop`, to simulate an outage). */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CentralServiceOptions {
  enrollmentCodes: number;
  /** An SMTP server for resident e-mail (e.g. server/testing/smtpSink.ts); links in e-mails point at this service. */
  smtpUrl?: string;
  /** More environment for the service (PACKAGE_NOTICE_DELAY_SECONDS…). */
  env?: Readonly<Record<string, string>>;
}

/** The real central service in its own process (`tsx server/main.ts --demo`), on loopback. */
export async function startCentralService(options: CentralServiceOptions): Promise<CentralService> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'conserje-e2e-'));
  let child: ChildProcess | null = null;
  const codes: string[] = [];

  const launch = async (): Promise<void> => {
    const process_ = spawn('npx', ['tsx', 'server/main.ts', '--demo', '--enrollment-codes', String(options.enrollmentCodes)], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        STATIC_DIR: 'dist/renderer',
        ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl, SMTP_FROM: 'Front desk <desk@building.example>', PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so stopping it also stops the node process npx started.
      detached: true,
    });
    child = process_;
    const lines = createInterface({ input: process_.stdout ?? process.stdin });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the central service did not start within 60 s')), 60_000);
      process_.once('exit', (code) => reject(new Error(`the central service exited with ${code}`)));
      lines.on('line', (line) => {
        const found = /enrollment code for a desk: ([0-9A-Z-]{14})/.exec(line);
        if (found?.[1]) codes.push(found[1]);
        if (/listening on/.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      if (running.pid !== undefined) process.kill(-running.pid, 'SIGTERM');
      else running.kill('SIGTERM');
    });
  };

  await launch();
  return { url: `http://127.0.0.1:${port}`, codes, dataDir, stop, restart: launch };
}
