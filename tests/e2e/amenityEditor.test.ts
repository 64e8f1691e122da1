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
    service = await startCentralService({ enrollmentCodes: 3 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function openDesk(code: string, who: { name: string; pin: string } = { name: 'Chloé Lefèvre', pin: '3333' }): Promise<Page> {
    // en-US: the order in which a date field takes typed digits (month, day, year).
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(`${service.url}/?enroll=${code}`);
    await page.getByRole('button', { name: new RegExp(who.name) }).waitFor({ timeout: 30_000 });
    await signIn(page, who.name, who.pin);
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

  it('a second window on a weekday and a season, typed from the keyboard, show in the day view and on another desk; disabling and enabling again', async () => {
    const [, codeA, codeB] = service.codes;
    if (!codeA || !codeB) throw new Error('the service printed too few enrollment codes');
    const page = await openDesk(codeA);
    const doorperson = await openDesk(codeB, { name: 'Ben Carter', pin: '2222' });

    // The free-duration amenity with the fewest future bookings, so the new windows break few.
    const [building] = await readStore<Building>(page, 'buildings');
    const timeZone = building?.timeZone ?? 'UTC';
    const amenities = await readStore<Amenity>(page, 'amenities');
    const bookings = await readStore<Booking>(page, 'bookings');
    const now = Date.now();
    const load = (id: string) => bookings.filter((booking) => booking.amenityId === id && Date.parse(booking.start) > now).length;
    const amenity = amenities
      .filter((candidate) => candidate.active && candidate.rules.length === 1 && candidate.rules[0]?.slotting.kind === 'free')
      .sort((a, b) => load(a.id) - load(b.id))[0];
    if (!amenity) throw new Error('the demo building has no free-duration amenity');
    const name = amenity.name.fr ?? amenity.name.en ?? '';
    const today = instantToLocal(now, timeZone).date;
    const tomorrowNoon = new Date(`${today}T12:00:00Z`);
    tomorrowNoon.setUTCDate(tomorrowNoon.getUTCDate() + 1);
    const tomorrow = tomorrowNoon.toISOString().slice(0, 10);
    const until = new Date(tomorrowNoon.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const weekdayIndex = tomorrowNoon.getUTCDay();
    const weekday = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' }).format(tomorrowNoon);
    const [window] = amenity.rules[0]?.openingHours[weekdayIndex] ?? [];
    if (!window) throw new Error('the amenity is closed tomorrow');
    const minute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
    const hhmm = (value: number) => `${String(Math.floor(value / 60)).padStart(2, '0')}:${String(value % 60).padStart(2, '0')}`;
    const open = minute(window.open);
    // Morning and evening, closed in between.
    const first = { open: window.open, close: hhmm(open + 120) };
    const second = { open: hhmm(open + 240), close: window.close };

    await page.keyboard.press('Control+b');
    await page.getByRole('button', { name: new RegExp(escape(name)) }).first().click();
    await page.getByRole('button', { name: words.edit }).focus();
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('amenity-editor');
    await editor.waitFor();

    // Add a season: a copy of "All year", focus on its start date; type both dates.
    await editor.getByRole('button', { name: words.addSeason }).focus();
    await page.keyboard.press('Enter');
    const from = editor.locator('input[name="seasonFrom"]');
    await expect.poll(() => from.evaluate((element) => element === document.activeElement)).toBe(true);
    const typed = (date: string) => `${date.slice(5, 7)}${date.slice(8, 10)}${date.slice(0, 4)}`;
    await page.keyboard.type(typed(tomorrow));
    // Tab walks the date's own parts (month, day, year) first: go to the end date directly.
    await editor.locator('input[name="seasonUntil"]').focus();
    await page.keyboard.type(typed(until));
    expect(await from.inputValue()).toBe(tomorrow);
    expect(await editor.locator('input[name="seasonUntil"]').inputValue()).toBe(until);
    expect(await editor.getByTestId('season-tab').count()).toBe(2);

    // Tomorrow's window becomes the morning, and a second window opens in the evening.
    const opens = (n: number) => editor.getByLabel(fill(words.windowOpens, { day: weekday, n: String(n) }), { exact: true });
    const closes = (n: number) => editor.getByLabel(fill(words.windowCloses, { day: weekday, n: String(n) }), { exact: true });
    await closes(1).focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(first.close);
    await editor.getByRole('button', { name: fill(words.addWindow, { day: weekday }) }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => opens(2).evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+a');
    await page.keyboard.type(second.open);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(second.close);

    // The editor at a laptop's and at a lobby screen's size: the season picker, then the new windows.
    for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await editor.locator('.season-picker').evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await screenshot(page, `46-amenity-editor-seasons-${width}`);
      await opens(2).scrollIntoViewIfNeeded();
      await screenshot(page, `47-amenity-editor-windows-${width}`);
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
    await closes(2).focus();

    // An overlapping window is refused on its field, focused, and nothing is saved.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(hhmm(open + 60));
    await page.keyboard.press('Enter');
    await expect.poll(() => opens(2).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => opens(2).evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await editor.textContent()).toContain(words.errors.windowOverlap);
    await page.keyboard.press('Control+a');
    await page.keyboard.type(second.open);

    // Enter saves; bookings the new windows break are listed first, kept by default.
    await page.keyboard.press('Enter');
    const conflicts = editor.getByTestId('amenity-conflicts');
    await Promise.race([editor.waitFor({ state: 'detached' }), conflicts.waitFor()]);
    if (await conflicts.isVisible()) {
      await editor.getByRole('button', { name: words.saveDecided }).focus();
      await page.keyboard.press('Enter');
    }
    await editor.waitFor({ state: 'detached' });

    const saved = (await readStore<Amenity>(page, 'amenities')).find((candidate) => candidate.id === amenity.id);
    expect(saved?.rules).toHaveLength(2);
    expect(saved?.rules[0]).toEqual(amenity.rules[0]);
    expect(saved?.rules[1]).toMatchObject({ effectiveFrom: tomorrow, effectiveUntil: until });
    expect(saved?.rules[1]?.openingHours[weekdayIndex]).toEqual([first, second]);

    // The day view of tomorrow: slots in both windows, none between them.
    const slotStarts = async (desk: Page) => {
      await desk.getByTestId('slots-table').waitFor();
      return (await desk.getByTestId('slot-row').locator('td:first-child').allTextContents()).map((text) => text.slice(0, 5));
    };
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => page.getByTestId('bookings-date').getAttribute('data-date')).toBe(tomorrow);
    const starts = await slotStarts(page);
    expect(starts).toContain(first.open);
    expect(starts).toContain(second.open);
    expect(starts).not.toContain(hhmm(open + 180));

    // The other desk (a doorperson's) gets the new rules and shows the same day.
    await expect.poll(async () => (await readStore<Amenity>(doorperson, 'amenities')).find((candidate) => candidate.id === amenity.id)?.rules.length, { timeout: 30_000 }).toBe(2);
    await doorperson.keyboard.press('Control+b');
    await doorperson.getByRole('button', { name: new RegExp(escape(amenity.name.en ?? '')) }).first().click();
    await doorperson.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => doorperson.getByTestId('bookings-date').getAttribute('data-date')).toBe(tomorrow);
    expect(await slotStarts(doorperson)).toEqual(starts);

    // Disable it: the manager still lists it (marked), the doorperson no longer does.
    await page.getByRole('button', { name: words.edit }).focus();
    await page.keyboard.press('Enter');
    await editor.waitFor();
    await editor.getByLabel(words.active).focus();
    await page.keyboard.press('Space');
    await editor.getByRole('button', { name: words.save, exact: true }).focus();
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached' });
    const item = page.locator(`[data-testid="amenity-item"]`, { hasText: name });
    await expect.poll(() => item.getAttribute('data-active')).toBe('false');
    expect(await page.getByTestId('amenity-disabled').isVisible()).toBe(true);
    expect(await page.getByTestId('book-slot').count()).toBe(0);
    const doorList = doorperson.locator('[data-testid="amenity-item"]', { hasText: amenity.name.en ?? '' });
    await expect.poll(() => doorList.count(), { timeout: 30_000 }).toBe(0);

    // Enable it again from the manager's list.
    await item.click();
    await page.getByRole('button', { name: words.edit }).focus();
    await page.keyboard.press('Enter');
    await editor.waitFor();
    await editor.getByLabel(words.active).focus();
    await page.keyboard.press('Space');
    await editor.getByRole('button', { name: words.save, exact: true }).focus();
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'detached' });
    await expect.poll(() => item.getAttribute('data-active')).toBe('true');
    await expect.poll(() => doorList.count(), { timeout: 30_000 }).toBe(1);
    const rejections = (await readStore<Rejection>(page, 'rejections')).filter((rejection) => rejection.mutationName === 'upsertAmenity');
    expect(rejections).toEqual([]);
  });
});
