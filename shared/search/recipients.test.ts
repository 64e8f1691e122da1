import { describe, expect, it } from 'vitest';
import type { Resident, Unit } from '../domain/model';
import { buildRecipientIndex, compareUnitLabels, normalizeUnit } from './recipients';

const units: Unit[] = [
  { id: 'u12b', label: '12B', floor: 12 },
  { id: 'u120', label: '120', floor: 1 },
  { id: 'u2a', label: '2A', floor: 2 },
  { id: 'u3c', label: '3C', floor: 3 },
];
const person = (id: string, unitId: string, firstName: string, lastName: string, proxies: string[] = []): Resident => ({
  id, unitId, firstName, lastName, email: null, phone: null, language: 'en', measurement: 'metric', occupancy: 'owner',
  authorizedPickups: proxies.map((name, i) => ({ id: `${id}-p${i}`, name, relationship: null })),
});
const residents = [
  person('r1', 'u12b', 'José', 'Núñez'),
  person('r2', 'u120', 'Chloé', 'Lefèvre'),
  person('r3', 'u2a', 'Łukasz', 'Wójcik', ['Søren Ødegaard']),
  person('r4', 'u3c', 'Seán', "O'Brien"),
  person('r5', 'u12b', 'Ana', 'Nunes'),
];
const index = buildRecipientIndex(units, residents);
const ids = (query: string) => index.search(query).map((m) => m.resident.id);

describe('recipient search', () => {
  it('finds names regardless of accents and case', () => {
    expect(ids('nunez')).toEqual(['r1']);
    expect(ids('NÚÑEZ')).toEqual(['r1']);
    expect(ids('lefevre')).toEqual(['r2']);
    expect(ids('lukasz')).toEqual(['r3']);
    expect(ids('wojc')).toEqual(['r3']);
    expect(ids('obrien')).toEqual([]);
    expect(ids('brien')).toEqual(['r4']);
  });

  it('ranks an exact unit before units that merely start with the same characters', () => {
    expect(ids('12b')).toEqual(['r5', 'r1']);
    expect(ids('12')[0]).toBe('r5');
    expect(ids('120')).toEqual(['r2']);
    expect(ids('12 b')).toEqual(['r5', 'r1']);
  });

  it('combines a unit and a name', () => {
    expect(ids('12b jose')).toEqual(['r1']);
    expect(ids('nun 12')).toEqual(['r5', 'r1']);
  });

  it('finds a resident through an authorized pickup person, ranked last', () => {
    expect(index.search('soren')[0]).toMatchObject({ resident: { id: 'r3' }, matchedBy: 'proxy' });
  });

  it('returns nothing for empty or punctuation-only queries, and honours the limit', () => {
    expect(ids('')).toEqual([]);
    expect(ids('   ')).toEqual([]);
    expect(index.search('n', 2)).toHaveLength(2);
    expect(index.search('n')).toHaveLength(2);
  });

  it('normalizes and orders unit labels the way people read them', () => {
    expect(normalizeUnit('#12-b')).toBe('12b');
    expect(['10A', '2A', '1001', '101'].sort(compareUnitLabels)).toEqual(['2A', '10A', '101', '1001']);
  });
});
