import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Amenity, Booking } from '../../shared/domain/bookings';
import type { Building, Resident, Unit } from '../../shared/domain/model';
import type { Rejection } from '../../shared/sync/protocol';
import { availabilityForDay } from '../../shared/bookings/availability';
import { evaluateBooking } from '../../shared/bookings/evaluate';
import { instantToLocal } from '../../shared/time/zone';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startCentralService, type CentralService } from './support/centralService';
import { screenshot, signIn } from './support/desk';
import { readStore } from './support/indexedDb';

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] bookings suite skipped: ${skipReason}`);

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(skipReason !== null)('amenity bookings through the real central service', () => {
  let service: CentralService;
  let browser: Browser;

  beforeAll(async () => {
    service = await startCentralService({ enrollmentCodes: 2 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function openDesk(code: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(`${service.url}/?enroll=${code}`);
    await page.getByRole('button', { name: /Ben Carter/ }).waitFor({ timeout: 30_000 });
    await signIn(page, 'Ben Carter', '2222');
    return page;
  }

  it('two offline desks book the same last slot: one wins, the other sees why, with alternatives', async () => {
    const [codeA, codeB] = service.codes;
    if (!codeA || !codeB) throw new Error('the service printed too few enrollment codes');
    const deskA = await openDesk(codeA, { width: 1920, height: 1080 });
    const deskB = await openDesk(codeB, { width: 1366, height: 768 });

    // A one-at-a-time amenity with automatic approval and a slot free a few days ahead, and two
    // residents of different units the rules let book it (quotas, eligibility).
    const [building] = await readStore<Building>(deskA, 'buildings');
    const timeZone = building?.timeZone ?? 'UTC';
    const amenities = await readStore<Amenity>(deskA, 'amenities');
    const bookings = await readStore<Booking>(deskA, 'bookings');
    const residents = await readStore<Resident>(deskA, 'residents');
    const units = new Map((await readStore<Unit>(deskA, 'units')).map((unit) => [unit.id, unit]));
    const now = new Date();
    const today = instantToLocal(now.getTime(), timeZone).date;
    let choice: { amenity: Amenity; date: string; startTime: string; start: string; end: string; first: Resident; second: Resident } | null = null;
    for (const amenity of amenities.filter((candidate) => candidate.active && candidate.capacity === 1 && candidate.rules.every((rules) => rules.approval === 'automatic'))) {
      for (let ahead = 3; ahead < 12 && !choice; ahead++) {
        const date = addDays(today, ahead);
        const slot = availabilityForDay(amenity, timeZone, bookings, date, now).slots.find((candidate) => candidate.available);
        if (!slot) continue;
        const allowed = residents.filter((resident) => {
          const unit = units.get(resident.unitId);
          return unit && evaluateBooking({ amenity, timeZone, bookings, request: { start: slot.start, end: slot.end, partySize: 1 }, now, resident, unitLabel: unit.label }).allowed;
        });
        const first = allowed[0];
        const second = allowed.find((resident) => resident.unitId !== first?.unitId);
        if (first && second) choice = { amenity, date, startTime: slot.startTime, start: slot.start, end: slot.end, first, second };
      }
      if (choice) break;
    }
    if (!choice) throw new Error('the demo building has no free one-at-a-time slot in the coming days');
    const { amenity, date, startTime, first, second } = choice;
    const name = amenity.name.en ?? Object.values(amenity.name)[0] ?? '';

    async function bookOffline(page: Page, resident: Resident): Promise<void> {
      await page.context().setOffline(true);
      await page.keyboard.press('Control+b');
      await page.getByRole('button', { name: new RegExp(name) }).first().click();
      for (let ahead = 0; ahead < 14 && (await page.getByTestId('bookings-date').getAttribute('data-date')) !== date; ahead++) await page.keyboard.press('Alt+ArrowRight');
      expect(await page.getByTestId('bookings-date').getAttribute('data-date')).toBe(date);
      const row = page.locator('[data-testid="slot-row"]', { hasText: startTime }).first();
      await row.getByTestId('book-slot').click();
      await page.locator('#booking-resident').waitFor();
      await page.keyboard.type(`${resident.firstName} ${resident.lastName}`, { delay: 10 });
      await page.locator('#booking-resident-matches .recipient-option.selected').waitFor();
      await page.keyboard.press('Enter');
      await page.getByTestId('booking-verdict').waitFor();
      expect(await page.getByTestId('booking-who').textContent()).toContain(`${resident.firstName} ${resident.lastName}`);
      // Picking the resident moves the focus to Confirm, so Enter books.
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'booking-confirm');
      await page.keyboard.press('Enter');
      await page.locator('.booking-form').waitFor({ state: 'detached' });
    }
    await bookOffline(deskA, first);
    await screenshot(deskA, '40-bookings-day-offline');
    await bookOffline(deskB, second);
    await screenshot(deskB, '41-bookings-day-laptop');

    // B reconnects first and wins; A's booking comes back refused, with the reason and alternatives.
    await deskB.context().setOffline(false);
    await expect.poll(async () => (await readStore<unknown>(deskB, 'outbox')).length, { timeout: 30_000 }).toBe(0);
    await deskA.context().setOffline(false);
    await expect.poll(async () => (await readStore<unknown>(deskA, 'outbox')).length, { timeout: 30_000 }).toBe(0);
    for (const desk of [deskA, deskB]) {
      await expect
        .poll(async () => (await readStore<Booking>(desk, 'bookings')).filter((booking) => booking.amenityId === amenity.id && booking.start === choice?.start && booking.status === 'confirmed').map((booking) => booking.residentId), { timeout: 30_000 })
        .toEqual([second.id]);
    }
    const rejections = (await readStore<Rejection>(deskA, 'rejections')).filter((rejection) => rejection.mutationName === 'requestBooking');
    expect(rejections).toHaveLength(1);
    expect(String(rejections[0]?.params.alternatives ?? '')).toMatch(/^\d{4}-\d\d-\d\dT[^/]+\/[^,]+/);
    await deskA.keyboard.press('F8');
    await deskA.getByTestId('sync-rejection').first().waitFor();
    await screenshot(deskA, '42-bookings-rejected');
    expect(await deskA.getByTestId('sync-rejection').first().textContent()).toContain(name);
  });
});
