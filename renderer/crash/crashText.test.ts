import { describe, expect, it } from 'vitest';
import { crashPageLanguage, crashPageText, fill } from './crashText';

describe('crash page text', () => {
  it('speaks the desk language, else the browser’s, else English', () => {
    expect(crashPageLanguage('fr', ['es-ES'])).toBe('fr');
    expect(crashPageLanguage(null, ['de-DE', 'es-MX'])).toBe('es');
    expect(crashPageLanguage(null, ['de-DE'])).toBe('en');
  });

  it('has every string in every language', () => {
    for (const language of ['en', 'es', 'fr'] as const) {
      const text = crashPageText(language);
      for (const value of Object.values(text)) expect(value.length).toBeGreaterThan(0);
    }
    expect(crashPageText('es').restart).toBe('Reiniciar Conserje');
  });

  it('fills placeholders', () => {
    expect(fill('Saved as {{file}}.', { file: 'x.json' })).toBe('Saved as x.json.');
    expect(fill('{{missing}}', {})).toBe('{{missing}}');
  });
});
