import { describe, expect, it } from 'vitest';
import type { Amenity } from '../domain/bookings';
import type { Building, Resident, Unit } from '../domain/model';
import { everyDay, partyRoom, sampleAmenity } from '../bookings/samples';
import { localToInstant } from '../time/zone';
import { MemoryStore } from './memoryTx';
import { runMutation } from './registry';
import { MutationRejected } from './rejection';
import type { MutationContext } from './tx';

const NY = 'America/New_York';
const NOW = '2026-03-01T15:00:00.000Z';
const building: Building = { id: 'b1', name: 'Alameda', timeZone: NY, defaultLanguage: 'en' };
const units: Unit[] = [
  { id: 'u1', label: '12B', floor: 12 },
  { id: 'u2', label: '3A', floor: 3 },
  { id: 'u3', label: '7C', floor: 7 },
];
const resident = (id: string, unitId: string, occupancy: Resident['occupancy'] = 'owner'): Resident => ({
  id, unitId, firstName: 'José', lastName: 'Núñez', email: null, phone: null, language: 'es', measurement: 'metric', occupancy, authorizedPickups: [],
});

const room = partyRoom({}, { maxDaysAhead: 730 });
const gym = sampleAmenity({}, { maxDaysAhead: 730 });

function iso(local: string): string {
  const [date = '', time = ''] = local.split('T');
  const result = localToInstant(date, time, NY);
  if (!result.ok) throw new Error(`${local} does not exist`);
  return result.instant;
}

function store(amenities: Amenity[] = [room, gym]): MemoryStore {
  const memory = new MemoryStore();
  memory.seed('buildings', [building]);
  memory.seed('units', units);
  memory.seed('residents', [resident('r1', 'u1'), resident('r2', 'u2', 'tenant'), resident('r3', 'u1'), resident('r4', 'u3')]);
  memory.seed('amenities', amenities);
  return memory;
}

let sequence = 0;
function context(overrides: Partial<MutationContext> = {}): MutationContext {
  sequence += 1;
  return { mutationId: `m-${sequence}`, staffId: 's1', staffRole: 'doorperson', deskId: 'desk-lobby', at: NOW, ...overrides };
}
const mailroom = (overrides: Partial<MutationContext> = {}) => context({ deskId: 'desk-mailroom', staffId: 's2', ...overrides });
const manager = (overrides: Partial<MutationContext> = {}) => context({ staffRole: 'manager', staffId: 's9', ...overrides });

async function run(memory: MemoryStore, name: string, args: unknown, ctx = context()): Promise<MutationContext> {
  await memory.transaction((tx) => runMutation(tx, name, args, ctx));
  return ctx;
}

async function rejectionOf(promise: Promise<unknown>): Promise<MutationRejected> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MutationRejected);
  return error as MutationRejected;
}

let bookingCounter = 0;
const book = (extra: Record<string, unknown> = {}) => ({
  buildingId: 'b1', bookingId: `bk-${++bookingCounter}`, amenityId: 'party', residentId: 'r1',
  start: '2026-03-20T18:00', end: '2026-03-20T20:30', partySize: 1, note: null, joinWaitlistIfFull: false, ...extra,
});

const statusOf = (memory: MemoryStore, id: string) => memory.rows('bookings').find((booking) => booking.id === id)?.status;

describe('requestBooking', () => {
  it('confirms a free slot, records the rule set’s fee and deposit, and logs booking.confirmed', async () => {
    const memory = store();
    const args = book({ note: 'Birthday' });
    const ctx = await run(memory, 'requestBooking', args);
    expect(memory.rows('bookings')).toEqual([
      expect.objectContaining({
        id: args.bookingId, amenityId: 'party', unitId: 'u1', residentId: 'r1', status: 'confirmed', start: iso('2026-03-20T18:00'), end: iso('2026-03-20T20:30'),
        note: 'Birthday', requestedAt: NOW, requestedBy: 's1', requestedDeskId: 'desk-lobby', mutationId: ctx.mutationId, feeCents: 5000, depositCents: 20000,
      }),
    ]);
    expect(memory.rows('events')).toEqual([
      expect.objectContaining({ type: 'booking.confirmed', unitId: 'u1', residentId: 'r1', packageId: null, data: expect.objectContaining({ bookingId: args.bookingId, amenityId: 'party', ruleSetId: 'party-rules' }) }),
    ]);
    // Notes are personal text: they stay out of the event log.
    expect(JSON.stringify(memory.rows('events'))).not.toContain('Birthday');
  });

  it('leaves a request for a manager when the rules require approval', async () => {
    const memory = store([partyRoom({}, { maxDaysAhead: 730, approval: 'required' })]);
    const args = book();
    await run(memory, 'requestBooking', args);
    expect(statusOf(memory, args.bookingId)).toBe('requested');
    expect(memory.rows('events').map((event) => event.type)).toEqual(['booking.requested']);
  });

  it('gives the last slot to the first desk the server hears from; the second is refused with alternatives', async () => {
    // Both desks are offline: each books the same slot optimistically on its own store…
    const lobby = store();
    const mailroomDesk = store();
    const first = book({ residentId: 'r1' });
    const second = book({ residentId: 'r2' });
    const firstCtx = context();
    const secondCtx = mailroom();
    await run(lobby, 'requestBooking', first, firstCtx);
    await run(mailroomDesk, 'requestBooking', second, secondCtx);
    expect(statusOf(mailroomDesk, second.bookingId)).toBe('confirmed');
    // …then the server runs the two mutations in the order they reach it.
    const server = store();
    await run(server, 'requestBooking', first, firstCtx);
    const refused = await rejectionOf(run(server, 'requestBooking', second, secondCtx));
    expect(refused.code).toBe('bookingCapacityFull');
    expect(refused.params).toMatchObject({ amenityId: 'party', capacity: 1, taken: 1, partySize: 1 });
    expect(String(refused.params.alternatives).split(',')).toEqual([
      `${iso('2026-03-20T20:30')}/${iso('2026-03-20T23:00')}`,
      `${iso('2026-03-19T20:30')}/${iso('2026-03-19T23:00')}`,
      `${iso('2026-03-19T18:00')}/${iso('2026-03-19T20:30')}`,
    ]);
    expect(server.rows('bookings').map((booking) => booking.id)).toEqual([first.bookingId]);
    expect(server.rows('events')).toHaveLength(1);
  });

  it('counts quotas across desks: a unit booked from the mailroom cannot book again this month from the lobby', async () => {
    const memory = store();
    await run(memory, 'requestBooking', book({ residentId: 'r3', start: '2026-03-03T18:00', end: '2026-03-03T20:30' }), mailroom());
    const refused = await rejectionOf(run(memory, 'requestBooking', book({ residentId: 'r1' })));
    expect(refused.code).toBe('bookingQuotaReached');
    expect(refused.params).toMatchObject({ amenityId: 'party', max: 1, period: 'month', unit: '12B', existingDate: '2026-03-03', existingCount: 1 });
    expect(String(refused.params.alternatives).startsWith(iso('2026-04-01T18:00'))).toBe(true);
    await run(memory, 'requestBooking', book({ residentId: 'r2' }));
  });

  it.each([
    ['an end before the start', { start: '2026-03-20T20:30', end: '2026-03-20T18:00' }, 'bookingEndsBeforeStart'],
    ['a time outside opening hours', { amenityId: 'gym', start: '2026-03-20T22:00', end: '2026-03-20T23:00' }, 'bookingOutsideHours'],
    ['a time skipped by the spring-forward change', { amenityId: 'gym', start: '2026-03-08T02:30', end: '2026-03-08T03:30' }, 'bookingNonexistentTime'],
    ['an unknown amenity', { amenityId: 'sauna' }, 'amenityUnknown'],
    ['an unknown resident', { residentId: 'nobody' }, 'residentUnknown'],
    ['another building', { buildingId: 'b2' }, 'buildingUnknown'],
    ['a date that does not exist', { start: '2026-02-30T18:00' }, 'invalidArguments'],
    ['a party of none', { partySize: 0 }, 'invalidArguments'],
  ])('refuses %s with a clear reason, storing nothing', async (_label, extra, code) => {
    const memory = store();
    const refused = await rejectionOf(run(memory, 'requestBooking', book(extra)));
    expect(refused.code).toBe(code);
    expect(memory.rows('bookings')).toEqual([]);
    expect(memory.rows('events')).toEqual([]);
  });

  it('refuses a disabled amenity and a time that does not exist, naming it', async () => {
    const memory = store([partyRoom({ active: false }, { maxDaysAhead: 730 }), gym]);
    expect((await rejectionOf(run(memory, 'requestBooking', book()))).code).toBe('bookingAmenityInactive');
    const skipped = await rejectionOf(run(memory, 'requestBooking', book({ amenityId: 'gym', start: '2026-03-08T02:00', end: '2026-03-08T03:00' })));
    expect(skipped.params).toMatchObject({ amenityId: 'gym', date: '2026-03-08', time: '02:00' });
    expect(memory.rows('bookings')).toEqual([]);
  });

  it('refuses an id already used (a replayed mutation writes the same row, a new one must not overwrite)', async () => {
    const memory = store();
    const args = book();
    await run(memory, 'requestBooking', args);
    expect((await rejectionOf(run(memory, 'requestBooking', { ...args, start: '2026-03-21T18:00', end: '2026-03-21T20:30' }))).code).toBe('bookingAlreadyExists');
  });
});

describe('the waitlist', () => {
  it('waits when only other bookings stand in the way, and takes the room when it is freed, oldest request first', async () => {
    const memory = store();
    const taken = book({ residentId: 'r1' });
    await run(memory, 'requestBooking', taken);
    const waiting = book({ residentId: 'r2', joinWaitlistIfFull: true });
    await run(memory, 'requestBooking', waiting, mailroom({ at: '2026-03-01T15:05:00.000Z' }));
    const later = book({ residentId: 'r4', joinWaitlistIfFull: true });
    await run(memory, 'requestBooking', later, context({ at: '2026-03-01T15:10:00.000Z' }));
    expect([statusOf(memory, waiting.bookingId), statusOf(memory, later.bookingId)]).toEqual(['waitlisted', 'waitlisted']);

    const cancel = await run(memory, 'cancelBooking', { buildingId: 'b1', bookingId: taken.bookingId, reason: 'Plans changed' }, context({ at: '2026-03-02T15:00:00.000Z' }));
    expect(memory.rows('bookings').find((booking) => booking.id === waiting.bookingId)).toMatchObject({ status: 'confirmed', offeredFromWaitlistAt: cancel.at, feeCents: 5000 });
    expect(statusOf(memory, later.bookingId)).toBe('waitlisted');
    expect(memory.rows('events').filter((event) => event.mutationId === cancel.mutationId).map((event) => [event.type, event.data.bookingId])).toEqual([
      ['booking.cancelled', taken.bookingId],
      ['booking.offeredFromWaitlist', waiting.bookingId],
    ]);
  });

  it('does not wait for reasons a cancellation cannot fix, nor when the resident did not ask to', async () => {
    const memory = store();
    await run(memory, 'requestBooking', book({ residentId: 'r1' }));
    expect((await rejectionOf(run(memory, 'requestBooking', book({ residentId: 'r2' })))).code).toBe('bookingCapacityFull');
    const quota = await rejectionOf(run(memory, 'requestBooking', book({ residentId: 'r3', start: '2026-03-21T18:00', end: '2026-03-21T20:30', joinWaitlistIfFull: true })));
    expect(quota.code).toBe('bookingQuotaReached');
    expect(memory.rows('bookings')).toHaveLength(1);
  });

  it('skips a waiting request that no longer passes (its unit booked meanwhile) and offers the next', async () => {
    const memory = store();
    const taken = book({ residentId: 'r2' });
    await run(memory, 'requestBooking', taken);
    const first = book({ residentId: 'r1', joinWaitlistIfFull: true });
    await run(memory, 'requestBooking', first);
    const second = book({ residentId: 'r4', joinWaitlistIfFull: true });
    await run(memory, 'requestBooking', second, context({ at: '2026-03-01T16:00:00.000Z' }));
    // Unit 12B books another evening of March, so its waiting request would break the monthly quota.
    await run(memory, 'requestBooking', book({ residentId: 'r3', start: '2026-03-25T18:00', end: '2026-03-25T20:30' }));
    await run(memory, 'cancelBooking', { buildingId: 'b1', bookingId: taken.bookingId, reason: null }, manager());
    expect([statusOf(memory, first.bookingId), statusOf(memory, second.bookingId)]).toEqual(['waitlisted', 'confirmed']);
  });

  it('offers the room freed by a declined request', async () => {
    const memory = store([partyRoom({}, { maxDaysAhead: 730, approval: 'required' })]);
    const pending = book({ residentId: 'r1' });
    await run(memory, 'requestBooking', pending);
    const waiting = book({ residentId: 'r2', joinWaitlistIfFull: true });
    await run(memory, 'requestBooking', waiting);
    await run(memory, 'declineBooking', { buildingId: 'b1', bookingId: pending.bookingId, reason: 'Maintenance that evening' }, manager());
    expect(memory.rows('bookings').find((booking) => booking.id === pending.bookingId)).toMatchObject({ status: 'declined', decision: { by: 's9', reason: 'Maintenance that evening' } });
    expect(statusOf(memory, waiting.bookingId)).toBe('requested');
  });
});

describe('approving, declining, cancelling, checking in', () => {
  it('lets managers, not doorpersons, approve a request, once', async () => {
    const memory = store([partyRoom({}, { maxDaysAhead: 730, approval: 'required' })]);
    const args = book();
    await run(memory, 'requestBooking', args);
    expect((await rejectionOf(run(memory, 'approveBooking', { bookingId: args.bookingId }))).code).toBe('notAllowedForRole');
    const approval = await run(memory, 'approveBooking', { bookingId: args.bookingId }, manager());
    expect(memory.rows('bookings')[0]).toMatchObject({ status: 'confirmed', decision: { by: 's9', at: approval.at, reason: null } });
    expect(await rejectionOf(run(memory, 'approveBooking', { bookingId: args.bookingId }, manager()))).toMatchObject({ code: 'bookingWrongStatus', params: { status: 'confirmed' } });
    expect((await rejectionOf(run(memory, 'approveBooking', { bookingId: 'nope' }, manager()))).code).toBe('bookingUnknown');
  });

  it('refuses a doorperson’s cancellation within the cutoff; a manager may', async () => {
    const memory = store();
    const args = book();
    await run(memory, 'requestBooking', args);
    const late = { at: iso('2026-03-19T12:00') };
    const refused = await rejectionOf(run(memory, 'cancelBooking', { buildingId: 'b1', bookingId: args.bookingId, reason: null }, context(late)));
    expect(refused).toMatchObject({ code: 'bookingCancellationCutoff', params: { bookingId: args.bookingId, hours: 48, deadline: iso('2026-03-18T18:00') } });
    const ctx = await run(memory, 'cancelBooking', { buildingId: 'b1', bookingId: args.bookingId, reason: 'Resident called' }, manager(late));
    expect(memory.rows('bookings')[0]).toMatchObject({ status: 'cancelled', cancellation: { by: 's9', at: ctx.at, reason: 'Resident called' } });
    expect(memory.rows('events').at(-1)).toMatchObject({ type: 'booking.cancelled', data: { late: true, cause: 'request' } });
    expect((await rejectionOf(run(memory, 'cancelBooking', { buildingId: 'b1', bookingId: args.bookingId, reason: null }, manager()))).code).toBe('bookingWrongStatus');
  });

  it('checks a party in from an hour before the start until the end, and marks no-shows once started', async () => {
    const memory = store();
    const first = book();
    const second = book({ residentId: 'r2', start: '2026-03-20T20:30', end: '2026-03-20T23:00' });
    await run(memory, 'requestBooking', first);
    await run(memory, 'requestBooking', second);
    const early = await rejectionOf(run(memory, 'checkInBooking', { bookingId: first.bookingId }, context({ at: iso('2026-03-20T16:30') })));
    expect(early).toMatchObject({ code: 'bookingCheckInWindow', params: { from: iso('2026-03-20T17:00'), until: iso('2026-03-20T20:30') } });
    await run(memory, 'checkInBooking', { bookingId: first.bookingId }, context({ at: iso('2026-03-20T17:50') }));
    expect(memory.rows('bookings').find((booking) => booking.id === first.bookingId)).toMatchObject({ status: 'checkedIn', checkIn: { by: 's1' } });
    expect((await rejectionOf(run(memory, 'markNoShow', { bookingId: second.bookingId }, context({ at: iso('2026-03-20T20:00') })))).code).toBe('bookingNotStarted');
    await run(memory, 'markNoShow', { bookingId: second.bookingId }, context({ at: iso('2026-03-20T21:00') }));
    expect(statusOf(memory, second.bookingId)).toBe('noShow');
    expect(memory.rows('events').map((event) => event.type).slice(-2)).toEqual(['booking.checkedIn', 'booking.noShow']);
  });
});

describe('upsertAmenity', () => {
  const sauna = sampleAmenity({ id: 'sauna', capacity: 2, name: { en: 'Sauna' } }, { maxDaysAhead: 730 });

  it('creates an amenity (managers only) and logs amenity.updated', async () => {
    const memory = store();
    expect((await rejectionOf(run(memory, 'upsertAmenity', { buildingId: 'b1', amenity: sauna, conflictDecision: { cancel: [], keep: [] } }))).code).toBe('notAllowedForRole');
    await run(memory, 'upsertAmenity', { buildingId: 'b1', amenity: sauna, conflictDecision: { cancel: [], keep: [] } }, manager());
    expect(memory.rows('amenities').map((amenity) => amenity.id)).toContain('sauna');
    expect(memory.rows('events')).toEqual([expect.objectContaining({ type: 'amenity.updated', data: expect.objectContaining({ amenityId: 'sauna', created: true, conflicts: 0 }) })]);
  });

  it('never silently breaks bookings: the manager cancels or keeps each one the new rules refuse', async () => {
    const memory = store([room, sauna]);
    const a = book({ amenityId: 'sauna', residentId: 'r1', start: '2026-03-20T10:00', end: '2026-03-20T11:00' });
    const b = book({ amenityId: 'sauna', residentId: 'r2', start: '2026-03-20T10:30', end: '2026-03-20T11:30' });
    const evening = book({ amenityId: 'sauna', residentId: 'r4', start: '2026-03-20T20:00', end: '2026-03-20T21:00' });
    for (const args of [a, b, evening]) await run(memory, 'requestBooking', args);
    const smaller: Amenity = { ...sauna, capacity: 1, rules: [{ ...(sauna.rules[0] ?? expect.fail()), openingHours: everyDay({ open: '08:00', close: '20:00' }) }] };

    const undecided = await rejectionOf(run(memory, 'upsertAmenity', { buildingId: 'b1', amenity: smaller, conflictDecision: { cancel: [], keep: [a.bookingId] } }, manager()));
    expect(undecided).toMatchObject({ code: 'amenityChangeConflicts', params: { amenityId: 'sauna', count: 2, bookingIds: `${b.bookingId},${evening.bookingId}` } });
    expect(memory.rows('amenities').find((amenity) => amenity.id === 'sauna')?.capacity).toBe(2);

    const ctx = await run(memory, 'upsertAmenity', { buildingId: 'b1', amenity: smaller, conflictDecision: { cancel: [b.bookingId, evening.bookingId], keep: [a.bookingId], reason: 'Sauna rules changed' } }, manager());
    expect(memory.rows('bookings').map((booking) => [booking.id, booking.status, booking.cancellation?.reason ?? null])).toEqual([
      [a.bookingId, 'confirmed', null],
      [b.bookingId, 'cancelled', 'Sauna rules changed'],
      [evening.bookingId, 'cancelled', 'Sauna rules changed'],
    ]);
    expect(memory.rows('events').filter((event) => event.mutationId === ctx.mutationId).map((event) => [event.type, event.data.bookingId ?? event.data.amenityId])).toEqual([
      ['amenity.updated', 'sauna'],
      ['booking.cancelled', b.bookingId],
      ['booking.cancelled', evening.bookingId],
    ]);
    // Saving again asks nothing more: the kept conflict was decided, the cancelled ones hold no room.
    await run(memory, 'upsertAmenity', { buildingId: 'b1', amenity: { ...smaller, name: { en: 'Finnish sauna' } }, conflictDecision: { cancel: [], keep: [] } }, manager());
  });

  it('finds the tenants’ bookings when an amenity becomes owners-only', async () => {
    const memory = store([room, sauna]);
    const tenants = book({ amenityId: 'sauna', residentId: 'r2', start: '2026-03-20T10:00', end: '2026-03-20T11:00' });
    const owners = book({ amenityId: 'sauna', residentId: 'r1', start: '2026-03-20T12:00', end: '2026-03-20T13:00' });
    for (const args of [tenants, owners]) await run(memory, 'requestBooking', args);
    const ownersOnly: Amenity = { ...sauna, rules: [{ ...(sauna.rules[0] ?? expect.fail()), eligibility: 'owner' }] };
    const refused = await rejectionOf(run(memory, 'upsertAmenity', { buildingId: 'b1', amenity: ownersOnly, conflictDecision: { cancel: [], keep: [] } }, manager()));
    expect(refused.params).toMatchObject({ count: 1, bookingIds: tenants.bookingId });
    await run(memory, 'upsertAmenity', { buildingId: 'b1', amenity: ownersOnly, conflictDecision: { cancel: [], keep: [tenants.bookingId] } }, manager());
    expect(memory.rows('bookings').map((booking) => booking.status)).toEqual(['confirmed', 'confirmed']);
  });

  it.each([
    ['a minimum above the maximum', { rules: [{ ...(sauna.rules[0] ?? expect.fail()), slotting: { kind: 'free', minMinutes: 90, maxMinutes: 60, stepMinutes: 30 } }] }, 'rules.0.slotting.maxMinutes'],
    ['a season ending before it starts', { rules: [{ ...(sauna.rules[0] ?? expect.fail()), effectiveFrom: '2026-06-01', effectiveUntil: '2026-05-01' }] }, 'rules.0.effectiveUntil'],
    ['a blackout ending before it starts', { blackouts: [{ id: 'x', start: '2026-03-02T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z', reason: 'Works' }] }, 'blackouts.0.end'],
  ])('refuses %s as invalid arguments', async (_label, change, field) => {
    const memory = store();
    const refused = await rejectionOf(run(memory, 'upsertAmenity', { buildingId: 'b1', amenity: { ...sauna, ...change }, conflictDecision: { cancel: [], keep: [] } }, manager()));
    expect(refused).toMatchObject({ code: 'invalidArguments', params: { field: `amenity.${field}`, message: expect.stringMatching(/^bookingRule\.invalid\./) } });
  });
});
