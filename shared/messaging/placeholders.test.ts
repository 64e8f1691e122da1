import { describe, expect, it } from 'vitest';
import { checkPlaceholders, checkTemplateTexts, fillPlaceholders, pickLanguage } from './placeholders';

describe('placeholders', () => {
  it('accepts text without placeholders, single braces and every known placeholder allowed for the purpose', () => {
    expect(checkPlaceholders('Hello, the {lobby} door is fixed.', 'custom')).toBeNull();
    expect(checkPlaceholders('Hello {{residentName}} of {{ unit }}: {{packageCount}} packages since {{date}} at {{building}}.', 'custom')).toBeNull();
    expect(checkPlaceholders('{{amenity}} on {{date}}', 'bookingConfirmed')).toBeNull();
  });

  it('names what is wrong and where', () => {
    expect(checkPlaceholders('Hello {{residentName', 'custom')).toEqual({ kind: 'unclosed', placeholder: 'Hello {{residentNa', index: 6 });
    expect(checkPlaceholders('Hello residentName}} !', 'custom')).toMatchObject({ kind: 'unopened', index: 18 });
    expect(checkPlaceholders('Hi {{firstname}}', 'custom')).toEqual({ kind: 'unknown', placeholder: 'firstname', index: 3 });
    expect(checkPlaceholders('Hi {{}}', 'custom')).toMatchObject({ kind: 'malformed', placeholder: '' });
    expect(checkPlaceholders('Hi {{resident name}}', 'custom')).toMatchObject({ kind: 'malformed', placeholder: 'resident name' });
    expect(checkPlaceholders('Your {{amenity}} booking', 'packageReceived')).toEqual({ kind: 'notAllowed', placeholder: 'amenity', index: 5 });
    expect(checkPlaceholders('{{unit}} {{unit', 'custom')).toMatchObject({ kind: 'unclosed', index: 9 });
    expect(checkPlaceholders('{{unit {{date}}', 'custom')).toMatchObject({ kind: 'unclosed', index: 0 });
  });

  it('fills placeholders, tolerating spaces inside the braces', () => {
    expect(fillPlaceholders('Hello {{ residentName }}, {{packageCount}} for {{unit}}.', { residentName: 'Ana', packageCount: '2', unit: '101' })).toBe('Hello Ana, 2 for 101.');
  });

  it('reports the language and field of a broken template text', () => {
    expect(checkTemplateTexts({ en: 'Hi', fr: 'Bonjour {{nom}}' }, { en: 'Body', fr: 'Corps' }, 'custom')).toMatchObject({ language: 'fr', field: 'subject', kind: 'unknown', placeholder: 'nom' });
    expect(checkTemplateTexts({ en: 'Hi' }, { en: 'Body {{amenity}}' }, 'packageReminder')).toMatchObject({ language: 'en', field: 'body', kind: 'notAllowed' });
  });

  it('falls back to the building language, then to any language there is', () => {
    expect(pickLanguage({ en: 'en', es: 'es' }, 'fr', 'es')).toBe('es');
    expect(pickLanguage({ fr: 'fr' }, 'es', 'en')).toBe('fr');
    expect(pickLanguage({}, 'es', 'en')).toBeUndefined();
  });
});
