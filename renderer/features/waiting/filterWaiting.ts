import type { Package, PackageFlag } from '../../../shared/domain/model';
import { foldForSearch } from '../../../shared/domain/text';
import type { Directory } from '../../data/hooks';

export interface WaitingFilters {
  text: string;
  carrier: string | null;
  minAgeDays: number | null;
  flag: PackageFlag | null;
  location: string | null;
}

export const NO_FILTERS: WaitingFilters = { text: '', carrier: null, minAgeDays: null, flag: null, location: null };

/** Applies the waiting list's filters; text matches unit, recipient name, short code or tracking number. */
export function filterWaiting(packages: readonly Package[], filters: WaitingFilters, directory: Directory, now: Date): Package[] {
  const text = foldForSearch(filters.text.trim());
  const oldestAllowed = filters.minAgeDays === null ? null : now.getTime() - filters.minAgeDays * 86_400_000;
  return packages.filter((pkg) => {
    if (filters.carrier && pkg.carrier !== filters.carrier) return false;
    if (filters.flag && !pkg.flags.includes(filters.flag)) return false;
    if (filters.location && pkg.location !== filters.location) return false;
    if (oldestAllowed !== null && Date.parse(pkg.receivedAt) > oldestAllowed) return false;
    if (!text) return true;
    const unit = directory.unitsById.get(pkg.unitId);
    const resident = directory.residentsById.get(pkg.residentId);
    const haystack = foldForSearch(
      [unit?.label ?? '', resident ? `${resident.firstName} ${resident.lastName}` : '', pkg.shortCode, pkg.trackingNumber ?? ''].join(' '),
    );
    return haystack.includes(text);
  });
}

/** Values present in the list, for the filter menus. */
export function filterChoices(packages: readonly Package[]): { carriers: string[]; locations: string[] } {
  const carriers = new Set<string>();
  const locations = new Set<string>();
  for (const pkg of packages) {
    carriers.add(pkg.carrier);
    if (pkg.location) locations.add(pkg.location);
  }
  return { carriers: [...carriers].sort(), locations: [...locations].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })) };
}
