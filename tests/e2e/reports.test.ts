import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import type { DomainEvent, Package } from '../../shared/domain/model';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startDeskServer, type DeskServer } from './support/deskServer';
import { screenshot, signIn } from './support/desk';
import { readStore } from './support/indexedDb';
import { fr } from '../../shared/i18n/fr';

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] reports suite skipped: ${skipReason}`);

async function downloadedCsv(page: Page, click: () => Promise<void>): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1).trim(), { newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  return { name: download.suggestedFilename(), rows: parsed.data };
}

describe.skipIf(skipReason !== null)('reports for managers (browser build)', () => {
  let server: DeskServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDeskServer();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows package aging, daily counts with a chart and the event log, and exports each as CSV a spreadsheet reads', async () => {
    await page.getByRole('button', { name: /Chloé/ }).waitFor();
    await signIn(page, 'Chloé Lefèvre', '3333');
    await page.keyboard.press('F10');
    await page.getByTestId('aging-table').waitFor();

    // Aging: the desk's own waiting packages, 3 days or more, grouped by unit.
    await page.getByTestId('aging-min-days').selectOption('3');
    const now = Date.now();
    const waiting = (await readStore<Package>(page, 'packages')).filter((pkg) => pkg.status === 'waiting' && now - Date.parse(pkg.receivedAt) >= 3 * 86_400_000);
    await expect.poll(async () => page.getByTestId('aging-total').textContent()).toContain(`${waiting.length} colis`);
    const aging = await downloadedCsv(page, () => page.getByRole('button', { name: fr.reports.exportCsv }).click());
    expect(aging.name).toBe('package-aging-unit-3d.csv');
    expect(aging.rows[0]).toEqual(['unit', 'waiting', 'oldest_days']);
    expect(aging.rows.slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(waiting.length);
    await screenshot(page, '30-reports-aging');

    // Daily intake and release, keyboard only: arrow to the next tab.
    await page.getByRole('tab', { name: fr.reports.tabs.aging }).focus(); // Chloé works in French
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('daily-chart').waitFor();
    const daily = await downloadedCsv(page, () => page.getByRole('button', { name: fr.reports.exportCsv }).click());
    expect(daily.rows[0]).toEqual(['date', 'received', 'released']);
    expect(daily.rows).toHaveLength(31);
    expect(daily.rows.slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBeGreaterThan(0);
    await screenshot(page, '31-reports-daily');

    // Amenity usage per month, from the bookings this desk holds.
    await page.getByRole('tab', { name: fr.reports.tabs.daily }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('usage-table').waitFor();
    const usage = await downloadedCsv(page, () => page.getByRole('button', { name: fr.reports.exportCsv }).click());
    expect(usage.rows[0]).toEqual(['amenity', 'month', 'used', 'checked_in', 'no_show', 'cancelled', 'hours']);
    expect(usage.rows.length).toBeGreaterThan(1);
    await screenshot(page, '33-reports-usage');

    // Message delivery: the demo's messages all reached their one recipient.
    await page.getByRole('tab', { name: fr.reports.tabs.usage }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('delivery-totals').waitFor();
    expect(await page.getByTestId('delivery-row').count()).toBe(0);
    const delivery = await downloadedCsv(page, () => page.getByRole('button', { name: fr.reports.exportCsv }).click());
    expect(delivery.name).toBe('delivery-failures.csv');
    expect(delivery.rows.slice(0, 1)).toEqual([expect.arrayContaining(['sent_at', 'subject', 'recipients', 'not_sent', 'no_email', 'refused'])]);
    expect(delivery.rows).toHaveLength(1);
    await screenshot(page, '34-reports-delivery-none');

    // The event log, filtered to sign-ins (this one included).
    await page.getByRole('tab', { name: fr.reports.tabs.delivery }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('events-table').waitFor();
    await page.getByTestId('events-type').selectOption('staff.signedIn');
    const signIns = (await readStore<DomainEvent>(page, 'events')).filter((event) => event.type === 'staff.signedIn');
    expect(signIns.length).toBeGreaterThan(0);
    await expect.poll(async () => page.getByTestId('events-count').textContent()).toContain(`${signIns.length} événement`);
    const log = await downloadedCsv(page, () => page.getByRole('button', { name: fr.reports.exportCsv }).click());
    expect(log.rows[0]).toEqual(['at_utc', 'at_local', 'type', 'staff', 'desk', 'unit', 'resident', 'details']);
    expect(log.rows.slice(1).every((row) => row[2] === 'staff.signedIn')).toBe(true);
    expect(log.rows.slice(1).some((row) => row[3] === 'Chloé Lefèvre')).toBe(true);
    await screenshot(page, '32-reports-events');
  });
});
