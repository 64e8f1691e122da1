// From a reason (or a booking rejection) to the i18n key and the values its sentence needs, in the
// staff member's language and the building's zone: the amenity's name, dates and times formatted,
// words such as "per month" taken from the catalog. Both the booking form (`bookingRule.<code>`)
// and the sync panel (`rejection.<code>`) use it, so a refusal reads the same in both places.
//
//   const { key, values } = bookingMessage('bookingRule', reason.code, reason.params, display);
//   t(key, values)   // "The party room allows 1 booking per unit per month; 12B already has one on Mar 3, 2026."

import type { Amenity } from '../domain/bookings';
import type { Language } from '../domain/model';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { fr } from '../i18n/fr';
import { formatCompactDateTime, formatDate, formatDateTime, formatTime, localeOf } from '../i18n/format';
import { localToInstant } from '../time/zone';
import type { AlternativeSlot } from './alternatives';

const CATALOGS = { en, es, fr } as const;

export interface MessageDisplay {
  language: Language;
  /** The building's zone: every date and time is shown in it. */
  timeZone: string;
  /** The amenity's name in that language (see amenityName). */
  amenityName: string;
}

export interface BookingMessage {
  /** i18n key; plural forms are chosen by i18next from `count`. */
  key: string;
  values: Record<string, string | number>;
}

/** The amenity's name in the language, else in English, else in any language it has. */
export function amenityName(amenity: Pick<Amenity, 'name'>, language: Language): string {
  return amenity.name[language] ?? amenity.name.en ?? Object.values(amenity.name).find((name) => name !== undefined) ?? '';
}

type Params = Readonly<Record<string, string | number>>;

export function bookingMessage(section: 'bookingRule' | 'rejection', code: string, params: Params, display: MessageDisplay): BookingMessage {
  const words = CATALOGS[display.language].bookingRule;
  const text = (name: string) => (typeof params[name] === 'string' ? params[name] : '');
  const number = (name: string) => (typeof params[name] === 'number' ? params[name] : 0);
  const localDate = (name: string) => {
    const date = text(name);
    const noon = localToInstant(date, '12:00', display.timeZone);
    return noon.ok ? formatDate(noon.instant, display.language, display.timeZone) : date;
  };
  const dateTime = (name: string) => (text(name) ? formatDateTime(text(name), display.language, display.timeZone) : '');
  const values: Record<string, string | number> = { amenity: display.amenityName };
  switch (code) {
    case 'bookingNonexistentTime':
      Object.assign(values, { date: localDate('date'), time: text('time') });
      break;
    case 'bookingNoRules':
    case 'bookingClosed':
      values.date = localDate('date');
      break;
    case 'bookingNotEligible': {
      const eligibility = text('eligibility');
      values.who = eligibility === 'owner' || eligibility === 'tenant' ? words.who[eligibility] : '';
      break;
    }
    case 'bookingOutsideHours':
      Object.assign(values, { date: localDate('date'), start: text('start'), end: text('end'), hours: text('hours') });
      break;
    case 'bookingNotASlot':
      values.slots = text('slots');
      break;
    case 'bookingTooShort':
    case 'bookingTooLong':
      Object.assign(values, { minutes: number('minutes'), min: number('min'), max: number('max') });
      break;
    case 'bookingOffGrid':
      Object.assign(values, { step: number('step'), from: text('from') });
      break;
    case 'bookingDurationOffStep':
      values.step = number('step');
      break;
    case 'bookingTooShortNotice':
      Object.assign(values, { notice: formatDuration(number('minNoticeMinutes'), display.language), earliest: dateTime('earliest') });
      break;
    case 'bookingTooFarAhead':
      Object.assign(values, { count: number('maxDaysAhead'), latest: localDate('latestDate') });
      break;
    case 'bookingBlackout':
      Object.assign(values, { from: dateTime('from'), until: dateTime('until'), reason: text('reason') });
      break;
    case 'bookingQuotaReached': {
      const period = text('period');
      const per = period === 'day' || period === 'week' || period === 'month' ? words.per[period] : '';
      Object.assign(values, { count: number('max'), per, unit: text('unit'), date: localDate('existingDate'), existing: number('existingCount') });
      break;
    }
    case 'bookingTooSoonAfterLast':
      Object.assign(values, { count: number('days'), unit: text('unit'), date: localDate('existingDate') });
      break;
    case 'bookingPartyTooLarge':
      Object.assign(values, { capacity: number('capacity'), partySize: number('partySize') });
      break;
    case 'bookingBufferConflict':
      Object.assign(values, {
        minutes: number('minutes'),
        otherStart: text('otherStart') ? formatCompactDateTime(text('otherStart'), display.language, display.timeZone) : '',
        otherEnd: text('otherEnd') ? formatTime(text('otherEnd'), display.language, display.timeZone) : '',
      });
      break;
    case 'bookingCapacityFull':
      Object.assign(values, { taken: number('taken'), capacity: number('capacity') });
      break;
    case 'buildingTimeZoneInvalid':
      values.timeZone = text('timeZone');
      break;
    case 'amenityChangeConflicts':
      values.count = number('count');
      break;
    case 'bookingWrongStatus': {
      const status = text('status');
      values.status = isStatusWord(status, words.status) ? words.status[status] : status;
      break;
    }
    case 'bookingCancellationCutoff':
      Object.assign(values, { count: number('hours'), deadline: dateTime('deadline') });
      break;
    case 'bookingCheckInWindow':
      Object.assign(values, { from: dateTime('from'), until: dateTime('until') });
      break;
    case 'bookingNotStarted':
      values.start = dateTime('start');
      break;
    default:
      break;
  }
  return { key: `${section}.${code}`, values };
}

function isStatusWord<T extends object>(status: string, table: T): status is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, status);
}

/** "1 hour", "2 days", "90 minutes" in the language. */
export function formatDuration(minutes: number, language: Language): string {
  const [value, unit] = minutes % 1440 === 0 && minutes > 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 && minutes > 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** The alternatives a refused request carries ("startISO/endISO,…"), for the desk to offer. */
export function alternativesOf(params: Params): AlternativeSlot[] {
  const raw = typeof params.alternatives === 'string' ? params.alternatives : '';
  return raw
    .split(',')
    .map((pair) => pair.split('/'))
    .flatMap(([start, end]) => (start && end ? [{ start, end }] : []));
}
