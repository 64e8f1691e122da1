import { LANGUAGES, type Language } from '../../shared/domain/model';
import { en, type Catalog } from '../../shared/i18n/en';
import { es } from '../../shared/i18n/es';
import { fr } from '../../shared/i18n/fr';

// The crash page has no i18next (it must load even when the app's own code is what crashes):
// it reads its few strings straight from the catalogs.

const CATALOGS: Record<Language, Catalog> = { en, es, fr };

/** The desk's language if known, else the first of the browser's languages we have, else English. */
export function crashPageLanguage(deskLanguage: string | null, browserLanguages: readonly string[]): Language {
  const candidates = [deskLanguage ?? '', ...browserLanguages].map((tag) => tag.slice(0, 2).toLowerCase());
  return candidates.find((code): code is Language => (LANGUAGES as readonly string[]).includes(code)) ?? 'en';
}

export function crashPageText(language: Language) {
  const catalog = CATALOGS[language];
  return {
    ...catalog.crash,
    saveDiagnostics: catalog.settings.saveDiagnostics,
    savingDiagnostics: catalog.settings.savingDiagnostics,
    diagnosticsDialogTitle: catalog.settings.diagnosticsDialogTitle,
    diagnosticsSaved: catalog.settings.diagnosticsSaved,
    diagnosticsFailed: catalog.settings.diagnosticsFailed,
  };
}

/** Fills {{name}} placeholders (the only interpolation these strings use). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => values[name] ?? match);
}
