import { describe, expect, it } from 'vitest';
import type { Package, Resident, Unit } from '../../../shared/domain/model';
import { buildRecipientIndex } from '../../../shared/search/recipients';
import { historyChoices, matchesQuery, mergeHistory, queryOf } from './historyChoices';

const units: Unit[] = [
  { id: 'u-12b', label: '12B', floor: 12 },
  { id: 'u-3a', label: '3A', floor: 3 },
];
const resident = (id: string, unitId: string, firstName: string, lastName: string): Resident => ({
  id, unitId, firstName, lastName, email: null, phone: null, language: 'es', measurement: 'metric', occupancy: 'owner', authorizedPickups: [],
});
const residents = [resident('r-jose', 'u-12b', 'José', 'Núñez'), resident('r-luis', 'u-12b', 'Luis', 'Núñez'), resident('r-ana', 'u-3a', 'Ana', 'Dupont')];
const index = buildRecipientIndex(units, residents);

function pkg(id: string, overrides: Partial<Package> = {}): Package {
  return {
    id, shortCode: 'K7M2Q9', trackingNumber: null, carrier: 'ups', trackingFormat: null, kind: 'parcel', unitId: 'u-12b', residentId: 'r-jose',
    status: 'released', size: null, location: null, flags: [], note: null, receivedAt: '2026-01-01T00:00:00.000Z', receivedBy: 's', receivedDeskId: 'd', release: null, ...overrides,
  };
}

describe('what a typed text can be looked up as', () => {
  it('offers the unit first, then its residents', () => {
    const choices = historyChoices('12b', index);
    expect(choices.map((choice) => (choice.kind === 'unit' ? `unit:${choice.unit.label}` : choice.kind === 'resident' ? `resident:${choice.resident.id}` : choice.kind))).toEqual([
      'unit:12B',
      'resident:r-jose',
      'resident:r-luis',
    ]);
  });

  it('offers residents by name, and nothing for an empty text', () => {
    expect(historyChoices('dupont', index).map((choice) => choice.kind === 'resident' && choice.resident.id)).toEqual(['r-ana']);
    expect(historyChoices('   ', index)).toEqual([]);
  });

  it('reads a long code as a tracking number first, compact and upper-case; a short number last', () => {
    expect(historyChoices('1z 999aa1-0123456784', index)[0]).toEqual({ kind: 'tracking', trackingNumber: '1Z999AA10123456784' });
    expect(historyChoices('6784', index).at(-1)).toEqual({ kind: 'tracking', trackingNumber: '6784' });
    expect(historyChoices('José', index).some((choice) => choice.kind === 'tracking')).toBe(false);
  });
});

describe('history rows', () => {
  it('matches packages like the service does', () => {
    const parcel = pkg('p1', { trackingNumber: '1Z999AA10123456784' });
    expect(matchesQuery(parcel, queryOf({ kind: 'tracking', trackingNumber: '56784' }))).toBe(true);
    expect(matchesQuery(parcel, queryOf({ kind: 'tracking', trackingNumber: '1Z999' }))).toBe(false);
    expect(matchesQuery(parcel, { by: 'unit', unitId: 'u-12b' })).toBe(true);
    expect(matchesQuery(parcel, { by: 'resident', residentId: 'r-luis' })).toBe(false);
  });

  it('lists each package once, the desk’s copy winning, newest arrival first', () => {
    const onDesk = [pkg('p2', { status: 'waiting', receivedAt: '2026-02-01T00:00:00.000Z' })];
    const fromService = [pkg('p2', { status: 'released', receivedAt: '2026-02-01T00:00:00.000Z' }), pkg('p1'), pkg('p3', { receivedAt: '2026-03-01T00:00:00.000Z' })];
    expect(mergeHistory(onDesk, fromService).map((row) => `${row.pkg.id}:${row.source}:${row.pkg.status}`)).toEqual(['p3:service:released', 'p2:desk:waiting', 'p1:service:released']);
  });
});
