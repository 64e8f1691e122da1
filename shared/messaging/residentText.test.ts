import { describe, expect, it } from 'vitest';
import { NOTICE_KINDS } from '../domain/messaging';
import { checkPlaceholders } from './placeholders';
import { interpolate, largestPackageText, RESIDENT_CATALOGS } from './residentText';

// The same rules as the desk's catalogs (shared/i18n/catalogs.test.ts), for what residents read.

type Tree = { readonly [key: string]: unknown };
function leaves(tree: object, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const entry of leaves(value as Tree, path)) result.set(...entry);
    else result.set(path, String(value));
  }
  return result;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1] ?? '').sort().join();

const english = leaves(RESIDENT_CATALOGS.en);

describe.each(['es', 'fr'] as const)('resident texts in %s', (language) => {
  const translated = leaves(RESIDENT_CATALOGS[language]);
  it('keep the English placeholders, translate everything and use typographic punctuation', () => {
    expect([...english.keys()].filter((path) => placeholders(english.get(path) ?? '') !== placeholders(translated.get(path) ?? ''))).toEqual([]);
    const sameAsEnglish = [...english].filter(([path, text]) => translated.get(path) === text).map(([path]) => path);
    expect(sameAsEnglish.filter((path) => !['page.threadsTitle', 'page.bodyLabel', 'page.replySubject'].includes(path))).toEqual([]);
    expect([...translated].filter(([, text]) => /\.\.\.|['"]/.test(text)).map(([path]) => path)).toEqual([]);
  });
});

describe('resident texts', () => {
  it('French: no-break space before : and inside « », narrow no-break space before ; ? !', () => {
    const bad = [...leaves(RESIDENT_CATALOGS.fr)].filter(([, text]) => /(?<!\u00A0):|(?<!\u202F)[;?!]|«(?!\u00A0)|(?<!\u00A0)»/.test(text.replace(/\{\{[^{}]*\}\}/g, ''))).map(([path]) => path);
    expect(bad).toEqual([]);
  });

  it('Spanish: opens every question and exclamation', () => {
    const bad = [...leaves(RESIDENT_CATALOGS.es)].filter(([, text]) => text.split('?').length !== text.split('¿').length || text.split('!').length !== text.split('¡').length);
    expect(bad).toEqual([]);
  });

  it('built-in notices use only placeholders valid for their purpose', () => {
    for (const catalog of Object.values(RESIDENT_CATALOGS)) {
      for (const kind of NOTICE_KINDS) {
        expect(checkPlaceholders(catalog.notices[kind].subject, kind)).toBeNull();
        expect(checkPlaceholders(catalog.notices[kind].body, kind)).toBeNull();
      }
    }
  });

  it('interpolates known names and leaves unknown ones', () => {
    expect(interpolate('{{a}} and {{ b }} but {{c}}', { a: 1, b: 'two' })).toBe('1 and two but {{c}}');
  });
});

describe('package sizes for residents', () => {
  it('names the largest size noted, in the resident’s language and measurement system', () => {
    const packages = [{ size: 'small' as const }, { size: null }, { size: 'large' as const }, { size: 'medium' as const }];
    expect(largestPackageText(packages, 'en', 'metric')).toBe('Large (up to 75 × 50 × 50 cm)');
    expect(largestPackageText(packages, 'en', 'imperial')).toBe('Large (up to 30 × 20 × 20 in)');
    expect(largestPackageText(packages, 'fr', 'imperial').replace(/\s/g, ' ')).toBe('Grand (jusqu’à 30 × 20 × 20 po)');
    expect(largestPackageText([{ size: 'oversized' }], 'es', 'metric')).toBe('Extragrande (más de 75 × 50 × 50 cm)');
    expect(largestPackageText([{ size: null }], 'es', 'metric')).toBe('tamaño no anotado');
  });

  it('is a placeholder of package messages only', () => {
    expect(checkPlaceholders('The largest: {{largestPackage}}', 'packageReceived')).toBeNull();
    expect(checkPlaceholders('The largest: {{largestPackage}}', 'custom')).toBeNull();
    expect(checkPlaceholders('{{largestPackage}}', 'bookingConfirmed')).toMatchObject({ kind: 'notAllowed' });
  });
});
