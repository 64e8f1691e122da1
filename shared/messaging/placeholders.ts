import { LANGUAGES, type Language } from '../domain/model';
import type { LocalizedBody, LocalizedSubject, TemplatePurpose } from '../domain/messaging';

// Placeholders in messages and templates: `{{residentName}}` and friends, filled per recipient by
// the central service in the recipient's language. The desk and the service check them with the
// same code, so a broken one is refused before anything is queued, with where and what is wrong.

export const PLACEHOLDERS = ['residentName', 'unit', 'building', 'packageCount', 'largestPackage', 'amenity', 'date'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const EVERYWHERE: readonly Placeholder[] = ['residentName', 'unit', 'building'];

/**
 * Which placeholders have a value for each purpose: a package count and the largest package's size
 * (in the resident's measurement system) only where packages are counted, an amenity only in booking notices. `date` is the day the message goes out for a
 * message written at the desk, the arrival or booking date in a notice, always in the building's zone.
 */
export const ALLOWED_PLACEHOLDERS: Readonly<Record<TemplatePurpose, readonly Placeholder[]>> = {
  custom: [...EVERYWHERE, 'packageCount', 'largestPackage', 'date'],
  packageReceived: [...EVERYWHERE, 'packageCount', 'largestPackage', 'date'],
  packageReminder: [...EVERYWHERE, 'packageCount', 'largestPackage', 'date'],
  bookingConfirmed: [...EVERYWHERE, 'amenity', 'date'],
  bookingDeclined: [...EVERYWHERE, 'amenity', 'date'],
  bookingCancelled: [...EVERYWHERE, 'amenity', 'date'],
  bookingOffered: [...EVERYWHERE, 'amenity', 'date'],
};

export type PlaceholderProblemKind =
  /** `{{` without its `}}`. */
  | 'unclosed'
  /** `}}` without a `{{` before it. */
  | 'unopened'
  /** `{{}}` or `{{ two words }}`: not a placeholder name. */
  | 'malformed'
  /** A name this product does not know (`{{firstname}}`). */
  | 'unknown'
  /** Known, but it has no value here (`{{amenity}}` in a package notice). */
  | 'notAllowed';

export interface PlaceholderProblem {
  kind: PlaceholderProblemKind;
  /** What was written between the braces (or the text around an unmatched brace pair), at most 40 characters. */
  placeholder: string;
  /** Index in the text where the problem starts. */
  index: number;
}

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** The first problem with the placeholders of `text`, or null when every one is valid for `purpose`. */
export function checkPlaceholders(text: string, purpose: TemplatePurpose): PlaceholderProblem | null {
  const allowed = ALLOWED_PLACEHOLDERS[purpose];
  let position = 0;
  for (;;) {
    const open = text.indexOf('{{', position);
    const close = text.indexOf('}}', position);
    if (open === -1) {
      return close === -1 ? null : { kind: 'unopened', placeholder: excerpt(text, close), index: close };
    }
    if (close !== -1 && close < open) return { kind: 'unopened', placeholder: excerpt(text, close), index: close };
    const end = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (end === -1 || (nextOpen !== -1 && nextOpen < end)) return { kind: 'unclosed', placeholder: excerpt(text, open), index: open };
    const name = text.slice(open + 2, end).trim();
    if (!NAME.test(name)) return { kind: 'malformed', placeholder: name.slice(0, 40), index: open };
    if (!isPlaceholder(name)) return { kind: 'unknown', placeholder: name.slice(0, 40), index: open };
    if (!allowed.includes(name)) return { kind: 'notAllowed', placeholder: name, index: open };
    position = end + 2;
  }
}

function excerpt(text: string, index: number): string {
  return text.slice(Math.max(0, index - 10), index + 12).replace(/\s+/g, ' ').trim().slice(0, 40);
}

export type PlaceholderValues = Readonly<Partial<Record<Placeholder, string>>>;

/**
 * Fills the placeholders of an already checked text. A placeholder without a value becomes an
 * empty string: the check above makes that impossible for the purposes it knows.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (_match, name: string) => (isPlaceholder(name) ? (values[name] ?? '') : ''));
}

export interface TemplateProblem extends PlaceholderProblem {
  language: Language;
  field: 'subject' | 'body';
}

/** The first placeholder problem of a template's subjects and bodies, with the language it is in. */
export function checkTemplateTexts(subject: LocalizedSubject, body: LocalizedBody, purpose: TemplatePurpose): TemplateProblem | null {
  for (const language of LANGUAGES) {
    for (const [field, texts] of [['subject', subject], ['body', body]] as const) {
      const text = texts[language];
      if (text === undefined) continue;
      const problem = checkPlaceholders(text, purpose);
      if (problem) return { ...problem, language, field };
    }
  }
  return null;
}

/** The text in `language`, else in the building's default language, else in any language it has. */
export function pickLanguage<T>(texts: Readonly<Partial<Record<Language, T>>>, language: Language, fallback: Language): T | undefined {
  return texts[language] ?? texts[fallback] ?? LANGUAGES.map((other) => texts[other]).find((text) => text !== undefined);
}
