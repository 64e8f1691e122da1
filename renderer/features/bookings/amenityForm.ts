// The amenity editor's form, as text fields a person types, and its conversion to and from the
// Amenity the `upsertAmenity` mutation saves. Pure: no React, no database, unit-tested beside it.
//
// One rule set is edited (the one in effect today, else the first); every other rule set and
// whatever the form does not show (a day's second window, other languages' descriptions, the
// season's dates) is kept exactly as it was.

import type { Amenity, AmenityRules, OpeningWindow, Quota, Slotting } from '../../../shared/domain/bookings';
import { LANGUAGES, type Language } from '../../../shared/domain/model';
import { instantToLocal, localToInstant } from '../../../shared/time/zone';
import { UpsertAmenityArgs } from '../../../shared/mutations/bookings';

export interface DayForm {
  closed: boolean;
  open: string;
  close: string;
  /** Windows after the first one, not edited here and kept as they are. */
  more: OpeningWindow[];
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
  blackouts: BlackoutForm[];
}

/** Form field → catalog key of what is wrong with it. */
export type FormErrors = Record<string, string>;

/** The rule set the editor shows: the one in effect on `today` (a local date), else the first. */
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

// ---- form ⇄ amenity -----------------------------------------------------------------------------

const DEFAULT_WINDOW: OpeningWindow = { open: '08:00', close: '22:00' };

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

const hoursText = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
const quotaText = (quotas: readonly Quota[], period: Quota['period']) => {
  const quota = quotas.find((candidate) => candidate.period === period);
  return quota ? String(quota.max) : '';
};

export function formOf(amenity: Amenity, ruleIndex: number, language: Language, timeZone: string): AmenityForm {
  const rules = amenity.rules[ruleIndex] ?? amenity.rules[0] ?? defaultRules('rules');
  const slotting = rules.slotting;
  const free = slotting.kind === 'free' ? slotting : { minMinutes: 60, maxMinutes: 120, stepMinutes: 30 };
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
    days: rules.openingHours.map((windows) => {
      const [first, ...more] = windows;
      return first ? { closed: false, open: first.open, close: first.close, more } : { closed: true, open: DEFAULT_WINDOW.open, close: DEFAULT_WINDOW.close, more: [] };
    }),
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
    blackouts: amenity.blackouts.map((blackout) => ({ id: blackout.id, start: local(blackout.start), end: local(blackout.end), reason: blackout.reason })),
  };
}

/**
 * The amenity the form describes, built on `base` (its other rule sets, blackout ids…), with the
 * errors only the form can see (a number that is not one, slots text, a local time that does not
 * exist). Range and consistency checks are the mutation's schema's (see validateAmenity).
 */
export function amenityOf(form: AmenityForm, base: Amenity, ruleIndex: number, language: Language, timeZone: string): { amenity: Amenity; errors: FormErrors } {
  const errors: FormErrors = {};
  const integer = (field: keyof AmenityForm, text: string): number => {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed)) {
      errors[field] = 'amenityEditor.errors.number';
      return 0;
    }
    return Number(trimmed);
  };
  const optional = (field: keyof AmenityForm, text: string): number | null => (text.trim() === '' ? null : integer(field, text));
  const money = (field: 'fee' | 'deposit'): number => {
    const cents = centsOf(form[field]);
    if (cents === null) errors[field] = 'amenityEditor.errors.money';
    return cents ?? 0;
  };

  let slotting: Slotting;
  if (form.slotting === 'fixed') {
    const slots = parseSlots(form.slots);
    if (slots === null) errors.slots = 'amenityEditor.errors.slots';
    slotting = { kind: 'fixed', slots: slots ?? [] };
  } else {
    slotting = { kind: 'free', minMinutes: integer('minMinutes', form.minMinutes), maxMinutes: integer('maxMinutes', form.maxMinutes), stepMinutes: integer('stepMinutes', form.stepMinutes) };
  }

  const notice = Number(form.minNoticeHours.trim().replace(',', '.'));
  if (form.minNoticeHours.trim() === '' || !Number.isFinite(notice) || notice < 0) errors.minNoticeHours = 'amenityEditor.errors.number';

  const quotas: Quota[] = [];
  for (const [field, period] of [['quotaDay', 'day'], ['quotaWeek', 'week'], ['quotaMonth', 'month']] as const) {
    const max = optional(field, form[field]);
    if (max !== null) quotas.push({ period, max });
  }

  const before = base.rules[ruleIndex] ?? defaultRules('rules');
  const rules: AmenityRules = {
    ...before,
    openingHours: form.days.map((day) => (day.closed ? [] : [{ open: normalizeTime(day.open), close: normalizeTime(day.close) }, ...day.more])),
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
    capacity: integer('capacity', form.capacity),
    active: form.active,
    currency: form.currency.trim().toUpperCase(),
    rules: base.rules.map((each, index) => (index === ruleIndex ? rules : each)),
    blackouts,
  };
  return { amenity, errors };
}

const RULE_FIELDS: Record<string, string> = {
  minNoticeMinutes: 'minNoticeHours',
  feeCents: 'fee',
  depositCents: 'deposit',
  quotas: 'quotas',
};

/**
 * Where a schema issue of `upsertAmenity`'s args shows in the form: "amenity.rules.0.openingHours.2.0.open"
 * → "days.2", "amenity.name" → "name.en", "amenity.rules.0.slotting.slots.1.end" → "slots"…
 */
export function formPathOf(path: readonly PropertyKey[], ruleIndex: number): string {
  const [root, first, second, third, fourth] = path.map(String);
  if (root !== 'amenity' || first === undefined) return 'form';
  if (first === 'name') return second ? `name.${second}` : 'name.en';
  if (first === 'description') return 'description';
  if (first === 'blackouts') return second !== undefined && third !== undefined ? `blackouts.${second}.${third}` : second !== undefined ? `blackouts.${second}.reason` : 'form';
  if (first === 'rules') {
    if (second !== String(ruleIndex) || third === undefined) return 'form';
    if (third === 'openingHours') return fourth !== undefined ? `days.${fourth}` : 'form';
    if (third === 'slotting') return fourth === 'slots' || fourth === undefined ? 'slots' : fourth;
    if (third === 'quotas') return 'quotas';
    return RULE_FIELDS[third] ?? third;
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
export function validateAmenity(form: AmenityForm, base: Amenity, ruleIndex: number, language: Language, timeZone: string, buildingId: string): { amenity: Amenity; errors: FormErrors } {
  const { amenity, errors } = amenityOf(form, base, ruleIndex, language, timeZone);
  const parsed = UpsertAmenityArgs.safeParse({ buildingId, amenity, conflictDecision: { cancel: [], keep: [] } });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formPathOf(issue.path, ruleIndex);
      if (!(field in errors)) errors[field] = messageKeyOf(issue.message);
    }
  }
  return { amenity, errors };
}
