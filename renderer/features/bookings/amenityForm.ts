// The amenity editor's form, as text fields a person types, and its conversion to and from the
// Amenity the `upsertAmenity` mutation saves. Pure: no React, no database, unit-tested beside it.
//
// Every rule set (season) of the amenity is a `RulesForm`, edited one at a time in the editor and
// saved together, in their stored order; whatever the form does not show (other languages'
// descriptions, blackout ids) is kept exactly as it was.

import type { Amenity, AmenityRules, OpeningWindow, Quota, Slotting } from '../../../shared/domain/bookings';
import { LANGUAGES, type Language } from '../../../shared/domain/model';
import { closeMinuteOf } from '../../../shared/bookings/calendar';
import { minuteOfLocalTime } from '../../../shared/time/civil';
import { instantToLocal, localToInstant } from '../../../shared/time/zone';
import { UpsertAmenityArgs } from '../../../shared/mutations/bookings';
import { seasonIssues } from './seasons';

/** One opening window as typed, "HH:MM" each. */
export interface WindowForm {
  open: string;
  close: string;
}

export interface DayForm {
  closed: boolean;
  /** At least one; kept while the day is closed, so unticking "Closed" brings them back. */
  windows: WindowForm[];
}

/** The domain allows up to 4 windows a day (AmenityRules.openingHours). */
export const MAX_WINDOWS = 4;
/** The domain allows up to 12 rule sets (Amenity.rules). */
export const MAX_SEASONS = 12;

/** One rule set (season) as typed. */
export interface RulesForm {
  id: string;
  /** Inclusive local dates "YYYY-MM-DD"; '' is open-ended. */
  from: string;
  until: string;
  days: DayForm[];
  slotting: 'fixed' | 'free';
  slots: string;
  minMinutes: string;
  maxMinutes: string;
  stepMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minNoticeHours: string;
  maxDaysAhead: string;
  quotaDay: string;
  quotaWeek: string;
  quotaMonth: string;
  minDaysBetween: string;
  approval: AmenityRules['approval'];
  fee: string;
  deposit: string;
  cancellationCutoffHours: string;
  eligibility: AmenityRules['eligibility'];
}

export interface BlackoutForm {
  id: string;
  /** Local date-time as a datetime-local input holds it: "YYYY-MM-DDTHH:MM". */
  start: string;
  end: string;
  reason: string;
}

export interface AmenityForm {
  name: Record<Language, string>;
  description: string;
  capacity: string;
  active: boolean;
  currency: string;
  seasons: RulesForm[];
  blackouts: BlackoutForm[];
}

/** A catalog key, or one whose sentence names another season (an overlap). */
export type FieldError = string | { key: string; season: number };

/**
 * Form field → what is wrong with it. Fields of a season are "seasons.<i>.<field>", a window is
 * "seasons.<i>.days.<weekday>.<window>", the rest keep their own name ("capacity", "name.en").
 */
export type FormErrors = Record<string, FieldError>;

export const errorKey = (error: FieldError): string => (typeof error === 'string' ? error : error.key);

/** The rule set the editor shows first: the one in effect on `today` (a local date), else the first. */
export function editedRuleIndex(amenity: Pick<Amenity, 'rules'>, today: string): number {
  const index = amenity.rules.findIndex((rules) => (rules.effectiveFrom === null || rules.effectiveFrom <= today) && (rules.effectiveUntil === null || rules.effectiveUntil >= today));
  return index < 0 ? 0 : index;
}

// ---- slots text ---------------------------------------------------------------------------------

const TIME = /^(?:[01]?\d|2[0-3])[:hH][0-5]\d$|^24[:hH]00$/;

/** "8:00", "20h30" → "08:00", "20:30"; anything else is returned trimmed, for the schema to refuse. */
export function normalizeTime(text: string): string {
  const trimmed = text.trim();
  return TIME.test(trimmed) ? trimmed.replace(/[hH]/, ':').padStart(5, '0') : trimmed;
}

/** "18:00-20:30, 20:30-23:00" → slots; null when a part is not "HH:MM-HH:MM". En and em dashes are accepted. */
export function parseSlots(text: string): { start: string; end: string }[] | null {
  const parts = text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return null;
  const slots: { start: string; end: string }[] = [];
  for (const part of parts) {
    const match = /^(\S+)\s*[-–—]\s*(\S+)$/.exec(part);
    const start = match?.[1];
    const end = match?.[2];
    if (!start || !end || !TIME.test(start) || !TIME.test(end)) return null;
    slots.push({ start: normalizeTime(start), end: normalizeTime(end) });
  }
  return slots;
}

export function formatSlots(slots: readonly { start: string; end: string }[]): string {
  return slots.map((slot) => `${slot.start}-${slot.end}`).join(', ');
}

// ---- money --------------------------------------------------------------------------------------

/** "25", "25.5", "25,50" → 2550 cents; null when it is not an amount with at most two decimals. */
export function centsOf(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return 0;
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(trimmed);
  if (!match) return null;
  const units = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return units * 100 + fraction;
}

/** 2550 → "25.50", 2500 → "25": what the field shows. */
export function moneyText(cents: number): string {
  const units = Math.floor(cents / 100);
  const fraction = cents % 100;
  return fraction === 0 ? String(units) : `${units}.${String(fraction).padStart(2, '0')}`;
}

// ---- opening windows ---------------------------------------------------------------------------

/**
 * What is wrong with a day's windows, by window index. Mirrors the engine (shared/bookings/calendar.ts):
 * a window closing before its opening ends the next day (20:00–02:00 is allowed), and windows that
 * touch are one stretch. Refused: the same opening and closing time (the engine would read a whole
 * 24 hours, never what was meant: 00:00–24:00 says it), 24:00 as an opening, and two windows of
 * the day that overlap (the second one is marked).
 */
export function windowIssues(windows: readonly WindowForm[]): Map<number, string> {
  const issues = new Map<number, string>();
  const spans: { index: number; open: number; close: number }[] = [];
  windows.forEach((window, index) => {
    const open = normalizeTime(window.open);
    const close = normalizeTime(window.close);
    if (!TIME.test(open) || !TIME.test(close)) return; // the schema reports the format
    if (open === '24:00') issues.set(index, 'amenityEditor.errors.openAtMidnightEnd');
    else if (open === close) issues.set(index, 'amenityEditor.errors.emptyWindow');
    else {
      const openMinute = minuteOfLocalTime(open);
      spans.push({ index, open: openMinute, close: closeMinuteOf(openMinute, minuteOfLocalTime(close)) });
    }
  });
  for (const span of spans) {
    if (spans.some((other) => other.index < span.index && other.open < span.close && span.open < other.close)) issues.set(span.index, 'amenityEditor.errors.windowOverlap');
  }
  return issues;
}

// ---- form ⇄ amenity -----------------------------------------------------------------------------

const DEFAULT_WINDOW: OpeningWindow = { open: '08:00', close: '22:00' };
/** A second window starts after the first by default, so adding one does not start with an overlap. */
export function nextWindow(windows: readonly WindowForm[]): WindowForm {
  const last = windows[windows.length - 1];
  const close = last ? normalizeTime(last.close) : '';
  if (!TIME.test(close) || close === '24:00' || close === '00:00') return { ...DEFAULT_WINDOW };
  const minute = minuteOfLocalTime(close);
  const open = Math.min(minute + 60, 23 * 60);
  const end = Math.min(open + 120, 24 * 60);
  const text = (value: number) => `${String(Math.floor(value / 60)).padStart(2, '0')}:${String(value % 60).padStart(2, '0')}`;
  return { open: text(open), close: text(end) };
}

/** The rules a new amenity starts with. */
export function defaultRules(id: string): AmenityRules {
  return {
    id,
    effectiveFrom: null,
    effectiveUntil: null,
    openingHours: Array.from({ length: 7 }, () => [DEFAULT_WINDOW]),
    slotting: { kind: 'free', minMinutes: 60, maxMinutes: 120, stepMinutes: 30 },
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 60,
    maxDaysAhead: 60,
    quotas: [],
    minDaysBetween: null,
    approval: 'automatic',
    feeCents: 0,
    depositCents: 0,
    cancellationCutoffHours: 24,
    eligibility: 'both',
  };
}

export function newAmenity(id: string, rulesId: string, currency: string): Amenity {
  return { id, name: {}, description: {}, capacity: 1, active: true, currency, rules: [defaultRules(rulesId)], blackouts: [] };
}

/** A new season: a copy of `source` (the one being looked at) under a new id, dates to fill in. */
export function copySeason(source: RulesForm, id: string): RulesForm {
  return { ...structuredClone(source), id, from: '', until: '' };
}

const hoursText = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
const quotaText = (quotas: readonly Quota[], period: Quota['period']) => {
  const quota = quotas.find((candidate) => candidate.period === period);
  return quota ? String(quota.max) : '';
};

export function rulesFormOf(rules: AmenityRules): RulesForm {
  const slotting = rules.slotting;
  const free = slotting.kind === 'free' ? slotting : { minMinutes: 60, maxMinutes: 120, stepMinutes: 30 };
  return {
    id: rules.id,
    from: rules.effectiveFrom ?? '',
    until: rules.effectiveUntil ?? '',
    days: rules.openingHours.map((windows) => (windows.length > 0 ? { closed: false, windows: windows.map((window) => ({ ...window })) } : { closed: true, windows: [{ ...DEFAULT_WINDOW }] })),
    slotting: slotting.kind,
    slots: slotting.kind === 'fixed' ? formatSlots(slotting.slots) : '',
    minMinutes: String(free.minMinutes),
    maxMinutes: String(free.maxMinutes),
    stepMinutes: String(free.stepMinutes),
    bufferBeforeMinutes: String(rules.bufferBeforeMinutes),
    bufferAfterMinutes: String(rules.bufferAfterMinutes),
    minNoticeHours: hoursText(rules.minNoticeMinutes),
    maxDaysAhead: String(rules.maxDaysAhead),
    quotaDay: quotaText(rules.quotas, 'day'),
    quotaWeek: quotaText(rules.quotas, 'week'),
    quotaMonth: quotaText(rules.quotas, 'month'),
    minDaysBetween: rules.minDaysBetween === null ? '' : String(rules.minDaysBetween),
    approval: rules.approval,
    fee: moneyText(rules.feeCents),
    deposit: moneyText(rules.depositCents),
    cancellationCutoffHours: String(rules.cancellationCutoffHours),
    eligibility: rules.eligibility,
  };
}

export function formOf(amenity: Amenity, language: Language, timeZone: string): AmenityForm {
  const local = (instant: string) => {
    const { date, time } = instantToLocal(instant, timeZone);
    return `${date}T${time}`;
  };
  return {
    name: { en: amenity.name.en ?? '', es: amenity.name.es ?? '', fr: amenity.name.fr ?? '' },
    description: amenity.description[language] ?? '',
    capacity: String(amenity.capacity),
    active: amenity.active,
    currency: amenity.currency,
    seasons: amenity.rules.map(rulesFormOf),
    blackouts: amenity.blackouts.map((blackout) => ({ id: blackout.id, start: local(blackout.start), end: local(blackout.end), reason: blackout.reason })),
  };
}

/** One season's rules, with the errors only the form can see, under "seasons.<index>.". */
function rulesOf(form: RulesForm, index: number, errors: FormErrors): AmenityRules {
  const path = (field: string) => `seasons.${index}.${field}`;
  const integer = (field: keyof RulesForm, text: string): number => {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed)) {
      errors[path(field)] = 'amenityEditor.errors.number';
      return 0;
    }
    return Number(trimmed);
  };
  const optional = (field: keyof RulesForm, text: string): number | null => (text.trim() === '' ? null : integer(field, text));
  const money = (field: 'fee' | 'deposit'): number => {
    const cents = centsOf(form[field]);
    if (cents === null) errors[path(field)] = 'amenityEditor.errors.money';
    return cents ?? 0;
  };

  let slotting: Slotting;
  if (form.slotting === 'fixed') {
    const slots = parseSlots(form.slots);
    if (slots === null) errors[path('slots')] = 'amenityEditor.errors.slots';
    slotting = { kind: 'fixed', slots: slots ?? [] };
  } else {
    slotting = { kind: 'free', minMinutes: integer('minMinutes', form.minMinutes), maxMinutes: integer('maxMinutes', form.maxMinutes), stepMinutes: integer('stepMinutes', form.stepMinutes) };
  }

  const notice = Number(form.minNoticeHours.trim().replace(',', '.'));
  if (form.minNoticeHours.trim() === '' || !Number.isFinite(notice) || notice < 0) errors[path('minNoticeHours')] = 'amenityEditor.errors.number';

  const quotas: Quota[] = [];
  for (const [field, period] of [['quotaDay', 'day'], ['quotaWeek', 'week'], ['quotaMonth', 'month']] as const) {
    const max = optional(field, form[field]);
    if (max !== null) quotas.push({ period, max });
  }

  form.days.forEach((day, weekday) => {
    if (day.closed) return;
    for (const [window, key] of windowIssues(day.windows)) errors[path(`days.${weekday}.${window}`)] ??= key;
  });

  return {
    id: form.id,
    effectiveFrom: form.from.trim() === '' ? null : form.from.trim(),
    effectiveUntil: form.until.trim() === '' ? null : form.until.trim(),
    openingHours: form.days.map((day) => (day.closed ? [] : day.windows.map((window) => ({ open: normalizeTime(window.open), close: normalizeTime(window.close) })))),
    slotting,
    bufferBeforeMinutes: integer('bufferBeforeMinutes', form.bufferBeforeMinutes),
    bufferAfterMinutes: integer('bufferAfterMinutes', form.bufferAfterMinutes),
    minNoticeMinutes: Number.isFinite(notice) ? Math.round(notice * 60) : 0,
    maxDaysAhead: integer('maxDaysAhead', form.maxDaysAhead),
    quotas,
    minDaysBetween: optional('minDaysBetween', form.minDaysBetween),
    approval: form.approval,
    feeCents: money('fee'),
    depositCents: money('deposit'),
    cancellationCutoffHours: integer('cancellationCutoffHours', form.cancellationCutoffHours),
    eligibility: form.eligibility,
  };
}

/**
 * The amenity the form describes, built on `base` (its id, other languages' descriptions), with the
 * errors only the form can see (a number that is not one, slots text, a local time that does not
 * exist, windows and seasons that overlap). Range checks are the mutation's schema's (see validateAmenity).
 */
export function amenityOf(form: AmenityForm, base: Amenity, language: Language, timeZone: string): { amenity: Amenity; errors: FormErrors } {
  const errors: FormErrors = {};
  const capacity = form.capacity.trim();
  if (!/^\d+$/.test(capacity)) errors.capacity = 'amenityEditor.errors.number';

  const rules = form.seasons.map((season, index) => rulesOf(season, index, errors));
  for (const [index, issue] of seasonIssues(form.seasons)) {
    errors[`seasons.${index}.${issue.field}`] ??= 'other' in issue ? { key: issue.key, season: issue.other } : issue.key;
  }

  const instant = (path: string, local: string): string => {
    const [date = '', time = ''] = local.split('T');
    const converted = localToInstant(date, time.slice(0, 5), timeZone);
    if (converted.ok) return converted.instant;
    errors[path] = converted.reason === 'nonexistent' ? 'amenityEditor.errors.nonexistentTime' : 'amenityEditor.errors.dateTime';
    return '';
  };
  const blackouts = form.blackouts.map((blackout, index) => ({
    id: blackout.id,
    start: instant(`blackouts.${index}.start`, blackout.start),
    end: instant(`blackouts.${index}.end`, blackout.end),
    reason: blackout.reason.trim(),
  }));

  const name: Amenity['name'] = {};
  for (const each of LANGUAGES) {
    const text = form.name[each].trim();
    if (text !== '') name[each] = text;
  }
  const description: Amenity['description'] = Object.fromEntries(Object.entries(base.description).filter(([each]) => each !== language));
  if (form.description.trim() !== '') description[language] = form.description.trim();

  const amenity: Amenity = {
    ...base,
    name,
    description,
    capacity: errors.capacity ? 0 : Number(capacity),
    active: form.active,
    currency: form.currency.trim().toUpperCase(),
    rules,
    blackouts,
  };
  return { amenity, errors };
}

const RULE_FIELDS: Record<string, string> = {
  effectiveFrom: 'from',
  effectiveUntil: 'until',
  minNoticeMinutes: 'minNoticeHours',
  feeCents: 'fee',
  depositCents: 'deposit',
  quotas: 'quotas',
};

/**
 * Where a schema issue of `upsertAmenity`'s args shows in the form: "amenity.rules.0.openingHours.2.1.open"
 * → "seasons.0.days.2.1", "amenity.name" → "name.en", "amenity.rules.1.slotting.slots.1.end" → "seasons.1.slots"…
 */
export function formPathOf(path: readonly PropertyKey[]): string {
  const [root, first, second, third, fourth, fifth] = path.map(String);
  if (root !== 'amenity' || first === undefined) return 'form';
  if (first === 'name') return second ? `name.${second}` : 'name.en';
  if (first === 'description') return 'description';
  if (first === 'blackouts') return second !== undefined && third !== undefined ? `blackouts.${second}.${third}` : second !== undefined ? `blackouts.${second}.reason` : 'form';
  if (first === 'rules') {
    if (second === undefined || third === undefined) return 'form';
    const season = `seasons.${second}`;
    if (third === 'openingHours') return fourth !== undefined ? `${season}.days.${fourth}.${fifth ?? '0'}` : 'form';
    if (third === 'slotting') return `${season}.${fourth === 'slots' || fourth === undefined ? 'slots' : fourth}`;
    return `${season}.${RULE_FIELDS[third] ?? third}`;
  }
  return first;
}

const KNOWN_MESSAGES = /^(?:text\.[a-zA-Z]+|bookingRule\.invalid\.[a-zA-Z]+)$/;

/** A schema issue's message as a catalog key: the schema's own when the catalog has it, else a generic one. */
export function messageKeyOf(message: string): string {
  if (message === 'time.invalid') return 'amenityEditor.errors.time';
  return KNOWN_MESSAGES.test(message) ? message : 'manage.invalidValue';
}

/** The form's own errors, then those of the mutation's schema (what the desk and the service check again). */
export function validateAmenity(form: AmenityForm, base: Amenity, language: Language, timeZone: string, buildingId: string): { amenity: Amenity; errors: FormErrors } {
  const { amenity, errors } = amenityOf(form, base, language, timeZone);
  const parsed = UpsertAmenityArgs.safeParse({ buildingId, amenity, conflictDecision: { cancel: [], keep: [] } });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formPathOf(issue.path);
      if (!(field in errors)) errors[field] = messageKeyOf(issue.message);
    }
  }
  return { amenity, errors };
}

/** The season holding the first error (in form order: general fields, then seasons in order), or null. */
export function firstSeasonWithError(errors: FormErrors): number | null {
  const seasons = Object.keys(errors)
    .map((path) => /^seasons\.(\d+)\./.exec(path)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  return seasons.length > 0 ? Math.min(...seasons) : null;
}
