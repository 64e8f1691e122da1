import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Amenity, Booking } from '../../shared/domain/bookings';
import type { Building } from '../../shared/domain/model';
import type { Rejection } from '../../shared/sync/protocol';
import { fr } from '../../shared/i18n/fr';
import { instantToLocal } from '../../shared/time/zone';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startCentralService, type CentralService } from './support/centralService';
import { screenshot, signIn } from './support/desk';
import { readStore } from './support/indexedDb';

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] amenity editor suite skipped: ${skipReason}`);

const words = fr.amenityEditor;
const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The rule set in effect on a local date, as the editor and the engine pick it. */
const inEffect = (amenity: Amenity, date: string) => amenity.rules.findIndex((rules) => (rules.effectiveFrom === null || rules.effectiveFrom <= date) && (rules.effectiveUntil === null || rules.effectiveUntil >= date));

describe.skipIf(skipReason !== null)('a manager changes an amenity’s rules from the desk', () => {
  let service: CentralService;
  let browser: Browser;

  beforeAll(async () => {
    service = await startCentralService({ enrollmentCodes: 1 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function openDesk(code: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(`${service.url}/?enroll=${code}`);
    await page.getByRole('button', { name: /Chloé Lefèvre/ }).waitFor({ timeout: 30_000 });
    await signIn(page, 'Chloé Lefèvre', '3333');
    return page;
  }

  it('closing a weekday lists the bookings it breaks; the one cancelled is cancelled and synced', async () => {
    const [code] = service.codes;
    if (!code) throw new Error('the service printed no enrollment code');
    const page = await openDesk(code);

    // A future confirmed booking whose day follows the rule set in effect today (the one edited).
    const [building] = await readStore<Building>(page, 'buildings');
    const timeZone = building?.timeZone ?? 'UTC';
    const amenities = await readStore<Amenity>(page, 'amenities');
    const bookings = await readStore<Booking>(page, 'bookings');
    const now = Date.now();
    const today = instantToLocal(now, timeZone).date;
    const target = bookings
      .filter((booking) => booking.status === 'confirmed' && Date.parse(booking.start) > now + 86_400_000)
      .sort((a, b) => a.start.localeCompare(b.start))
      .find((booking) => {
        const amenity = amenities.find((candidate) => candidate.id === booking.amenityId);
        return amenity?.active === true && inEffect(amenity, today) >= 0 && inEffect(amenity, instantToLocal(booking.start, timeZone).date) === inEffect(amenity, today);
      });
    if (!target) throw new Error('the demo building has no future confirmed booking under today’s rules');
    const amenity = amenities.find((candidate) => candidate.id === target.amenityId);
    if (!amenity) throw new Error('no amenity');
    const name = amenity.name.fr ?? amenity.name.en ?? '';
    const date = instantToLocal(target.start, timeZone).date;
    const weekday = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

    await page.keyboard.press('Control+b');
    await page.getByRole('button', { name: new RegExp(escape(name)) }).first().click();
    await page.getByRole('button', { name: words.edit }).focus();
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('amenity-editor');
    await editor.waitFor();
    await screenshot(page, '44-amenity-editor');

    // Close that weekday, with the keyboard, and save: the conflicts come first.
    await editor.getByLabel(fill(words.closed, { day: weekday }), { exact: true }).focus();
    await page.keyboard.press('Space');
    await editor.getByRole('button', { name: words.save, exact: true }).focus();
    await page.keyboard.press('Enter');
    const listed = editor.locator(`[data-testid="amenity-conflict"][data-booking-id="${target.id}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain(name);
    // Every conflict defaults to Keep; the arrow key moves this one to Cancel.
    expect(await listed.getByLabel(words.keep, { exact: true }).isChecked()).toBe(true);
    await listed.getByLabel(words.keep, { exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await listed.getByLabel(words.cancel, { exact: true }).isChecked()).toBe(true);
    await editor.getByLabel(words.cancelReason).fill('Fermé ce jour-là désormais');
    await screenshot(page, '45-amenity-editor-conflicts');
    await editor.getByRole('button', { name: words.saveDecided }).focus();
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached' });

    // Cancelled on the desk, the rules saved; the outbox drains and the service refused nothing.
    const saved = (await readStore<Amenity>(page, 'amenities')).find((candidate) => candidate.id === amenity.id);
    expect(saved?.rules[inEffect(amenity, today)]?.openingHours[new Date(`${date}T12:00:00Z`).getUTCDay()]).toEqual([]);
    const after = (await readStore<Booking>(page, 'bookings')).find((booking) => booking.id === target.id);
    expect(after?.status).toBe('cancelled');
    expect(after?.cancellation?.reason).toBe('Fermé ce jour-là désormais');
    await expect.poll(async () => (await readStore<unknown>(page, 'outbox')).length, { timeout: 30_000 }).toBe(0);
    const rejections = (await readStore<Rejection>(page, 'rejections')).filter((rejection) => rejection.mutationName === 'upsertAmenity');
    expect(rejections).toEqual([]);
    await expect.poll(async () => (await readStore<Booking>(page, 'bookings')).find((booking) => booking.id === target.id)?.status, { timeout: 30_000 }).toBe('cancelled');
  });
});
