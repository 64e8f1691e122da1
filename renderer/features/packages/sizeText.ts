import type { TFunction } from 'i18next';
import type { Language, MeasurementSystem, PackageSize } from '../../../shared/domain/model';
import { sizeClassBound } from '../../../shared/packages/sizeClasses';
import { formatLengths } from '../../../shared/units/measure';

/** "Small (up to 30 × 20 × 10 cm)": a size class with what it means, in the staff member's system. */
export function sizeText(size: PackageSize, t: TFunction, system: MeasurementSystem, language: Language): string {
  const bound = sizeClassBound(size, system);
  const dimensions = formatLengths(bound.dimensionsMm, system, language, 'centimeter');
  const name = t(`packages.sizes.${size}`);
  return bound.kind === 'upTo' ? t('packages.sizeUpTo', { size: name, dimensions }) : t('packages.sizeLargerThan', { size: name, dimensions });
}
