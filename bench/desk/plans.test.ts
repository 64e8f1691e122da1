import { describe, expect, it } from 'vitest';
import type { Resident, Unit } from '../../shared/domain/model';
import { buildRecipientIndex } from '../../shared/search/recipients';
import { cheapestKeys, freshTrackingNumbers, QUERY_KINDS, recipientQueries } from './plans';

const units: Unit[] = [
  { id: 'u-101', label: '101', floor: 1 },
  { id: 'u-102', label: '102', floor: 1 },
  { id: 'u-201', label: '201', floor: 2 },
];

function resident(id: string, unitId: string, firstName: string, lastName: string): Resident {
  return { id, unitId, firstName, lastName, email: null, phone: null, language: 'en', measurement: 'metric', occupancy: 'owner', authorizedPickups: [] };
}

const residents = [
  resident('r-1', 'u-101', 'Ana', 'Zapata'),
  resident('r-2', 'u-101', 'Bob', 'Young'),
  resident('r-3', 'u-102', 'Carla', 'Núñez'),
  resident('r-4', 'u-201', 'Carlos', 'Núñez'),
];
const index = buildRecipientIndex(units, residents);
const byId = (id: string) => residents.find((r) => r.id === id) as Resident;
const unitOf = (r: Resident) => units.find((u) => u.id === r.unitId) as Unit;

describe('cheapestKeys', () => {
  it('prefers a unique name prefix over a unit shared with another resident', () => {
    const bob = byId('r-2');
    expect(cheapestKeys(index, bob, unitOf(bob))).toEqual({ residentId: 'r-2', query: 'b', arrowDowns: 0, keys: 2, family: 'name' });
  });

  it('counts ArrowDowns when the shortest query lists the resident second', () => {
    const carlos = byId('r-4');
    // "2" is unit 201 alone: one key + Enter.
    expect(cheapestKeys(index, carlos, unitOf(carlos))).toMatchObject({ query: '2', arrowDowns: 0, keys: 2 });
    const carla = byId('r-3');
    const plan = cheapestKeys(index, carla, unitOf(carla));
    expect(plan?.keys).toBe((plan?.query.length ?? 0) + (plan?.arrowDowns ?? 0) + 1);
    expect(index.search(plan?.query ?? '', 8)[plan?.arrowDowns ?? -1]?.resident.id).toBe('r-3');
  });

  it('types folded names only (accents are not typable keys)', () => {
    const carla = byId('r-3');
    const plan = cheapestKeys(index, carla, unitOf(carla));
    expect(plan?.query).toMatch(/^[a-z0-9 ]+$/);
  });
});

describe('recipientQueries', () => {
  it('is deterministic and mixes the four kinds', () => {
    const a = recipientQueries(units, residents, 40, 1);
    expect(recipientQueries(units, residents, 40, 1)).toEqual(a);
    for (const kind of QUERY_KINDS) expect(a.filter((query) => query.kind === kind)).toHaveLength(10);
    expect(a.filter((query) => query.kind === 'name prefix, accents').some((query) => /[^\x00-\x7f]/.test(query.text))).toBe(true);
  });
});

describe('freshTrackingNumbers', () => {
  it('gives distinct accepted numbers outside the taken set', () => {
    const first = freshTrackingNumbers(30, 1, () => true);
    const taken = new Set(first.slice(0, 10));
    const numbers = freshTrackingNumbers(30, 1, (number) => !number.startsWith('TB'), taken);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers.some((number) => taken.has(number) || number.startsWith('TB'))).toBe(false);
  });
});
