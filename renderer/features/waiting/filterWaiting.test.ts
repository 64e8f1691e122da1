import { describe, expect, it } from 'vitest';
import type { Package } from '../../../shared/domain/model';
import { buildRecipientIndex } from '../../../shared/search/recipients';
import { testResidents, testUnits } from '../../db/testFixtures';
import type { Directory } from '../../data/hooks';
import { filterChoices, filterWaiting, NO_FILTERS } from './filterWaiting';

const directory: Directory = {
  units: testUnits,
  residents: testResidents,
  unitsById: new Map(testUnits.map((unit) => [unit.id, unit])),
  residentsById: new Map(testResidents.map((resident) => [resident.id, resident])),
  index: buildRecipientIndex(testUnits, testResidents),
};
const now = new Date('2026-03-10T12:00:00Z');
const pkg = (id: string, overrides: Partial<Package>): Package => ({
  id, shortCode: 'AAAAAA', trackingNumber: null, carrier: 'ups', trackingFormat: null, kind: 'parcel', unitId: 'u-12b',
  residentId: 'r-nunez', status: 'waiting', size: null, location: 'A1', flags: [], note: null,
  receivedAt: '2026-03-10T10:00:00.000Z', receivedBy: 's', receivedDeskId: 'd', release: null, ...overrides,
});
const packages = [
  pkg('p1', {}),
  pkg('p2', { carrier: 'fedex', unitId: 'u-3a', residentId: 'r-dupont', receivedAt: '2026-03-01T10:00:00.000Z', location: 'B2', shortCode: 'BBBBBB' }),
  pkg('p3', { flags: ['refrigerate'], receivedAt: '2026-03-06T10:00:00.000Z', trackingNumber: '1Z999AA10123456784' }),
];
const ids = (filters: Partial<typeof NO_FILTERS>) => filterWaiting(packages, { ...NO_FILTERS, ...filters }, directory, now).map((p) => p.id);

describe('waiting list filters', () => {
  it('filters by carrier, age, flag and location', () => {
    expect(ids({ carrier: 'fedex' })).toEqual(['p2']);
    expect(ids({ minAgeDays: 3 })).toEqual(['p2', 'p3']);
    expect(ids({ minAgeDays: 7 })).toEqual(['p2']);
    expect(ids({ flag: 'refrigerate' })).toEqual(['p3']);
    expect(ids({ location: 'B2' })).toEqual(['p2']);
  });

  it('matches text against unit, accent-free name, short code and tracking number', () => {
    expect(ids({ text: 'helene' })).toEqual(['p2']);
    expect(ids({ text: '3a' })).toEqual(['p2']);
    expect(ids({ text: 'bbbb' })).toEqual(['p2']);
    expect(ids({ text: '1z999' })).toEqual(['p3']);
  });

  it('offers the carriers and locations present', () => {
    expect(filterChoices(packages)).toEqual({ carriers: ['fedex', 'ups'], locations: ['A1', 'B2'] });
  });
});
