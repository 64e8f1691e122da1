import type { Language } from '../domain/model';

// Dates and times are always shown in the BUILDING's time zone (the desk PC may be set to anything),
// in the signed-in staff member's language.

const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-ES', fr: 'fr-FR' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let cached = formatterCache.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone });
    formatterCache.set(key, cached);
  }
  return cached;
}

export function formatDateTime(iso: string, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatShortDate(iso: string, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { month: 'short', day: 'numeric' }).format(new Date(iso));
}

/** "Nov 27, 11:59 PM": short enough for a shelf label. */
export function formatCompactDateTime(iso: string, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

export function formatTime(iso: string, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { timeStyle: 'short' }).format(new Date(iso));
}

/** "3 days", "5 hours": how long something has waited, in the staff member's language. */
export function formatWaitingTime(fromIso: string, now: Date, language: Language, justNow: string): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return justNow;
  const [value, unit] =
    minutes < 60 ? [minutes, 'minute'] as const : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] as const : [Math.floor(minutes / 1440), 'day'] as const;
  return new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

export function waitingDays(fromIso: string, now: Date): number {
  return (now.getTime() - Date.parse(fromIso)) / 86_400_000;
}
