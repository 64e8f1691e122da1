// Words for seasons and gaps ("All year", "1 Jun 2026 – 15 Sep 2026", "From 16 Sep 2026"), in the
// staff member's language. Dates are local calendar dates, so they are formatted at noon UTC.

import type { Language } from '../../../shared/domain/model';
import { formatDate } from '../../../shared/i18n/format';
import { isLocalDate } from '../../../shared/time/civil';
import type { SeasonDates } from './seasons';

type Translate = (key: string, values?: Record<string, string | number>) => string;

const dateText = (date: string, language: Language) => (isLocalDate(date) ? formatDate(`${date}T12:00:00.000Z`, language, 'UTC') : date);

export function seasonLabel(season: SeasonDates, language: Language, t: Translate): string {
  const from = dateText(season.from, language);
  const until = dateText(season.until, language);
  if (season.from === '' && season.until === '') return t('amenityEditor.allYear');
  if (season.until === '') return t('amenityEditor.seasonFrom', { from });
  if (season.from === '') return t('amenityEditor.seasonUntil', { until });
  return t('amenityEditor.seasonRange', { from, until });
}
