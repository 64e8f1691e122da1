import type { Package, Resident, Unit } from '../../../shared/domain/model';
import { normalizeTrackingQuery, type HistoryQuery } from '../../../shared/sync/history';
import type { RecipientIndex } from '../../../shared/search/recipients';

/** One thing the staff can look up the history of: a whole unit, one resident, or a tracking number. */
export type HistoryChoice =
  | { kind: 'unit'; unit: Unit }
  | { kind: 'resident'; resident: Resident; unit: Unit }
  | { kind: 'tracking'; trackingNumber: string };

const MAX_CHOICES = 8;

/** What a typed text could mean, best first: a tracking number when it looks like one, then units, then residents. */
export function historyChoices(text: string, index: RecipientIndex): HistoryChoice[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const choices: HistoryChoice[] = [];
  const compact = normalizeTrackingQuery(trimmed);
  const looksLikeTracking = /^[0-9A-Z]{4,64}$/.test(compact) && /\d/.test(compact) && compact.length >= 8;
  if (looksLikeTracking) choices.push({ kind: 'tracking', trackingNumber: compact });
  const matches = index.search(trimmed, MAX_CHOICES * 2);
  const units = new Set<string>();
  for (const match of matches) {
    if (match.matchedBy !== 'unit' || units.has(match.unit.id)) continue;
    units.add(match.unit.id);
    choices.push({ kind: 'unit', unit: match.unit });
  }
  for (const match of matches) choices.push({ kind: 'resident', resident: match.resident, unit: match.unit });
  // A shorter number (the end of a crumpled label) is still a tracking search, offered last.
  if (!looksLikeTracking && /^[0-9A-Z]{4,64}$/.test(compact) && /\d/.test(compact)) choices.push({ kind: 'tracking', trackingNumber: compact });
  return choices.slice(0, MAX_CHOICES);
}

export function queryOf(choice: HistoryChoice): HistoryQuery {
  switch (choice.kind) {
    case 'unit':
      return { by: 'unit', unitId: choice.unit.id };
    case 'resident':
      return { by: 'resident', residentId: choice.resident.id };
    case 'tracking':
      return { by: 'tracking', trackingNumber: choice.trackingNumber };
  }
}

/** The same test the service applies, for the packages this desk keeps. */
export function matchesQuery(pkg: Package, query: HistoryQuery): boolean {
  switch (query.by) {
    case 'unit':
      return pkg.unitId === query.unitId;
    case 'resident':
      return pkg.residentId === query.residentId;
    case 'tracking':
      return pkg.trackingNumber !== null && pkg.trackingNumber.endsWith(query.trackingNumber);
  }
}

export interface HistoryRow {
  pkg: Package;
  /** Where this row comes from: this desk (working set, with its pending changes) or only the service. */
  source: 'desk' | 'service';
}

/**
 * This desk's packages and the service's, each package once, newest arrival first. The desk's
 * copy wins: it includes changes not yet sent, and the service's page may be older than it.
 */
export function mergeHistory(onDesk: readonly Package[], fromService: readonly Package[]): HistoryRow[] {
  const rows = new Map<string, HistoryRow>();
  for (const pkg of fromService) rows.set(pkg.id, { pkg, source: 'service' });
  for (const pkg of onDesk) rows.set(pkg.id, { pkg, source: 'desk' });
  return [...rows.values()].sort((a, b) => b.pkg.receivedAt.localeCompare(a.pkg.receivedAt) || a.pkg.id.localeCompare(b.pkg.id));
}
