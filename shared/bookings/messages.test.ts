import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '../domain/model';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { fr } from '../i18n/fr';
import { amenityName, alternativesOf, bookingMessage, formatDuration } from './messages';
import { BOOKING_REASON_CODES } from './reasons';
import { partyRoom } from './samples';

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en }, es: { translation: es }, fr: { translation: fr } }, lng: 'en', interpolation: { escapeValue: false } });

const NY = 'America/New_York';
const quota = { amenityId: 'party', max: 1, period: 'month', unit: '12B', existingDate: '2026-03-03', existingCount: 1 };

function say(section: 'bookingRule' | 'rejection', code: string, params: Record<string, string | number>, language: Language): string {
  const { key, values } = bookingMessage(section, code, params, { language, timeZone: NY, amenityName: amenityName(partyRoom(), language) });
  // Keys are built at run time; the renderer's typed i18next keys do not apply to them.
  const translate = i18n.t.bind(i18n) as unknown as (key: string, options: Record<string, unknown>) => string;
  return translate(key, { ...values, lng: language });
}

describe('booking messages', () => {
  it('say the issue’s example in each language', () => {
    expect(say('bookingRule', 'bookingQuotaReached', quota, 'en')).toBe('Party room allows 1 booking per unit per month; 12B already has one on Mar 3, 2026.');
    expect(say('bookingRule', 'bookingQuotaReached', quota, 'es')).toBe('Sala de fiestas permite 1 reserva por unidad al mes; 12B ya tiene una el 3 mar 2026.');
    expect(say('bookingRule', 'bookingQuotaReached', quota, 'fr')).toBe('Salle des fêtes permet 1 réservation par logement par mois\u202f; 12B en a déjà une le 3 mars 2026.');
    expect(say('rejection', 'bookingQuotaReached', { ...quota, max: 2, existingCount: 2 }, 'en')).toBe('Not booked: Party room allows 2 bookings per unit per month; 12B already has 2, the first on Mar 3, 2026.');
  });

  it('fill every placeholder of every reason and booking rejection, in every language', () => {
    const params = {
      amenityId: 'party', date: '2026-03-08', time: '02:30', eligibility: 'owner', occupancy: 'tenant', start: '2026-03-20T23:00:00.000Z', end: '20:30', hours: '18:00–23:00',
      slots: '18:00–20:30', minutes: 45, min: 30, max: 2, step: 30, from: '2026-03-20T12:00:00.000Z', minNoticeMinutes: 120, earliest: '2026-03-20T23:00:00.000Z', maxDaysAhead: 90,
      latestDate: '2026-06-01', until: '2026-03-21T12:00:00.000Z', reason: 'Painting', period: 'week', unit: '12B', existingDate: '2026-03-03', existingCount: 2, days: 7,
      partySize: 4, capacity: 3, taken: 3, otherStart: '2026-03-20T23:00:00.000Z', otherEnd: '2026-03-21T01:30:00.000Z', timeZone: 'Mars/Base', count: 2, status: 'cancelled',
      deadline: '2026-03-18T23:00:00.000Z',
    };
    const codes = [...BOOKING_REASON_CODES, 'buildingUnknown', 'buildingTimeZoneInvalid', 'amenityUnknown', 'amenityChangeConflicts', 'bookingUnknown', 'bookingAlreadyExists', 'bookingWrongStatus', 'bookingCancellationCutoff', 'bookingCheckInWindow', 'bookingNotStarted'];
    for (const language of ['en', 'es', 'fr'] as const) {
      for (const code of codes) {
        const sections = (BOOKING_REASON_CODES as readonly string[]).includes(code) ? (['bookingRule', 'rejection'] as const) : (['rejection'] as const);
        for (const section of sections) {
          const sentence = say(section, code, { ...params, hours: code === 'bookingCancellationCutoff' ? 48 : params.hours }, language);
          expect(sentence, `${language} ${section}.${code}`).not.toMatch(/\{\{|\}\}|^rejection\.|^bookingRule\./);
        }
      }
    }
    expect(say('rejection', 'bookingWrongStatus', { status: 'cancelled' }, 'es')).toBe('Esta reserva está cancelada, así que ya no se puede hacer esto.');
  });

  it('format notice periods and read the alternatives of a rejection', () => {
    expect(formatDuration(60, 'en')).toBe('1 hour');
    expect(formatDuration(2880, 'fr')).toBe('2\u00a0jours');
    expect(formatDuration(90, 'es')).toBe('90 minutos');
    expect(alternativesOf({ alternatives: '2026-03-20T01:30:00.000Z/2026-03-20T04:00:00.000Z,2026-03-19T01:30:00.000Z/2026-03-19T04:00:00.000Z' })).toEqual([
      { start: '2026-03-20T01:30:00.000Z', end: '2026-03-20T04:00:00.000Z' },
      { start: '2026-03-19T01:30:00.000Z', end: '2026-03-19T04:00:00.000Z' },
    ]);
    expect(alternativesOf({ alternatives: '' })).toEqual([]);
    expect(amenityName({ name: { fr: 'Salle' } }, 'es')).toBe('Salle');
  });
});
