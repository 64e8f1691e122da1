import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { DomainEvent, Package, Staff, Unit } from '../domain/model';
import { toCsv } from './csv';
import { EVENT_CSV_HEADER, eventCsvRows, filterEvents, NO_EVENT_FILTER } from './eventLog';
import { dailyIntakeAndRelease, localDateOf, packageAging } from './packageReports';

function pkg(id: string, overrides: Partial<Package>): Package {
  return {
    id, shortCode: 'K7M2Q9', trackingNumber: null, carrier: 'ups', trackingFormat: null, kind: 'parcel', unitId: 'u-1', residentId: 'r-1',
    status: 'waiting', size: null, location: null, flags: [], note: null, receivedAt: '2026-03-01T12:00:00.000Z', receivedBy: 's', receivedDeskId: 'd', release: null, ...overrides,
  };
}
const units = new Map<string, Unit>([['u-1', { id: 'u-1', label: '12B', floor: 12 }], ['u-2', { id: 'u-2', label: '3A', floor: 3 }]]);

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, keeps accents, and neutralizes formulas', () => {
    const csv = toCsv(['name', 'note'], [['Núñez, José', 'said "hi"\nthen left'], ['=HYPERLINK("x")', -3], ['@cmd', null]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['name', 'note'],
      ['Núñez, José', 'said "hi"\nthen left'],
      ['\'=HYPERLINK("x")', "'-3"],
      ["'@cmd", ''],
    ]);
  });
});

describe('package reports', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it('groups waiting packages older than N days by unit and by carrier, most first', () => {
    const packages = [
      pkg('a', { receivedAt: '2026-03-01T12:00:00.000Z' }),
      pkg('b', { receivedAt: '2026-03-05T12:00:00.000Z' }),
      pkg('c', { receivedAt: '2026-03-02T12:00:00.000Z', unitId: 'u-2', carrier: 'fedex' }),
      pkg('d', { receivedAt: '2026-03-09T12:00:00.000Z' }),
      pkg('e', { receivedAt: '2026-02-01T12:00:00.000Z', status: 'released' }),
    ];
    expect(packageAging(packages, 'unit', now, 3, units)).toEqual([
      { key: '12B', count: 2, oldestDays: 9 },
      { key: '3A', count: 1, oldestDays: 8 },
    ]);
    expect(packageAging(packages, 'carrier', now, 7, units)).toEqual([
      { key: 'ups', count: 1, oldestDays: 9 },
      { key: 'fedex', count: 1, oldestDays: 8 },
    ]);
  });

  it('counts intake and release per local day, across a daylight-saving change', () => {
    // New York springs forward on 2026-03-08: 23 hours that day, and no day is skipped or repeated.
    const release = (at: string) => ({ at, by: 's', deskId: 'd', mutationId: 'm', to: { kind: 'resident' as const, residentId: 'r-1' }, recipientName: 'J', signature: null });
    const packages = [
      pkg('a', { receivedAt: '2026-03-08T04:30:00.000Z' }), // 23:30 on the 7th in New York
      pkg('b', { receivedAt: '2026-03-08T05:30:00.000Z', status: 'released', release: release('2026-03-09T15:00:00.000Z') }),
    ];
    const days = dailyIntakeAndRelease(packages, 'America/New_York', now, 5);
    expect(days).toEqual([
      { date: '2026-03-06', received: 0, released: 0 },
      { date: '2026-03-07', received: 1, released: 0 },
      { date: '2026-03-08', received: 1, released: 0 },
      { date: '2026-03-09', received: 0, released: 1 },
      { date: '2026-03-10', received: 0, released: 0 },
    ]);
    expect(localDateOf('2026-03-08T04:30:00.000Z', 'Europe/Paris')).toBe('2026-03-08');
  });
});

describe('event log', () => {
  const event = (id: string, at: string, overrides: Partial<DomainEvent> = {}): DomainEvent => ({
    id, type: 'package.received', at, staffId: 's-ana', deskId: 'desk-1', mutationId: `m-${id}`, packageId: null, unitId: 'u-1', residentId: null, data: { carrier: 'ups' }, ...overrides,
  });
  const events = [event('e1', '2026-03-01T10:00:00.000Z'), event('e2', '2026-03-02T10:00:00.000Z', { type: 'staff.signedIn', unitId: null }), event('e3', '2026-03-03T10:00:00.000Z', { staffId: 's-ben' })];

  it('filters by type, staff, unit and time, newest first', () => {
    expect(filterEvents(events, NO_EVENT_FILTER).map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
    expect(filterEvents(events, { ...NO_EVENT_FILTER, types: ['package.received'] }).map((e) => e.id)).toEqual(['e3', 'e1']);
    expect(filterEvents(events, { ...NO_EVENT_FILTER, staffId: 's-ana', from: '2026-03-01T12:00:00.000Z' }).map((e) => e.id)).toEqual(['e2']);
    expect(filterEvents(events, { ...NO_EVENT_FILTER, unitId: 'u-1', to: '2026-03-02T00:00:00.000Z' }).map((e) => e.id)).toEqual(['e1']);
  });

  it('exports rows a spreadsheet reads back', () => {
    const ana: Staff = { id: 's-ana', displayName: 'Ana', role: 'doorperson', language: 'es', measurement: 'metric', active: true, pin: { algorithm: 'PBKDF2-SHA-256', iterations: 10_000, salt: 'c2FsdHNhbHRzYWx0c2FsdA', hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g' } };
    const names = { staff: new Map([[ana.id, ana]]), units, residents: new Map() };
    const csv = toCsv(EVENT_CSV_HEADER, eventCsvRows(events.slice(0, 1), names, (iso) => iso.replace('T', ' ')));
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { newline: '\r\n' });
    expect(parsed.data[1]).toEqual(['2026-03-01T10:00:00.000Z', '2026-03-01 10:00:00.000Z', 'package.received', 'Ana', 'desk-1', '12B', '', 'carrier=ups']);
  });
});

describe('amenity usage', () => {
  it('counts bookings per amenity and local month, with how they ended and the hours used', async () => {
    const { amenityUsage } = await import('./amenityUsage');
    const booking = (id: string, amenityId: string, start: string, hours: number, status: 'confirmed' | 'checkedIn' | 'noShow' | 'cancelled') => ({
      id, amenityId, unitId: 'u-1', residentId: 'r-1', start, end: new Date(Date.parse(start) + hours * 3_600_000).toISOString(), partySize: 1, status, note: null,
      requestedAt: start, requestedBy: 's', requestedDeskId: 'd', mutationId: `m-${id}`, feeCents: 0, depositCents: 0, decision: null, cancellation: null, checkIn: null, offeredFromWaitlistAt: null,
    });
    const rows = amenityUsage(
      [
        booking('b1', 'gym', '2026-03-01T04:30:00.000Z', 1, 'checkedIn'), // still February 28 in New York
        booking('b2', 'gym', '2026-03-10T15:00:00.000Z', 2, 'confirmed'),
        booking('b3', 'gym', '2026-03-11T15:00:00.000Z', 2, 'noShow'),
        booking('b4', 'party', '2026-03-12T22:00:00.000Z', 3, 'cancelled'),
      ],
      [{ id: 'party' }, { id: 'gym' }],
      'America/New_York',
    );
    expect(rows).toEqual([
      { amenityId: 'party', month: '2026-03', used: 0, checkedIn: 0, noShow: 0, cancelled: 1, hours: 0 },
      { amenityId: 'gym', month: '2026-02', used: 1, checkedIn: 1, noShow: 0, cancelled: 0, hours: 1 },
      { amenityId: 'gym', month: '2026-03', used: 1, checkedIn: 0, noShow: 1, cancelled: 0, hours: 2 },
    ]);
  });
});
