import { describe, expect, it } from 'vitest';
import type { Resident, Unit } from '../domain/model';
import { countAudience, parseFloors, parseUnitLabels, unitsInScope } from './audience';

const units: Unit[] = [
  { id: 'u1', label: '101', floor: 1 },
  { id: 'u2', label: '102', floor: 1 },
  { id: 'u3', label: '2B', floor: 2 },
  { id: 'u4', label: '301', floor: 3 },
];
const resident = (id: string, unitId: string, extra: Partial<Resident> = {}): Resident => ({
  id, unitId, firstName: 'A', lastName: 'B', email: `${id}@example.org`, phone: null, language: 'en', measurement: 'metric', occupancy: 'owner', authorizedPickups: [], ...extra,
});

describe('broadcast audience', () => {
  it('parses floors and ranges, and names what it cannot read', () => {
    expect(parseFloors('3, 1-2 ;3')).toEqual({ ok: true, value: [1, 2, 3] });
    expect(parseFloors('1, two')).toEqual({ ok: false, bad: 'two' });
    expect(parseFloors('5-2')).toEqual({ ok: false, bad: '5-2' });
  });

  it('finds units by label as typed (case and spaces do not matter)', () => {
    expect(parseUnitLabels('101, 2b  102', units)).toEqual({ ok: true, value: ['u1', 'u3', 'u2'] });
    expect(parseUnitLabels('101, 999', units)).toEqual({ ok: false, bad: '999' });
  });

  it('resolves the scope to units and counts who will get an e-mail', () => {
    expect(unitsInScope('building', units, [], [])).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(unitsInScope('floors', units, [1, 3], [])).toEqual(['u1', 'u2', 'u4']);
    expect(unitsInScope('units', units, [], ['u3', 'gone'])).toEqual(['u3']);
    const residents = [resident('r1', 'u1'), resident('r2', 'u1', { email: null }), resident('r3', 'u2', { emailOptOut: true }), resident('r4', 'u4', { emailBounce: { at: '2026-01-01T00:00:00.000Z', smtpCode: 550 } }), resident('r5', 'u3')];
    expect(countAudience(['u1', 'u2', 'u4'], residents)).toEqual({ unitIds: ['u1', 'u2', 'u4'], residents: 4, reachable: 1, noEmail: 1, optedOut: 1, bounced: 1 });
  });
});
