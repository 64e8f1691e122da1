import type { Catalog } from '../../shared/i18n/en';

// Every t('…') key is checked against the English catalog at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalog };
  }
}
