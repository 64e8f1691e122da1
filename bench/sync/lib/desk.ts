// One desk in real Chromium (Debian's, driven by playwright-core) for the sync benchmarks: its own
// persistent profile (a temporary user-data dir, so IndexedDB's strict durability hits the disk as
// on a real desk), the in-page observer (inPage.ts) on every load, enrolled through the service's
// `?enroll=CODE` link as a person would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, chromiumUnavailableReason } from '../../../tests/e2e/support/chromium';
import { signIn } from '../../../tests/e2e/support/desk';
import type { SyncBenchLog } from '../inPage';

export const APP_DB = 'conserje-desk';
/** The synced tables a desk holds (shared/sync/protocol.ts SYNCED_TABLES). */
export const SYNCED = ['buildings', 'units', 'residents', 'staff', 'packages', 'events', 'amenities', 'bookings', 'threads', 'messages', 'templates', 'rejections'] as const;

export interface Desk {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
  chromiumVersion: string;
  close(): Promise<void>;
}

export async function openDesk(name: string, instrumentation: string): Promise<Desk> {
  const skip = chromiumUnavailableReason();
  if (skip) throw new Error(skip);
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no chromium');
  const profile = mkdtempSync(join(tmpdir(), `conserje-sync-bench-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    bypassCSP: true,
    viewport: { width: 1600, height: 900 },
  });
  await context.addInitScript({ content: instrumentation });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const chromiumVersion = context.browser()?.version() ?? (await browserVersion(context, page));
  return {
    name,
    context,
    page,
    errors,
    chromiumVersion,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function browserVersion(context: BrowserContext, page: Page): Promise<string> {
  const session = await context.newCDPSession(page);
  const { product } = (await session.send('Browser.getVersion')) as { product: string };
  await session.detach();
  return product;
}

export function pageLog(page: Page): Promise<SyncBenchLog> {
  return page.evaluate(() => {
    const api = window.__syncBench;
    if (!api) throw new Error('sync bench instrumentation missing');
    return api.log();
  });
}

export function syncCursor(page: Page): Promise<number | null> {
  return page.evaluate(async (db) => {
    const value = await window.__syncBench?.meta(db, 'syncCursor');
    return typeof value === 'number' ? value : null;
  }, APP_DB);
}

/** Waits (polling from Node, every `everyMs`) until the desk's pull cursor reaches `version`. */
export async function waitForCursor(page: Page, version: number, timeoutMs: number, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cursor = await syncCursor(page).catch(() => null);
    if (cursor !== null && cursor >= version) return;
    if (Date.now() > deadline) throw new Error(`the desk's cursor is ${cursor ?? 'unset'} after ${timeoutMs} ms, expected ${version}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, everyMs));
  }
}

export function tableCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate((db) => window.__syncBench?.counts(db) ?? Promise.resolve({}), APP_DB);
}

/** Enrolls through the link the service prints, waits for the sign-in screen. */
export async function enroll(desk: Desk, serviceUrl: string, code: string): Promise<void> {
  await desk.page.goto(`${serviceUrl}/?enroll=${code}`, { waitUntil: 'commit' });
}

/** Signs in (staff button + PIN) once the sign-in screen shows. */
export async function signInDesk(desk: Desk, displayName: string, pin: string): Promise<void> {
  await desk.page.getByRole('button', { name: new RegExp(displayName) }).waitFor({ timeout: 120_000 });
  await signIn(desk.page, displayName, pin);
}

/** Percentile-free helpers for logs. */
export function lastBefore<T>(items: readonly T[], time: (item: T) => number, before: number): T | undefined {
  let found: T | undefined;
  for (const item of items) if (time(item) <= before && (found === undefined || time(item) >= time(found))) found = item;
  return found;
}

export function firstAfter<T>(items: readonly T[], time: (item: T) => number, after: number): T | undefined {
  let found: T | undefined;
  for (const item of items) if (time(item) >= after && (found === undefined || time(item) < time(found))) found = item;
  return found;
}

/** The rebase transactions (one per pulled page): readwrite over the synced tables, shadows, outbox, quarantine. */
export function isRebaseTx(tx: { mode: string; stores: string[] }): boolean {
  return tx.mode === 'readwrite' && tx.stores.includes('quarantine') && tx.stores.includes('shadows') && tx.stores.includes('outbox');
}
