import { describe, expect, it } from 'vitest';
import { everyDay, sampleAmenity, sampleBooking, sampleRules } from '../../../shared/bookings/samples';
import { conflictsAfterRuleChange } from '../../../shared/bookings/ruleChange';
import { amenityOf, centsOf, copySeason, editedRuleIndex, firstSeasonWithError, formOf, formPathOf, messageKeyOf, moneyText, nextWindow, parseSlots, validateAmenity, windowIssues, type AmenityForm } from './amenityForm';

const ZONE = 'America/Montreal';

describe('slots text', () => {
  it('reads "18:00-20:30, 20:30-23:00" with any dash, spaces and single-digit hours', () => {
    expect(parseSlots('18:00-20:30, 20:30-23:00')).toEqual([
      { start: '18:00', end: '20:30' },
      { start: '20:30', end: '23:00' },
    ]);
    expect(parseSlots('18h00-20h30')).toEqual([{ start: '18:00', end: '20:30' }]);
    expect(parseSlots(' 9:00 – 11:00 ;22:00—24:00,')).toEqual([
      { start: '09:00', end: '11:00' },
      { start: '22:00', end: '24:00' },
    ]);
  });
  it('refuses what is not a list of HH:MM-HH:MM', () => {
    for (const text of ['', '18:00', '18:00-25:00', '18h-20h', '18:00-20:30 20:30-23:00']) expect(parseSlots(text)).toBeNull();
  });
});

describe('money in cents', () => {
  it('reads amounts with a dot or a comma and at most two decimals', () => {
    expect(centsOf('25')).toBe(2500);
    expect(centsOf('25.5')).toBe(2550);
    expect(centsOf('25,05')).toBe(2505);
    expect(centsOf(' 1 000 ')).toBe(100000);
    expect(centsOf('')).toBe(0);
    for (const text of ['-3', '2.555', 'abc', '1e3']) expect(centsOf(text)).toBeNull();
  });
  it('shows cents back as the field text', () => {
    expect(moneyText(2500)).toBe('25');
    expect(moneyText(2505)).toBe('25.05');
    expect(moneyText(0)).toBe('0');
    for (const cents of [0, 1, 99, 100, 123456]) expect(centsOf(moneyText(cents))).toBe(cents);
  });
});

describe('the rule set edited', () => {
  const seasons = sampleAmenity({
    rules: [sampleRules({ id: 'summer', effectiveFrom: '2026-06-01', effectiveUntil: '2026-08-31' }), sampleRules({ id: 'winter', effectiveFrom: '2026-09-01', effectiveUntil: null })],
  });
  it('is the one in effect today, else the first', () => {
    expect(editedRuleIndex(seasons, '2026-07-01')).toBe(0);
    expect(editedRuleIndex(seasons, '2026-11-27')).toBe(1);
    expect(editedRuleIndex(seasons, '2026-01-01')).toBe(0);
  });
});

describe('form ⇄ amenity', () => {
  const amenity = sampleAmenity(
    {
      name: { en: 'Sauna', fr: 'Sauna finlandais' },
      description: { en: 'Hot', es: 'Caliente' },
      rules: [
        sampleRules({ id: 'other', effectiveFrom: '2020-01-01', effectiveUntil: '2020-12-31' }),
        sampleRules({
          id: 'now',
          openingHours: [[], [{ open: '20:00', close: '02:00' }], [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }], [], [], [], []],
          slotting: { kind: 'fixed', slots: [{ start: '18:00', end: '20:30' }] },
          quotas: [{ period: 'week', max: 2 }],
          minNoticeMinutes: 90,
          minDaysBetween: 3,
          feeCents: 2550,
          depositCents: 10000,
          approval: 'required',
          eligibility: 'owner',
        }),
      ],
      blackouts: [{ id: 'bo-1', start: '2026-12-24T23:00:00.000Z', end: '2026-12-26T05:00:00.000Z', reason: 'Holidays' }],
    },
    {},
  );

  it('round-trips every season and every window without changing anything', () => {
    const form = formOf(amenity, 'en', ZONE);
    expect(form.seasons.map((season) => [season.id, season.from, season.until])).toEqual([
      ['other', '2020-01-01', '2020-12-31'],
      ['now', '', ''],
    ]);
    const now = form.seasons[1] ?? expect.fail();
    expect(now.days[0]?.closed).toBe(true);
    expect(now.days[1]).toEqual({ closed: false, windows: [{ open: '20:00', close: '02:00' }] });
    expect(now.days[2]?.windows).toEqual([
      { open: '08:00', close: '12:00' },
      { open: '14:00', close: '18:00' },
    ]);
    expect(now.slots).toBe('18:00-20:30');
    expect(now.minNoticeHours).toBe('1.5');
    expect(now.fee).toBe('25.50');
    expect(now.quotaWeek).toBe('2');
    expect(now.quotaDay).toBe('');
    expect(form.blackouts[0]).toMatchObject({ start: '2026-12-24T18:00', end: '2026-12-26T00:00' });
    const { amenity: back, errors } = amenityOf(form, amenity, 'en', ZONE);
    expect(errors).toEqual({});
    expect(back).toEqual(amenity);
  });

  it('writes the edited fields in stored units, the description in the staff language only', () => {
    const form = formOf(amenity, 'es', ZONE);
    const now = form.seasons[1] ?? expect.fail();
    const edited: AmenityForm = {
      ...form,
      description: 'Muy caliente',
      seasons: [
        form.seasons[0] ?? expect.fail(),
        {
          ...now,
          days: now.days.map((day, index) => (index === 1 ? { ...day, closed: true } : index === 0 ? { closed: false, windows: [{ open: '22:00', close: '1:00' }] } : day)),
          slotting: 'free',
          minMinutes: '30',
          maxMinutes: '90',
          stepMinutes: '15',
          fee: '12,5',
          quotaDay: '1',
          quotaWeek: '',
          minDaysBetween: '',
        },
      ],
    };
    const { amenity: after, errors } = amenityOf(edited, amenity, 'es', ZONE);
    expect(errors).toEqual({});
    expect(after.description).toEqual({ en: 'Hot', es: 'Muy caliente' });
    expect(after.rules[0]).toEqual(amenity.rules[0]);
    expect(after.rules[1]).toMatchObject({
      openingHours: [[{ open: '22:00', close: '01:00' }], [], [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }], [], [], [], []],
      slotting: { kind: 'free', minMinutes: 30, maxMinutes: 90, stepMinutes: 15 },
      feeCents: 1250,
      quotas: [{ period: 'day', max: 1 }],
      minDaysBetween: null,
    });
  });

  it('adds a summer season (a copy with dates) and a second window, and saves both in the schema', () => {
    const form = formOf(amenity, 'en', ZONE);
    const shown = form.seasons[1] ?? expect.fail();
    const summer = copySeason(shown, 'summer');
    expect(summer).toMatchObject({ id: 'summer', from: '', until: '', fee: '25.50' });
    const monday = summer.days[1] ?? expect.fail();
    summer.days[1] = { ...monday, windows: [...monday.windows, { open: '06:00', close: '10:00' }] };
    const { amenity: after, errors } = validateAmenity({ ...form, seasons: [...form.seasons, { ...summer, from: '2026-06-01', until: '2026-09-15' }] }, amenity, 'en', ZONE, 'b1');
    expect(errors).toEqual({});
    expect(after.rules).toHaveLength(3);
    expect(after.rules[2]).toMatchObject({ id: 'summer', effectiveFrom: '2026-06-01', effectiveUntil: '2026-09-15', feeCents: 2550 });
    expect(after.rules[2]?.openingHours[1]).toEqual([
      { open: '20:00', close: '02:00' },
      { open: '06:00', close: '10:00' },
    ]);
    // Copies are independent: the season it came from is unchanged.
    expect(after.rules[1]).toEqual(amenity.rules[1]);
    // And the form reads it back as it was saved.
    expect(amenityOf(formOf(after, 'en', ZONE), after, 'en', ZONE).amenity).toEqual(after);
  });

  it('reports what only the form can see, and the schema’s errors on their fields', () => {
    const form = formOf(amenity, 'en', ZONE);
    const now = form.seasons[1] ?? expect.fail();
    const bad: AmenityForm = {
      ...form,
      capacity: 'two',
      seasons: [form.seasons[0] ?? expect.fail(), { ...now, slots: '18:00', fee: '1.234' }],
      name: { en: '', es: '', fr: '' },
      blackouts: [{ id: 'bo-2', start: '2026-03-08T02:30', end: '', reason: 'x' }],
    };
    const { errors } = validateAmenity(bad, amenity, 'en', ZONE, 'b1');
    expect(errors).toMatchObject({
      capacity: 'amenityEditor.errors.number',
      'seasons.1.slots': 'amenityEditor.errors.slots',
      'seasons.1.fee': 'amenityEditor.errors.money',
      'blackouts.0.start': 'amenityEditor.errors.nonexistentTime',
      'blackouts.0.end': 'amenityEditor.errors.dateTime',
      'name.en': 'text.required',
    });
    const range = validateAmenity(
      { ...form, seasons: [form.seasons[0] ?? expect.fail(), { ...now, minMinutes: '120', maxMinutes: '60', slotting: 'free', days: now.days.map((day) => ({ ...day, windows: [{ open: '25:00', close: '26:00' }] })) }] },
      amenity,
      'en',
      ZONE,
      'b1',
    ).errors;
    expect(range).toMatchObject({ 'seasons.1.maxMinutes': 'bookingRule.invalid.minAboveMax', 'seasons.1.days.1.0': 'amenityEditor.errors.time' });
    expect(firstSeasonWithError(range)).toBe(1);
  });

  it('reports seasons that overlap or end before they start on the season’s date fields', () => {
    const form = formOf(amenity, 'en', ZONE);
    const [old, now] = form.seasons;
    if (!old || !now) return expect.fail();
    const seasons = [old, now, { ...now, id: 'a', from: '2026-06-01', until: '2026-08-31' }, { ...now, id: 'b', from: '2026-08-31', until: '' }, { ...now, id: 'c', from: '2027-01-01', until: '2026-12-31' }];
    const { errors } = validateAmenity({ ...form, seasons }, amenity, 'en', ZONE, 'b1');
    expect(errors).toEqual({
      'seasons.3.from': { key: 'amenityEditor.errors.seasonOverlap', season: 2 },
      'seasons.4.until': 'bookingRule.invalid.seasonEndsBeforeStart',
    });
  });

  it('maps schema paths to form fields', () => {
    expect(formPathOf(['amenity', 'rules', 1, 'openingHours', 3, 0, 'open'])).toBe('seasons.1.days.3.0');
    expect(formPathOf(['amenity', 'rules', 1, 'openingHours', 3])).toBe('seasons.1.days.3.0');
    expect(formPathOf(['amenity', 'rules', 1, 'feeCents'])).toBe('seasons.1.fee');
    expect(formPathOf(['amenity', 'rules', 0, 'effectiveUntil'])).toBe('seasons.0.until');
    expect(formPathOf(['amenity', 'rules', 1, 'slotting', 'slots', 0, 'end'])).toBe('seasons.1.slots');
    expect(formPathOf(['amenity', 'rules'])).toBe('form');
    expect(formPathOf(['amenity', 'blackouts', 2, 'end'])).toBe('blackouts.2.end');
    expect(messageKeyOf('Too big')).toBe('manage.invalidValue');
  });
});

describe('opening windows of a day', () => {
  const windows = (...pairs: [string, string][]) => pairs.map(([open, close]) => ({ open, close }));
  it('accepts up to four separate or touching windows, one crossing midnight as the engine does', () => {
    expect(windowIssues(windows(['07:00', '12:00'], ['14:00', '22:00']))).toEqual(new Map());
    expect(windowIssues(windows(['08:00', '12:00'], ['12:00', '14:00'], ['20:00', '02:00'], ['00:00', '01:00']))).toEqual(new Map());
    expect(windowIssues(windows(['00:00', '24:00']))).toEqual(new Map());
  });
  it('marks the later of two overlapping windows, an empty window and a 24:00 opening', () => {
    expect(windowIssues(windows(['07:00', '12:00'], ['11:00', '13:00']))).toEqual(new Map([[1, 'amenityEditor.errors.windowOverlap']]));
    expect(windowIssues(windows(['20:00', '02:00'], ['22:00', '23:00']))).toEqual(new Map([[1, 'amenityEditor.errors.windowOverlap']]));
    expect(windowIssues(windows(['09:00', '9:00']))).toEqual(new Map([[0, 'amenityEditor.errors.emptyWindow']]));
    expect(windowIssues(windows(['24:00', '02:00']))).toEqual(new Map([[0, 'amenityEditor.errors.openAtMidnightEnd']]));
  });
  it('shows the error on the window in the form', () => {
    const amenity = sampleAmenity();
    const form = formOf(amenity, 'en', ZONE);
    const season = form.seasons[0] ?? expect.fail();
    const days = season.days.map((day, index) => (index === 3 ? { ...day, windows: windows(['08:00', '12:00'], ['10:00', '14:00']) } : day));
    expect(validateAmenity({ ...form, seasons: [{ ...season, days }] }, amenity, 'en', ZONE, 'b1').errors).toEqual({ 'seasons.0.days.3.1': 'amenityEditor.errors.windowOverlap' });
  });
  it('proposes a new window after the last one', () => {
    expect(nextWindow(windows(['07:00', '12:00']))).toEqual({ open: '13:00', close: '15:00' });
    expect(nextWindow(windows(['20:00', '23:30']))).toEqual({ open: '23:00', close: '24:00' });
  });
});

describe('the conflicts a season or window change creates (conflictsAfterRuleChange)', () => {
  const NOW = '2026-05-01T12:00:00.000Z';
  // Montreal is UTC−4 in summer: 15:00Z is 11:00 local, 20:00Z is 16:00 local.
  const summer = sampleRules({ id: 'summer', effectiveFrom: '2026-06-01', effectiveUntil: '2026-09-15', openingHours: everyDay({ open: '07:00', close: '12:00' }, { open: '14:00', close: '22:00' }) });
  const amenity = sampleAmenity({ rules: [sampleRules({ id: 'all-year', openingHours: everyDay({ open: '14:00', close: '22:00' }) }), summer] });
  const morning = sampleBooking({ id: 'morning', start: '2026-07-10T15:00:00.000Z', end: '2026-07-10T16:00:00.000Z' });
  const afternoon = sampleBooking({ id: 'afternoon', start: '2026-07-10T20:00:00.000Z', end: '2026-07-10T21:00:00.000Z' });

  it('lists the bookings of a removed season that the remaining rules refuse', () => {
    const form = formOf(amenity, 'en', ZONE);
    const { amenity: after } = amenityOf({ ...form, seasons: form.seasons.slice(0, 1) }, amenity, 'en', ZONE);
    const conflicts = conflictsAfterRuleChange(amenity, after, [morning, afternoon], ZONE, NOW);
    expect(conflicts.map((conflict) => [conflict.booking.id, conflict.reasons.map((reason) => reason.code)])).toEqual([['morning', ['bookingOutsideHours']]]);
  });

  it('lists the bookings of a removed window, and those of a season left with no rules', () => {
    const form = formOf(amenity, 'en', ZONE);
    const [allYear, season] = form.seasons;
    if (!allYear || !season) return expect.fail();
    const oneWindow = { ...season, days: season.days.map((day) => ({ ...day, windows: day.windows.slice(1) })) };
    const { amenity: after } = amenityOf({ ...form, seasons: [allYear, oneWindow] }, amenity, 'en', ZONE);
    expect(conflictsAfterRuleChange(amenity, after, [morning, afternoon], ZONE, NOW).map((conflict) => conflict.booking.id)).toEqual(['morning']);

    const { amenity: summerOnly } = amenityOf({ ...form, seasons: [season] }, amenity, 'en', ZONE);
    const winter = sampleBooking({ id: 'winter', start: '2026-11-10T20:00:00.000Z', end: '2026-11-10T21:00:00.000Z' });
    const gap = conflictsAfterRuleChange(amenity, summerOnly, [morning, afternoon, winter], ZONE, NOW);
    expect(gap.map((conflict) => [conflict.booking.id, conflict.reasons.map((reason) => reason.code)])).toEqual([['winter', ['bookingNoRules']]]);
  });
});
