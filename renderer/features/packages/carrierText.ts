import type { TFunction } from 'i18next';
import type { Package } from '../../../shared/domain/model';
import { courierDisplayName } from '../../../shared/packages/carrier';

/** How a package's carrier reads on screen: the courier's name, or the kind for untracked items. */
export function carrierText(pkg: Pick<Package, 'carrier' | 'kind'>, t: TFunction): string {
  if (pkg.carrier === 'unknown') return pkg.kind === 'parcel' ? t('packages.unknownCarrier') : t(`packages.kinds.${pkg.kind}`);
  if (pkg.carrier === 'other') return t('packages.kinds.other');
  // A carrier typed at the desk or imported (a food courier, a local service): shown as written, capitalized.
  return courierDisplayName(pkg.carrier) ?? pkg.carrier.charAt(0).toLocaleUpperCase() + pkg.carrier.slice(1);
}
