import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Package, Resident, Unit } from '../../shared/domain/model';
import { detectCarrier } from '../../shared/packages/carrier';
import conformance from '../../shared/packages/conformance/tracking-numbers.json';
import { es } from '../../shared/i18n/es';
import { fr } from '../../shared/i18n/fr';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startDeskServer, type DeskServer } from './support/deskServer';
import { scan, screenshot, sign, signIn } from './support/desk';
import { readStore } from './support/indexedDb';

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] package desk suite skipped: ${skipReason}`);

/** Twenty real tracking numbers from the conformance data, each one its carrier's best match. */
function trackingNumbers(count: number): string[] {
  const picked: string[] = [];
  const seen = new Set<string>();
  for (const entry of conformance.cases) {
    if (!entry.valid) continue;
    const best = detectCarrier(entry.number)[0];
    if (!best?.checksumValid || best.courier !== entry.courier || seen.has(best.trackingNumber)) continue;
    seen.add(best.trackingNumber);
    picked.push(entry.number.replace(/\s+/g, ''));
    if (picked.length === count) break;
  }
  return picked;
}

describe.skipIf(skipReason !== null)('package desk in Chromium (browser build)', () => {
  let server: DeskServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startDeskServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, receives 20 scanned packages, releases 5 to a proxy with a signature, in three languages, and keeps it all after a reload', async () => {
    await page.getByRole('button', { name: /Ben Carter/ }).waitFor();
    await screenshot(page, '01-sign-in');
    await signIn(page, 'Ben Carter', '2222');

    // A resident with an authorized pickup person, whose unit has nothing waiting yet.
    const residents = await readStore<Resident>(page, 'residents');
    const units = await readStore<Unit>(page, 'units');
    const waitingBefore = (await readStore<Package>(page, 'packages')).filter((pkg) => pkg.status === 'waiting');
    const busyUnits = new Set(waitingBefore.map((pkg) => pkg.unitId));
    const proxyOwner = residents.find((resident) => resident.authorizedPickups.length > 0 && !busyUnits.has(resident.unitId));
    expect(proxyOwner).toBeDefined();
    const proxyUnit = units.find((unit) => unit.id === proxyOwner?.unitId);
    const otherUnit = units.find((unit) => unit.id !== proxyUnit?.id && !busyUnits.has(unit.id));
    if (!proxyOwner || !proxyUnit || !otherUnit) throw new Error('demo building lacks the units this test needs');

    // Receive: scan, type the unit, Enter. Five go to the proxy's unit.
    const numbers = trackingNumbers(20);
    expect(numbers).toHaveLength(20);
    for (const [position, number] of numbers.entries()) {
      await page.locator('#tracking-input').waitFor();
      await scan(page, number);
      await page.locator('#recipient-input').waitFor();
      await expect.poll(() => page.locator('#recipient-input').evaluate((input) => document.activeElement === input)).toBe(true);
      if (position === 0) await screenshot(page, '02-receive-draft');
      await page.keyboard.type(position < 5 ? proxyUnit.label : otherUnit.label, { delay: 30 });
      await page.locator('.recipient-option.selected').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('#recipient-input').waitFor({ state: 'detached' });
    }
    // Nothing leaked into the scan field, and every package is stored with its carrier.
    expect(await page.locator('#tracking-input').inputValue()).toBe('');
    const afterReceive = await readStore<Package>(page, 'packages');
    const received = afterReceive.filter((pkg) => pkg.status === 'waiting' && !waitingBefore.some((before) => before.id === pkg.id));
    expect(received).toHaveLength(20);
    expect(received.every((pkg) => pkg.carrier !== 'unknown' && pkg.receivedBy !== '')).toBe(true);
    await screenshot(page, '03-receive-list');

    // Release the five to the authorized person, with a signature.
    await page.keyboard.press('F2');
    await page.locator('#release-search').fill(proxyUnit.label);
    await page.keyboard.press('Enter');
    await page.getByTestId('release-packages').waitFor();
    expect(await page.getByTestId('release-packages').locator('li').count()).toBe(5);
    const pickup = proxyOwner.authorizedPickups[0];
    if (!pickup) throw new Error('no pickup');
    await page.getByLabel(new RegExp(pickup.name)).check();
    await sign(page);
    await screenshot(page, '04-release');
    await page.getByRole('button', { name: /Release 5 packages/ }).click();
    await page.getByText(new RegExp(`5 packages released to ${pickup.name}`)).waitFor();
    const releasedNow = (await readStore<Package>(page, 'packages')).filter((pkg) => pkg.unitId === proxyUnit.id && pkg.status === 'released');
    expect(releasedNow).toHaveLength(5);
    for (const pkg of releasedNow) {
      expect(pkg.release).toMatchObject({ to: { kind: 'proxy', name: pickup.name, onBehalfOf: proxyOwner.id }, recipientName: pickup.name });
      expect(pkg.release?.signature).toMatch(/^M \d+ \d+ L/);
    }

    // Every write went through the outbox, in order, attributed to the signed-in staff member.
    const outbox = await readStore<{ seq: number; name: string; staffId: string }>(page, 'outbox');
    expect(outbox.filter((entry) => entry.name === 'receivePackage')).toHaveLength(20);
    expect(outbox.filter((entry) => entry.name === 'releasePackage')).toHaveLength(5);
    const sequence = outbox.map((entry) => entry.seq).sort((a, b) => a - b);
    expect(sequence).toEqual(sequence.map((_, position) => position + 1));
    expect(new Set(outbox.map((entry) => entry.staffId))).toEqual(new Set(['s-02']));

    await page.keyboard.press('F3');
    await page.getByTestId('waiting-list').waitFor();
    await screenshot(page, '05-waiting');
    await page.keyboard.press('F4');
    await screenshot(page, '06-residents');

    // Spanish, then French, chosen by this staff member in Settings.
    await page.keyboard.press('F9');
    await page.locator('#language-select').selectOption('es');
    await page.getByRole('button', { name: new RegExp(es.nav.receive) }).waitFor();
    await screenshot(page, '07-settings-es');
    await page.keyboard.press('F1');
    await screenshot(page, '08-receive-es');
    await page.keyboard.press('F9');
    await page.locator('#language-select').selectOption('fr');
    await page.getByRole('button', { name: new RegExp(fr.nav.receive) }).waitFor();
    await page.keyboard.press('F3');
    await screenshot(page, '09-waiting-fr');

    // Reload: sign in again and find everything still there, in the staff member's language.
    await page.reload();
    await signIn(page, 'Ben Carter', '2222');
    await page.getByRole('button', { name: new RegExp(fr.nav.receive) }).waitFor();
    const afterReload = await readStore<Package>(page, 'packages');
    expect(afterReload.filter((pkg) => received.some((r) => r.id === pkg.id) && pkg.status === 'waiting')).toHaveLength(15);
    expect(afterReload.filter((pkg) => pkg.unitId === proxyUnit.id && pkg.status === 'released')).toHaveLength(5);
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByTestId('waiting-count').textContent()).toContain(String(waitingBefore.length + 15));
  });

  it('looks right on a laptop-sized screen', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.keyboard.press('F1');
    await screenshot(page, '10-receive-laptop');
    await page.keyboard.press('F2');
    await screenshot(page, '11-release-laptop');
  });
});
