import type { TFunction } from 'i18next';
import type { Package } from '../../../shared/domain/model';
import { courierDisplayName } from '../../../shared/packages/carrier';

/** How a package's carrier reads on screen: the courier's name, or the kind for untracked items. */
export function carrierText(pkg: Pick<Package, 'carrier' | 'kind'>, t: TFunction): string {
  if (pkg.carrier === 'unknown') return pkg.kind === 'parcel' ? t('packages.unknownCarrier') : t(`packages.kinds.${pkg.kind}`);
  return courierDisplayName(pkg.carrier) ?? pkg.carrier;
}
