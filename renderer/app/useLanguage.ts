import { useTranslation } from 'react-i18next';
import { Language } from '../../shared/domain/model';

/** The UI language now in force, as the domain's Language type. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const parsed = Language.safeParse(i18n.resolvedLanguage);
  return parsed.success ? parsed.data : 'en';
}
