import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

// Translations must mirror the English catalog exactly: same key paths, same {{placeholders}},
// nothing empty, and nothing left in English by mistake.

type Tree = { readonly [key: string]: unknown };

function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const entry of leaves(value as Tree, path)) result.set(...entry);
    else result.set(path, value);
  }
  return result;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

// Values that may legitimately read exactly as in English. Keep this list short.
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  es: [
    'app.name', // product name
    'receive.carrierDetected', // only placeholders and a separator
    'history.choice.resident', // only placeholders and a separator
    'privacy.chosen', // only placeholders and a separator
    'privacy.summary.field', // only placeholders and a separator
    'messages.compose.residentChoice', // only placeholders and a separator
    'reports.delivery.problemCount', // only placeholders and a separator
  ],
  fr: [
    'app.name', // product name
    'receive.carrierDetected', // only placeholders and a separator
    'release.signature', // "Signature" is the French word too
    'packages.flags.fragile', // "Fragile" is the French word too
    'waiting.columns.code', // "Code" is the French word too
    'history.columns.code', // "Code" is the French word too
    'reports.daily.date', // "Date" is the French word too
    'privacy.chosen', // only placeholders and a separator
    'privacy.summary.email', // "E-mail" is used in French too
    'bookings.actions', // "Actions" is the French word too
    'bookings.freeCount_one', // "{{count}} place" is the French word too
    'bookings.freeCount_other',
    'history.choice.resident', // only placeholders and a separator
    'settings.version', // "Version {{version}} · {{host}}": "Version" is the French word too
    'nav.messages', // "Messages" is the French word too
    'messages.title', // "Messages" is the French word too
    'messages.tabs.threads', // "Conversations" is the French word too
    'messages.compose.body', // "Message" is the French word too
    'messages.compose.residentChoice', // only placeholders and a separator
  ],
};

const english = leaves(en);
const catalogs = { es, fr };

describe.each(Object.entries(catalogs))('%s catalog', (language, catalog) => {
  const translated = leaves(catalog);

  it('has exactly the English key paths', () => {
    const missing = [...english.keys()].filter((path) => !translated.has(path));
    const extra = [...translated.keys()].filter((path) => !english.has(path));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('has a non-empty string for every key', () => {
    const bad = [...translated].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([path]) => path);
    expect(bad).toEqual([]);
  });

  it('keeps exactly the English {{placeholders}} and has no stray braces', () => {
    const mismatched = [...english]
      .filter(([path]) => translated.has(path))
      .filter(([path, source]) => {
        const target = String(translated.get(path));
        const strayBraces = /[{}]/.test(target.replace(/\{\{[^{}]*\}\}/g, ''));
        return strayBraces || placeholders(String(source)).join() !== placeholders(target).join();
      })
      .map(([path]) => path);
    expect(mismatched).toEqual([]);
  });

  it('translates everything except a short allow-list', () => {
    const allowed = SAME_AS_ENGLISH[language] ?? [];
    const untranslated = [...english]
      .filter(([path, source]) => translated.get(path) === source && !allowed.includes(path))
      .map(([path]) => path);
    expect(untranslated).toEqual([]);
    // Every allow-list entry must still exist in English, so the list cannot silently go stale.
    expect(allowed.filter((path) => !english.has(path))).toEqual([]);
  });

  it('uses typographic punctuation (… and ’, no ASCII "..." or straight quotes)', () => {
    const bad = [...translated].filter(([, value]) => /\.\.\.|['"]/.test(String(value))).map(([path]) => path);
    expect(bad).toEqual([]);
  });
});

describe('Spanish typography', () => {
  it('opens every question and exclamation with ¿ and ¡', () => {
    const bad = [...leaves(es)]
      .filter(([, value]) => {
        const text = String(value);
        return text.split('?').length !== text.split('¿').length || text.split('!').length !== text.split('¡').length;
      })
      .map(([path]) => path);
    expect(bad).toEqual([]);
  });
});

describe('French typography', () => {
  const values = [...leaves(fr)].map(([path, value]) => [path, String(value)] as const);

  it('puts a no-break space before : and a narrow no-break space before ; ? !', () => {
    const bad = values.filter(([, text]) => /(?<!\u00A0):|(?<!\u202F)[;?!]/.test(text)).map(([path]) => path);
    expect(bad).toEqual([]);
  });

  it('puts no-break spaces inside « »', () => {
    const bad = values.filter(([, text]) => /«(?!\u00A0)|(?<!\u00A0)»|[“”]/.test(text)).map(([path]) => path);
    expect(bad).toEqual([]);
  });
});
