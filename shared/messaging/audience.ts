import type { BroadcastScope } from '../domain/messaging';
import type { Resident, Unit } from '../domain/model';
import { canonicalUnitLabel } from '../mutations/directory';

// Who a broadcast reaches, counted at the desk before anyone confirms: the units of the whole
// building, of some floors or of a typed list, their residents, and how many of those the
// central service can e-mail (an address, no opt-out, no bounce).

export interface AudienceCount {
  unitIds: string[];
  residents: number;
  /** Residents who will get an e-mail. */
  reachable: number;
  noEmail: number;
  optedOut: number;
  bounced: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; bad: string };

/** "3, 5-7, 12" → [3, 5, 6, 7, 12]. */
export function parseFloors(text: string): Parsed<number[]> {
  const floors = new Set<number>();
  for (const part of text.split(/[,;\s]+/u).filter(Boolean)) {
    const range = /^(-?\d{1,3})(?:-(-?\d{1,3}))?$/u.exec(part);
    if (!range) return { ok: false, bad: part };
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to - from > 400 || from < -10 || to > 300) return { ok: false, bad: part };
    for (let floor = from; floor <= to; floor++) floors.add(floor);
  }
  return { ok: true, value: [...floors].sort((a, b) => a - b) };
}

/** "101, 102 2b" → the ids of those units; the first label that is no unit is reported. */
export function parseUnitLabels(text: string, units: readonly Unit[]): Parsed<string[]> {
  const byLabel = new Map(units.map((unit) => [canonicalUnitLabel(unit.label), unit.id]));
  const ids = new Set<string>();
  for (const label of text.split(/[,;\s]+/u).filter(Boolean)) {
    const id = byLabel.get(canonicalUnitLabel(label));
    if (id === undefined) return { ok: false, bad: label };
    ids.add(id);
  }
  return { ok: true, value: [...ids] };
}

export function unitsInScope(scope: BroadcastScope, units: readonly Unit[], floors: readonly number[], chosenUnitIds: readonly string[]): string[] {
  if (scope === 'building') return units.map((unit) => unit.id);
  if (scope === 'floors') {
    const wanted = new Set(floors);
    return units.filter((unit) => wanted.has(unit.floor)).map((unit) => unit.id);
  }
  const known = new Set(units.map((unit) => unit.id));
  return chosenUnitIds.filter((id) => known.has(id));
}

export function countAudience(unitIds: readonly string[], residents: readonly Resident[]): AudienceCount {
  const inUnits = new Set(unitIds);
  const count: AudienceCount = { unitIds: [...unitIds], residents: 0, reachable: 0, noEmail: 0, optedOut: 0, bounced: 0 };
  for (const resident of residents) {
    if (!inUnits.has(resident.unitId)) continue;
    count.residents += 1;
    if (resident.email === null) count.noEmail += 1;
    else if (resident.emailOptOut === true) count.optedOut += 1;
    else if (resident.emailBounce) count.bounced += 1;
    else count.reachable += 1;
  }
  return count;
}
