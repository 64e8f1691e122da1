import type { Language, MeasurementSystem } from '../domain/model';
import { localeOf } from '../i18n/format';

// Lengths shown to a person in their own measurement system (a preference of every staff member
// and resident): label sizes, package size classes. Stored values stay metric (millimetres);
// only what is shown changes. The unit's name comes from Intl, so French reads "po" for inches.

export type MetricLengthUnit = 'millimeter' | 'centimeter';

const MM_PER_INCH = 25.4;

/**
 * "62 × 29 mm" or "2.44 × 1.14 in": lengths in millimetres, shown in the person's system. Metric
 * lengths use `metricUnit` (labels in millimetres, parcels in centimetres); inches keep up to two
 * decimals, enough to tell label stock apart.
 */
export function formatLengths(lengthsMm: readonly number[], system: MeasurementSystem, language: Language, metricUnit: MetricLengthUnit = 'millimeter'): string {
  const unit = system === 'imperial' ? 'inch' : metricUnit;
  const perUnit = unit === 'inch' ? MM_PER_INCH : unit === 'centimeter' ? 10 : 1;
  const format = new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: unit === 'millimeter' ? 1 : 2 });
  const parts = lengthsMm.map((mm) => format.formatToParts(mm / perUnit));
  const number = (value: Intl.NumberFormatPart[]) => value.filter((part) => part.type !== 'unit' && part.type !== 'literal').map((part) => part.value).join('');
  // Only the last number carries the unit: "30 × 20 × 10 cm".
  return parts.map((value, index) => (index === parts.length - 1 ? value.map((part) => part.value).join('') : number(value))).join(' × ');
}
