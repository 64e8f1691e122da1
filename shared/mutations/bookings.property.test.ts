import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLDING_STATUSES, type Amenity, type Booking } from '../domain/bookings';
import type { Resident } from '../domain/model';
import { everyDay, sampleAmenity } from '../bookings/samples';
import { dayOfLocalDate, localDateOfDay, localTimeOfMinute, monthOfDay, weekOfDay } from '../time/civil';
import { instantToLocal, localToInstant } from '../time/zone';
import { MemoryStore } from './memoryTx';
import { isRejection, runMutation } from './registry';
import type { MutationContext } from './tx';

// Property: whatever sequence of requests, cancellations, declines, approvals and rule changes
// (where the manager cancels every conflict) two desks send, in whatever order, the bookings that
// hold room never overlap beyond an amenity's capacity (cleaning gaps included), and no unit ever
// exceeds a quota or books sooner than "once every N days". The invariants are computed here
// independently of the engine. Days run over New York's spring-forward night (2026-03-08), and
// the lane is open across the skipped hour.

const NY = 'America/New_York';
const NOW = '2026-03-01T12:00:00.000Z';
const FIRST_DAY = dayOfLocalDate('2026-03-06');
const RESIDENTS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;

const lane = sampleAmenity(
  { id: 'lane', capacity: 2 },
  { openingHours: everyDay({ open: '01:00', close: '05:00' }), slotting: { kind: 'free', minMinutes: 30, maxMinutes: 90, stepMinutes: 30 }, bufferAfterMinutes: 30, quotas: [{ period: 'day', max: 1 }, { period: 'week', max: 2 }] },
);
const room = sampleAmenity(
  { id: 'room', capacity: 1 },
  {
    openingHours: everyDay({ open: '10:00', close: '12:00' }),
    slotting: { kind: 'fixed', slots: [{ start: '10:00', end: '11:00' }, { start: '11:00', end: '12:00' }] },
    quotas: [{ period: 'month', max: 2 }],
    minDaysBetween: 3,
    approval: 'required',
  },
);

function freshStore(): MemoryStore {
  const store = new MemoryStore();
  store.seed('buildings', [{ id: 'b1', name: 'Alameda', timeZone: NY, defaultLanguage: 'en' }]);
  store.seed('units', ['u1', 'u2', 'u3', 'u4'].map((id, index) => ({ id, label: `${index + 1}A`, floor: index + 1 })));
  const resident = (id: string, unitId: string, occupancy: Resident['occupancy']): Resident => ({
    id, unitId, firstName: 'Ana', lastName: 'Peña', email: null, phone: null, language: 'es', measurement: 'metric', occupancy, authorizedPickups: [],
  });
  store.seed('residents', [resident('r1', 'u1', 'owner'), resident('r2', 'u2', 'tenant'), resident('r3', 'u3', 'owner'), resident('r4', 'u4', 'tenant'), resident('r5', 'u1', 'tenant')]);
  store.seed('amenities', [lane, room]);
  return store;
}

type Op =
  | { kind: 'request'; amenity: 'lane' | 'room'; resident: number; day: number; slot: number; length: number; partySize: number; waitlist: boolean; local: boolean; desk: number }
  | { kind: 'cancel'; pick: number; manager: boolean; holding: boolean }
  | { kind: 'decline'; pick: number }
  | { kind: 'approve'; pick: number }
  | { kind: 'rules'; amenity: 'lane' | 'room'; capacity: number; buffer: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      amenity: fc.constantFrom('lane' as const, 'room' as const),
      resident: fc.integer({ min: 0, max: RESIDENTS.length - 1 }),
      day: fc.integer({ min: 0, max: 4 }),
      slot: fc.integer({ min: 0, max: 5 }),
      length: fc.integer({ min: 1, max: 3 }),
      partySize: fc.integer({ min: 1, max: 2 }),
      waitlist: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      local: fc.boolean(),
      desk: fc.integer({ min: 0, max: 1 }),
    }),
  },
  // Cancelling what holds room is what moves the waitlist: aim there three times out of four.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), manager: fc.boolean(), holding: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decline' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rules' as const),
      amenity: fc.constantFrom('lane' as const, 'room' as const),
      capacity: fc.integer({ min: 1, max: 3 }),
      buffer: fc.constantFrom(0, 30, 60),
    }),
  },
);

/** Request times: the lane on a 30-minute grid from 01:00, the room's slots (or not, to be refused). */
function timesOf(request: Extract<Op, { kind: 'request' }>): { start: string; end: string } {
  const date = localDateOfDay(FIRST_DAY + request.day);
  const startMinute = request.amenity === 'lane' ? 60 + request.slot * 30 : 600 + (request.slot % 2) * 60;
  const endMinute = startMinute + (request.amenity === 'lane' ? request.length * 30 : request.length * 60);
  const local = (minute: number) => `${date}T${localTimeOfMinute(minute)}`;
  if (request.local) return { start: local(startMinute), end: local(endMinute) };
  const instant = (minute: number) => {
    const converted = localToInstant(date, localTimeOfMinute(minute), NY);
    return converted.ok ? converted.instant : local(minute);
  };
  return { start: instant(startMinute), end: instant(endMinute) };
}

function violations(store: MemoryStore): string[] {
  const problems: string[] = [];
  const holding = store.rows('bookings').filter((booking) => HOLDING_STATUSES.includes(booking.status));
  for (const amenity of store.rows('amenities')) {
    const rules = amenity.rules[0];
    if (!rules) continue;
    const gapMs = Math.max(rules.bufferBeforeMinutes, rules.bufferAfterMinutes) * 60_000;
    const mine = holding.filter((booking) => booking.amenityId === amenity.id);
    const edges = mine.flatMap((booking): [number, number][] => [[Date.parse(booking.start), booking.partySize], [Date.parse(booking.end) + gapMs, -booking.partySize]]);
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let load = 0;
    for (const [at, delta] of edges) {
      load += delta;
      if (load > amenity.capacity) problems.push(`${amenity.id}: ${load} > ${amenity.capacity} at ${new Date(at).toISOString()}`);
    }
    const dayOf = (booking: Booking) => dayOfLocalDate(instantToLocal(booking.start, NY).date);
    const byUnit = new Map<string, number[]>();
    for (const booking of mine) byUnit.set(booking.unitId, [...(byUnit.get(booking.unitId) ?? []), dayOf(booking)]);
    for (const [unitId, days] of byUnit) {
      for (const quota of rules.quotas) {
        const key = (day: number) => (quota.period === 'day' ? day : quota.period === 'week' ? weekOfDay(day) : monthOfDay(day));
        const counts = new Map<number, number>();
        for (const day of days) counts.set(key(day), (counts.get(key(day)) ?? 0) + 1);
        for (const count of counts.values()) if (count > quota.max) problems.push(`${amenity.id} ${unitId}: ${count} per ${quota.period} > ${quota.max}`);
      }
      const minDays = rules.minDaysBetween;
      if (minDays !== null) {
        const sorted = [...days].sort((a, b) => a - b);
        sorted.forEach((day, index) => {
          const next = sorted[index + 1];
          if (next !== undefined && next - day < minDays) problems.push(`${amenity.id} ${unitId}: ${next - day} days apart < ${minDays}`);
        });
      }
    }
  }
  return problems;
}

function withRules(amenity: Amenity, capacity: number, buffer: number): Amenity {
  return { ...amenity, capacity, rules: amenity.rules.map((rules) => ({ ...rules, bufferAfterMinutes: buffer })) };
}

describe('booking mutators, property-based', () => {
  it('never overbook an amenity nor break a quota, whatever the desks send and in whatever order', { timeout: 60_000 }, async () => {
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40, size: 'medium' }), async (ops) => {
        const store = freshStore();
        let sequence = 0;
        for (const step of ops) {
          sequence += 1;
          const context = (overrides: Partial<MutationContext> = {}): MutationContext => ({
            mutationId: `m-${sequence}`, staffId: 's1', staffRole: 'doorperson', deskId: 'desk-lobby', at: NOW, ...overrides,
          });
          // Picks aim at bookings the action applies to (and at a missing one when there is none).
          const bookings = store.rows('bookings');
          const picked = (pick: number, statuses: readonly string[]) => {
            const candidates = bookings.filter((booking) => statuses.includes(booking.status));
            return candidates[pick % Math.max(1, candidates.length)]?.id ?? 'none';
          };
          let name: string;
          let args: unknown;
          let ctx = context();
          switch (step.kind) {
            case 'request':
              name = 'requestBooking';
              args = { buildingId: 'b1', bookingId: `bk-${sequence}`, amenityId: step.amenity, residentId: RESIDENTS[step.resident], ...timesOf(step), partySize: step.partySize, note: null, joinWaitlistIfFull: step.waitlist };
              ctx = context({ deskId: step.desk === 0 ? 'desk-lobby' : 'desk-mailroom', at: new Date(Date.parse(NOW) + sequence * 60_000).toISOString() });
              break;
            case 'cancel':
              name = 'cancelBooking';
              args = { buildingId: 'b1', bookingId: picked(step.pick, step.holding ? ['requested', 'confirmed'] : ['waitlisted', 'cancelled', 'declined']), reason: null };
              ctx = context({ staffRole: step.manager ? 'manager' : 'doorperson' });
              break;
            case 'decline':
              name = 'declineBooking';
              args = { buildingId: 'b1', bookingId: picked(step.pick, ['requested', 'waitlisted', 'confirmed']), reason: null };
              ctx = context({ staffRole: 'manager' });
              break;
            case 'approve':
              name = 'approveBooking';
              args = { bookingId: picked(step.pick, ['requested', 'confirmed']) };
              ctx = context({ staffRole: 'manager' });
              break;
            case 'rules': {
              const current = store.rows('amenities').find((amenity) => amenity.id === step.amenity);
              if (!current) throw new Error('amenity vanished');
              // The manager cancels every conflict; a second run with no decision must then pass.
              const changed = withRules(current, step.capacity, step.buffer);
              const ids = store.rows('bookings').map((booking) => booking.id);
              name = 'upsertAmenity';
              args = { buildingId: 'b1', amenity: changed, conflictDecision: { cancel: ids, keep: [] } };
              ctx = context({ staffRole: 'manager' });
              break;
            }
          }
          try {
            await store.transaction((tx) => runMutation(tx, name, args, ctx));
            count(`${name} applied`);
          } catch (error) {
            if (!isRejection(error)) throw error;
            count(`${name} ${error.code}`);
          }
          const problems = violations(store);
          if (problems.length > 0) throw new Error(`after ${name} ${JSON.stringify(args)}: ${problems.join('; ')}`);
        }
        for (const booking of store.rows('bookings')) if (booking.offeredFromWaitlistAt) count('promoted from the waitlist');
      }),
      { numRuns: 100 },
    );
    // The runs must have exercised what the property is about, not only refusals.
    for (const what of ['requestBooking applied', 'requestBooking bookingCapacityFull', 'requestBooking bookingQuotaReached', 'requestBooking bookingNonexistentTime', 'cancelBooking applied', 'upsertAmenity applied', 'promoted from the waitlist']) {
      expect(seen.get(what) ?? 0, what).toBeGreaterThan(0);
    }
  });
});
