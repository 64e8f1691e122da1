import { describe, expect, it } from 'vitest';
import { sampleAmenity, sampleRules } from '../../../shared/bookings/samples';
import { amenityOf, centsOf, editedRuleIndex, formOf, formPathOf, messageKeyOf, moneyText, parseSlots, validateAmenity } from './amenityForm';

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

  it('round-trips without changing anything, other rule sets and second windows included', () => {
    const form = formOf(amenity, 1, 'en', ZONE);
    expect(form.days[0]?.closed).toBe(true);
    expect(form.days[1]).toMatchObject({ closed: false, open: '20:00', close: '02:00' });
    expect(form.slots).toBe('18:00-20:30');
    expect(form.minNoticeHours).toBe('1.5');
    expect(form.fee).toBe('25.50');
    expect(form.quotaWeek).toBe('2');
    expect(form.quotaDay).toBe('');
    expect(form.blackouts[0]).toMatchObject({ start: '2026-12-24T18:00', end: '2026-12-26T00:00' });
    const { amenity: back, errors } = amenityOf(form, amenity, 1, 'en', ZONE);
    expect(errors).toEqual({});
    expect(back).toEqual(amenity);
  });

  it('writes the edited fields in stored units, the description in the staff language only', () => {
    const form = formOf(amenity, 1, 'es', ZONE);
    const edited = {
      ...form,
      description: 'Muy caliente',
      days: form.days.map((day, index) => (index === 1 ? { ...day, closed: true } : index === 0 ? { ...day, closed: false, open: '22:00', close: '01:00' } : day)),
      slotting: 'free' as const,
      minMinutes: '30',
      maxMinutes: '90',
      stepMinutes: '15',
      fee: '12,5',
      quotaDay: '1',
      quotaWeek: '',
      minDaysBetween: '',
    };
    const { amenity: after, errors } = amenityOf(edited, amenity, 1, 'es', ZONE);
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

  it('reports what only the form can see, and the schema’s errors on their fields', () => {
    const form = formOf(amenity, 1, 'en', ZONE);
    const bad = { ...form, capacity: 'two', slots: '18:00', fee: '1.234', name: { en: '', es: '', fr: '' }, blackouts: [{ id: 'bo-2', start: '2026-03-08T02:30', end: '', reason: 'x' }] };
    const { errors } = validateAmenity(bad, amenity, 1, 'en', ZONE, 'b1');
    expect(errors).toMatchObject({
      capacity: 'amenityEditor.errors.number',
      slots: 'amenityEditor.errors.slots',
      fee: 'amenityEditor.errors.money',
      'blackouts.0.start': 'amenityEditor.errors.nonexistentTime',
      'blackouts.0.end': 'amenityEditor.errors.dateTime',
      'name.en': 'text.required',
    });
    const range = validateAmenity({ ...form, minMinutes: '120', maxMinutes: '60', slotting: 'free', days: form.days.map((day) => ({ ...day, open: '25:00' })) }, amenity, 1, 'en', ZONE, 'b1').errors;
    expect(range).toMatchObject({ maxMinutes: 'bookingRule.invalid.minAboveMax', 'days.1': 'amenityEditor.errors.time' });
  });

  it('maps schema paths to form fields', () => {
    expect(formPathOf(['amenity', 'rules', 1, 'openingHours', 3, 0, 'open'], 1)).toBe('days.3');
    expect(formPathOf(['amenity', 'rules', 1, 'feeCents'], 1)).toBe('fee');
    expect(formPathOf(['amenity', 'rules', 1, 'slotting', 'slots', 0, 'end'], 1)).toBe('slots');
    expect(formPathOf(['amenity', 'rules', 0, 'feeCents'], 1)).toBe('form');
    expect(formPathOf(['amenity', 'blackouts', 2, 'end'], 1)).toBe('blackouts.2.end');
    expect(messageKeyOf('Too big')).toBe('manage.invalidValue');
  });
});
