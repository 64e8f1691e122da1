import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Package } from '../../shared/domain/model';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startCentralService, type CentralService } from './support/centralService';
import { scan, screenshot, signIn } from './support/desk';
import { readStore } from './support/indexedDb';
import type { Rejection } from '../../shared/sync/protocol';
import type { Unit } from '../../shared/domain/model';
import { detectCarrier } from '../../shared/packages/carrier';
import { freshTrackingNumbers } from '../../bench/desk/plans';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { generateBuilding } from '../../shared/demo/fixture';
import { WORKING_SET_DAYS } from '../../shared/sync/workingSet';

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] two-desk sync suite skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('two desks synced through the real central service', () => {
  let service: CentralService;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    service = await startCentralService({ enrollmentCodes: 7 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function openDesk(code: string, who: { name: string; pin: string } = { name: 'Ben Carter', pin: '2222' }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(`${service.url}/?enroll=${code}`);
    await page.getByRole('button', { name: new RegExp(who.name) }).waitFor({ timeout: 30_000 });
    expect(page.url()).not.toContain('enroll='); // the code leaves the address bar at once
    await signIn(page, who.name, who.pin);
    return page;
  }

  it('a package logged on desk A shows on desk B within a second', async () => {
    const [codeA, codeB] = service.codes;
    if (!codeA || !codeB) throw new Error('the service printed no enrollment codes');
    const deskA = await openDesk(codeA);
    const deskB = await openDesk(codeB);
    await deskB.keyboard.press('F3');
    await deskB.getByTestId('waiting-list').waitFor();
    const waitingOnB = (await readStore<Package>(deskB, 'packages')).filter((pkg) => pkg.status === 'waiting').length;
    expect(waitingOnB).toBeGreaterThan(0); // the demo building arrived by sync, not by local seeding

    await deskA.locator('#tracking-input').waitFor();
    await scan(deskA, '1Z999AA10123456784');
    await deskA.locator('#recipient-input').waitFor();
    await deskA.keyboard.type('101', { delay: 30 });
    await deskA.locator('.recipient-option.selected').waitFor();
    await deskA.keyboard.press('Enter');
    const savedAt = Date.now();
    await deskB.getByTestId('waiting-list').getByText('101', { exact: true }).first().waitFor();
    await expect
      .poll(async () => (await readStore<Package>(deskB, 'packages')).some((pkg) => pkg.trackingNumber === '1Z999AA10123456784'), { timeout: 15_000, interval: 50 })
      .toBe(true);
    const propagationMs = Date.now() - savedAt;
    console.info(`[e2e] desk-to-desk propagation: ${propagationMs} ms`);
    expect(propagationMs).toBeLessThan(15_000); // generous bound for a loaded CI machine; bench/sync measures it
    await screenshot(deskA, '20-desk-a-after-receive');
    await screenshot(deskB, '21-desk-b-shows-it');
    await expect.poll(async () => (await readStore<unknown>(deskA, 'outbox')).length, { timeout: 10_000 }).toBe(0);
  });

  it('keeps only the working set on the desk, and finds older history on the service (F5)', async () => {
    const code = service.codes[4];
    if (!code) throw new Error('the service printed too few enrollment codes');
    const desk = await openDesk(code);
    const since = new Date(Date.now() - (WORKING_SET_DAYS + 1) * 86_400_000).toISOString();
    const onDesk = await readStore<Package>(desk, 'packages');
    expect(onDesk.length).toBeGreaterThan(0);
    expect(onDesk.filter((pkg) => pkg.status !== 'waiting' && (pkg.release?.at ?? pkg.receivedAt) < since)).toEqual([]);

    // The demo building is deterministic: the unit with the most packages released before the window.
    const fixture = await generateBuilding({ size: 'demo', now: new Date(), pinIterations: 1 });
    const old = fixture.packages.filter((pkg) => pkg.release !== null && pkg.release.at < since);
    const counts = new Map<string, number>();
    for (const pkg of old) counts.set(pkg.unitId, (counts.get(pkg.unitId) ?? 0) + 1);
    const [unitId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    const unit = (await readStore<Unit>(desk, 'units')).find((candidate) => candidate.id === unitId);
    if (!unit) throw new Error('the demo building has no released history before the window');

    await desk.keyboard.press('F5');
    await desk.locator('#history-search').waitFor();
    await desk.keyboard.type(unit.label, { delay: 25 });
    await desk.locator('.history-choices .recipient-option.selected').waitFor();
    await desk.keyboard.press('Enter');
    await desk.getByTestId('history-service').getByText(/central service found/).waitFor({ timeout: 15_000 });
    const fromService = desk.locator('[data-testid="history-row"][data-source="service"]');
    expect(await fromService.count()).toBeGreaterThanOrEqual(counts.get(unit.id) ?? 1);
    await screenshot(desk, '24-history-from-service');
    // Esc starts over, keyboard only.
    await desk.keyboard.press('Escape');
    await desk.locator('#history-search').waitFor();
  });

  // On a loaded machine this scenario once ended with desk B "missing" two of A's packages: desk A
  // had saved split scanner bursts under other tracking numbers (fixed in the scanner detector).
  // The check below, before anything syncs, tells that apart from a sync fault.
  it('through an outage: 50 packages and 10 releases on A, a conflicting release on B, everything arrives exactly once', async () => {
    const [, , codeA, codeB] = service.codes;
    if (!codeA || !codeB) throw new Error('the service printed too few enrollment codes');
    const deskA = await openDesk(codeA);
    const deskB = await openDesk(codeB);
    const contextA = deskA.context();
    const contextB = deskB.context();

    // Two units with nothing waiting: one for the packages A will hand over, one for the rest.
    const units = await readStore<Unit>(deskA, 'units');
    const busy = new Set((await readStore<Package>(deskA, 'packages')).filter((pkg) => pkg.status === 'waiting').map((pkg) => pkg.unitId));
    const [handedUnit, keptUnit] = units.filter((unit) => !busy.has(unit.id) && unit.label !== '101').slice(0, 2);
    if (!handedUnit || !keptUnit) throw new Error('the demo building lacks free units');
    const known = new Set((await readStore<Package>(deskA, 'packages')).flatMap((pkg) => (pkg.trackingNumber ? [pkg.trackingNumber] : [])));
    const numbers = freshTrackingNumbers(51, 7, (number) => detectCarrier(number)[0]?.checksumValid === true, known);

    async function receive(page: Page, number: string, unitLabel: string): Promise<void> {
      await page.locator('#tracking-input').waitFor();
      await scan(page, number);
      await page.locator('#recipient-input').waitFor();
      await page.keyboard.type(unitLabel, { delay: 25 });
      await page.locator('.recipient-option.selected').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('#recipient-input').waitFor({ state: 'detached' });
    }

    // The shared package, received while online: both desks know it.
    await deskA.keyboard.press('F1');
    await receive(deskA, numbers[0] ?? '', handedUnit.label);
    await expect.poll(async () => (await readStore<Package>(deskB, 'packages')).some((pkg) => pkg.trackingNumber === numbers[0]), { timeout: 10_000 }).toBe(true);

    // The outage: the central service stops and both desks lose the network.
    await service.stop();
    await contextA.setOffline(true);
    await contextB.setOffline(true);

    for (const [position, number] of numbers.slice(1).entries()) await receive(deskA, number, position < 9 ? handedUnit.label : keptUnit.label);

    async function releaseAll(page: Page, unitLabel: string, expected: number): Promise<void> {
      await page.keyboard.press('F2');
      await page.locator('#release-search').fill(unitLabel);
      await page.keyboard.press('Enter');
      await page.getByTestId('release-packages').waitFor();
      expect(await page.getByTestId('release-packages').locator('li').count()).toBe(expected);
      await page.keyboard.press('Enter');
      await page.getByTestId('release-packages').waitFor({ state: 'detached' });
    }
    // Every scan became a package with its exact tracking number (a split scanner burst would not).
    const offlineOnA = (await readStore<Package>(deskA, 'packages')).filter((pkg) => numbers.includes(pkg.trackingNumber ?? ''));
    expect(offlineOnA.map((pkg) => pkg.trackingNumber).sort()).toEqual([...numbers].sort());
    await releaseAll(deskA, handedUnit.label, 10); // the shared package and 9 of the new ones
    await releaseAll(deskB, handedUnit.label, 1); // B only knows the shared one
    expect((await readStore<unknown>(deskA, 'outbox')).length).toBeGreaterThanOrEqual(60);
    await screenshot(deskA, '22-desk-a-offline');

    // The service comes back; B reconnects first, so B's release of the shared package wins.
    await service.restart();
    await contextB.setOffline(false);
    await expect.poll(async () => (await readStore<unknown>(deskB, 'outbox')).length, { timeout: 30_000 }).toBe(0);
    await contextA.setOffline(false);
    await expect.poll(async () => (await readStore<unknown>(deskA, 'outbox')).length, { timeout: 60_000 }).toBe(0);
    // Pokes bring A's packages to B at once; the slow timer (60 s) is the backstop if one is lost,
    // which was seen once on a heavily loaded machine (see the README's known limits).
    const reconnectedAt = Date.now();
    await expect
      .poll(async () => (await readStore<Package>(deskB, 'packages')).filter((pkg) => numbers.includes(pkg.trackingNumber ?? '')).length, { timeout: 90_000 })
      .toBe(51);
    console.info(`[e2e] desk B converged ${Date.now() - reconnectedAt} ms after desk A drained its backlog`);

    for (const desk of [deskA, deskB]) {
      const ours = (await readStore<Package>(desk, 'packages')).filter((pkg) => numbers.includes(pkg.trackingNumber ?? ''));
      expect(new Set(ours.map((pkg) => pkg.trackingNumber)).size).toBe(51); // every package exactly once
      expect(ours.filter((pkg) => pkg.status === 'released')).toHaveLength(10);
      const shared = ours.find((pkg) => pkg.trackingNumber === numbers[0]);
      expect(shared?.release?.deskId).not.toBe(undefined);
    }
    const sharedOnA = (await readStore<Package>(deskA, 'packages')).find((pkg) => pkg.trackingNumber === numbers[0]);
    const sharedOnB = (await readStore<Package>(deskB, 'packages')).find((pkg) => pkg.trackingNumber === numbers[0]);
    expect(sharedOnA?.release).toEqual(sharedOnB?.release); // both desks show the winning release

    // A's losing release is a rejection A can read, with its reason.
    const rejections = (await readStore<Rejection>(deskA, 'rejections')).filter((rejection) => rejection.mutationName === 'releasePackage');
    expect(rejections).toEqual([expect.objectContaining({ code: 'packageNotWaiting', params: { shortCode: sharedOnA?.shortCode } })]);
    await deskA.getByTestId('rejection-badge').waitFor();
    await deskA.keyboard.press('F8');
    const reason = en.rejection.packageNotWaiting.replace('{{shortCode}}', sharedOnA?.shortCode ?? '');
    await deskA.getByTestId('sync-rejection').getByText(reason).waitFor();
    await screenshot(deskA, '23-desk-a-rejection');
  });
  it('exports everything held about a resident, and erases them on the service, an online desk and a desk that reconnects later', async () => {
    const [codeA, codeB] = service.codes.slice(5);
    if (!codeA || !codeB) throw new Error('the service printed too few enrollment codes');
    const deskA = await openDesk(codeA, { name: 'Chloé Lefèvre', pin: '3333' }); // a manager
    const deskB = await openDesk(codeB);
    const contextB = deskB.context();

    // A resident with history older than the desks keep and nothing waiting (erasure needs that).
    const since = new Date(Date.now() - (WORKING_SET_DAYS + 1) * 86_400_000).toISOString();
    const fixture = await generateBuilding({ size: 'demo', now: new Date(), pinIterations: 1 });
    const waitingFor = new Set(fixture.packages.filter((pkg) => pkg.status === 'waiting').map((pkg) => pkg.residentId));
    const target = fixture.residents.find((resident) => !waitingFor.has(resident.id) && fixture.packages.some((pkg) => pkg.residentId === resident.id && pkg.release !== null && pkg.release.at < since));
    if (!target) throw new Error('the demo building has no resident with old history and nothing waiting');
    const olderOnService = fixture.packages.filter((pkg) => pkg.residentId === target.id && pkg.release !== null && pkg.release.at < since).length;
    const fullName = `${target.firstName} ${target.lastName}`;

    await contextB.setOffline(true); // B will learn of the erasure only when it reconnects

    // Export, from the Privacy requests tab of Reports (F10), keyboard only.
    await deskA.keyboard.press('F10');
    await deskA.getByRole('tab', { name: fr.reports.tabs.aging }).focus(); // Chloé works in French
    // The privacy tab is the last one: arrows wrap around, so one step left reaches it.
    await deskA.keyboard.press('ArrowLeft');
    await deskA.locator('#privacy-search').waitFor();
    await deskA.locator('#privacy-search').focus();
    await deskA.keyboard.type(fullName, { delay: 15 });
    await deskA.locator('.recipient-option.selected').waitFor();
    await deskA.keyboard.press('Enter');
    await deskA.getByTestId('privacy-chosen').waitFor();
    await deskA.getByTestId('privacy-held').waitFor({ timeout: 60_000 }); // what this desk holds, counted
    await deskA.getByRole('button', { name: fr.privacy.export }).click(); // collect from the desk and the service
    await deskA.getByTestId('privacy-summary').waitFor({ timeout: 90_000 });
    const [download] = await Promise.all([deskA.waitForEvent('download'), deskA.locator('.privacy-summary button.primary').click()]); // then save the file
    const { readFile } = await import('node:fs/promises');
    const downloads = [{ name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') }];
    const exported = JSON.parse(downloads.find((file) => file.name.endsWith('.json'))?.text ?? '{}') as { includesServiceHistory: boolean; resident: { id: string }; packages: Array<{ residentId: string }> };
    expect(exported.includesServiceHistory).toBe(true);
    expect(exported.resident.id).toBe(target.id);
    expect(exported.packages.length).toBeGreaterThanOrEqual(olderOnService); // older history came from the service
    expect(exported.packages.every((pkg) => pkg.residentId === target.id)).toBe(true); // nothing of other residents
    const summary = (await deskA.getByTestId('privacy-summary').textContent()) ?? '';
    expect(summary).toContain(fullName); // in the resident's language, shown and saved on request
    await screenshot(deskA, '25-privacy-export');

    // Erase: confirm by typing the unit.
    const unit = fixture.units.find((candidate) => candidate.id === target.unitId);
    await deskA.getByRole('button', { name: fr.privacy.erase }).click();
    await deskA.locator('#erase-confirm').waitFor();
    await screenshot(deskA, '26-privacy-erase-confirm');
    await deskA.keyboard.type(unit?.label ?? '', { delay: 15 });
    await deskA.keyboard.press('Enter');
    await deskA.locator('#privacy-search').waitFor();
    await expect.poll(async () => (await readStore<unknown>(deskA, 'outbox')).length, { timeout: 20_000 }).toBe(0);

    // Their full name, contact details and authorized people (a first name alone is shared by others).
    const personal = [fullName, ...(target.email ? [target.email] : []), ...(target.phone ? [target.phone] : []), ...target.authorizedPickups.map((pickup) => pickup.name)];
    async function holdsPersonalData(page: Page): Promise<string[]> {
      const found: string[] = [];
      for (const store of ['residents', 'packages', 'events', 'outbox', 'shadows', 'rejections', 'quarantine']) {
        const text = JSON.stringify(await readStore<unknown>(page, store));
        for (const value of personal) if (text.includes(value)) found.push(`${store}: ${value}`);
      }
      return found;
    }
    expect(await holdsPersonalData(deskA)).toEqual([]);
    // B still has them while offline…
    expect((await readStore<{ id: string }>(deskB, 'residents')).some((resident) => resident.id === target.id)).toBe(true);
    // …and erases them when it reconnects.
    await contextB.setOffline(false);
    await expect.poll(async () => (await readStore<{ id: string }>(deskB, 'residents')).some((resident) => resident.id === target.id), { timeout: 90_000 }).toBe(false);
    expect(await holdsPersonalData(deskB)).toEqual([]);
  });
});
