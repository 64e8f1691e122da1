import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { LANGUAGES, type Language } from '../../../shared/domain/model';

/** Each language in its own name, as people look for it in a list. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', fr: 'Français' };
export { LANGUAGES };

// The validation messages the shared schemas carry (see shared/domain/text.ts and
// shared/mutations/directory.ts); anything else (an enum, a type) reads as a generic "not valid".
const MESSAGE_KEYS = [
  'text.required',
  'text.tooLong',
  'text.controlCharacters',
  'text.invalidEmail',
  'text.invalidPhone',
  'text.floorOutOfRange',
  'text.tooManyPickups',
  'text.duplicatePickup',
] as const;
/** Messages of checks only the form makes (the unit typed exists, the PIN typed twice matches…). */
type FormMessageKey = 'manage.invalidValue' | 'manage.residents.unitUnknown' | 'manage.staff.pinMalformed' | 'manage.staff.pinMismatch';
type MessageKey = (typeof MESSAGE_KEYS)[number] | FormMessageKey;

/** Field path ("email", "authorizedPickups.0.name") → the catalog key of what is wrong with it. */
export type FieldErrors = Record<string, MessageKey>;

/**
 * Checks a form's arguments with the mutator's own schema before committing, so every mistake is
 * shown next to its field in the staff member's language (the mutator checks the same again).
 */
export function fieldErrorsOf(schema: z.ZodType, value: unknown): FieldErrors {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    if (path in errors) continue;
    errors[path] = (MESSAGE_KEYS as readonly string[]).includes(issue.message) ? (issue.message as MessageKey) : 'manage.invalidValue';
  }
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** The translated message of one field, or null. */
export function fieldError(t: TFunction, errors: FieldErrors, path: string): string | null {
  const key = errors[path];
  return key ? t(key) : null;
}

/** Digits only, at most eight: what a PIN field keeps of what is typed. */
export function pinDigits(text: string): string {
  return text.replace(/\D/g, '').slice(0, 8);
}

/** Ids for the attributes that tie an input to its error message. */
export function errorId(form: string, path: string): string {
  return `${form}-${path.replace(/\./g, '-')}-error`;
}

/** True once for each new value of `request` (Alt+N in ManageScreen) after the one a tab mounted with. */
export function isNewRequest(previous: { current: number }, request: number): boolean {
  if (previous.current === request) return false;
  previous.current = request;
  return true;
}
