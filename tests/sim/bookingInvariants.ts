import { HOLDING_STATUSES, type Amenity, type AmenityRules, type Booking, type BookingStatus, type Quota } from '../../shared/domain/bookings';
import { ruleSetForDate } from '../../shared/bookings/calendar';
import type { CommittedRecord, SimDesk } from './desk';

// The bookings invariants (README.md), checked after quiescence. The capacity and quota rules are
// re-stated here from the amenity's definition (shared/domain/bookings.ts), NOT by calling the
// rules engine: a bug in the engine must not be able to hide itself.
//
//  B1. capacity: for every amenity and instant, the party sizes of the holding bookings
//      (requested, confirmed, checked in) sum to at most the capacity; with the cleaning gap,
//      each booking occupying [start, end + max(before, after)), too;
//  B2. quotas: per unit, amenity and quota period (local calendar, weeks from Monday), the
//      holding bookings number at most the quota;
//  B1 and B2 hold on the server's final rows, on every desk's final rows, and on every state the
//      server went through: its booking events, replayed in version order one mutation at a time,
//      rebuild the status of every booking after each mutation;
//  B3. a booking's final status is the one its last event recorded;
//  B4. each requestBooking has one outcome: applied ⇒ its booking row, made by that mutation;
//      rejected ⇒ no booking made by it, and the desk that made it shows the rejection row with
//      the server's code.

export interface BookingFacts {
  timeZone: string;
  amenities: ReadonlyMap<string, Amenity>;
  /** The server's live booking rows. */
  bookings: readonly Booking[];
  /** The server's booking events (any `booking.*` type), each with its row version. */
  events: ReadonlyArray<{ version: number; row: Record<string, unknown> }>;
  /** requestBooking mutations from the server's log. */
  requests: ReadonlyArray<{ id: string; status: string; code: string | null; record: CommittedRecord | undefined }>;
}

type Report = (kind: string, detail: string) => void;

/** The part of a booking the rules count. */
interface Holding {
  id: string;
  amenityId: string;
  unitId: string;
  start: string;
  end: string;
  partySize: number;
  status: BookingStatus;
}

export async function checkBookingInvariants(facts: BookingFacts, desks: readonly SimDesk[], report: Report): Promise<void> {
  const rules = new RuleBook(facts.timeZone, facts.amenities);

  // B1, B2 on the server's final rows.
  for (const problem of rules.violations(facts.bookings)) report(`OVERBOOKED on the server (final state): ${problem.kind}`, problem.detail);

  // B1, B2 on every state the server went through; B3.
  const byMutation: Array<{ mutationId: string; version: number; rows: Holding[] }> = [];
  for (const { version, row } of [...facts.events].sort((a, b) => a.version - b.version)) {
    const holding = holdingOfEvent(row);
    if (!holding) continue;
    const last = byMutation[byMutation.length - 1];
    const mutationId = String(row.mutationId);
    if (last && last.mutationId === mutationId) last.rows.push(holding);
    else byMutation.push({ mutationId, version, rows: [holding] });
  }
  const state = new Map<string, Holding>();
  const reported = new Set<string>();
  for (const { mutationId, version, rows } of byMutation) {
    for (const holding of rows) state.set(holding.id, holding);
    const touched = new Set(rows.map((holding) => holding.amenityId));
    const current = [...state.values()].filter((holding) => touched.has(holding.amenityId));
    for (const problem of rules.violations(current)) {
      if (reported.has(problem.key)) continue;
      reported.add(problem.key);
      report(`OVERBOOKED on the server (history): ${problem.kind}`, `after mutation ${mutationId} (version ${version}): ${problem.detail}`);
    }
  }
  for (const booking of facts.bookings) {
    const last = state.get(booking.id);
    if (!last) report('a booking has no event', booking.id);
    else if (last.status !== booking.status) report("a booking's status disagrees with its last event", `${booking.id}: row ${booking.status}, event ${last.status}`);
  }

  // B4.
  const bookingsById = new Map(facts.bookings.map((booking) => [booking.id, booking]));
  for (const request of facts.requests) {
    const bookingId = bookingIdOf(request.record);
    if (!request.record || bookingId === undefined) continue; // a phantom: reported by invariant 1
    const made = bookingsById.get(bookingId);
    if (request.status === 'applied') {
      if (made?.mutationId !== request.id) report('an applied requestBooking left no booking of its own', `${request.id}: booking ${bookingId} ${made ? `made by ${made.mutationId}` : 'missing'}`);
      continue;
    }
    if (made?.mutationId === request.id) report('a rejected requestBooking left its booking', `${request.id}: ${bookingId} ${made.status}`);
    const desk = desks.find((candidate) => candidate.deskId === request.record?.deskId);
    const db = desk?.db;
    if (!desk || !db) continue; // a desk not running at the end: reported by invariant 5
    const shown = await db.rejections.get(request.id);
    if (!shown) report('a rejected booking is not shown as a rejection on the desk that made it', `${desk.label} ${request.id} (${String(request.code)})`);
    else if (shown.code !== request.code) report('the desk shows another rejection code than the server', `${desk.label} ${request.id}: ${shown.code} vs ${String(request.code)}`);
    const local = await db.bookings.get(bookingId);
    if (local?.mutationId === request.id) report('a desk still shows a booking the server rejected', `${desk.label} ${bookingId} ${local.status}`);
  }

  // B1, B2 on every desk's final rows.
  for (const desk of desks) {
    if (!desk.db) continue;
    const local = await desk.db.bookings.toArray();
    for (const problem of rules.violations(local)) report(`OVERBOOKED on a desk (final state): ${problem.kind}`, `${desk.label}: ${problem.detail}`);
  }
}

function bookingIdOf(record: CommittedRecord | undefined): string | undefined {
  const args = record?.args;
  if (args === null || typeof args !== 'object' || !('bookingId' in args)) return undefined;
  return typeof args.bookingId === 'string' ? args.bookingId : undefined;
}

/** A booking event's facts: every booking.* event carries the booking's state after it. */
function holdingOfEvent(row: Record<string, unknown>): Holding | null {
  if (typeof row.type !== 'string' || !row.type.startsWith('booking.')) return null;
  const data = row.data as Record<string, unknown> | undefined;
  if (!data) return null;
  return {
    id: String(data.bookingId),
    amenityId: String(data.amenityId),
    unitId: String(row.unitId),
    start: String(data.start),
    end: String(data.end),
    partySize: Number(data.partySize),
    status: data.status as BookingStatus,
  };
}

interface Violation {
  kind: 'capacity' | 'capacity with cleaning gap' | 'quota';
  /** The same breach found again in a later state is reported once. */
  key: string;
  detail: string;
}

const MS_PER_MINUTE = 60_000;

/** The capacity and quota rules of the amenities, re-stated independently of the engine. */
class RuleBook {
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(
    private readonly timeZone: string,
    private readonly amenities: ReadonlyMap<string, Amenity>,
  ) {
    this.dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  violations(rows: readonly Holding[]): Violation[] {
    const byAmenity = new Map<string, Holding[]>();
    for (const row of rows) {
      if (!HOLDING_STATUSES.includes(row.status)) continue;
      byAmenity.set(row.amenityId, [...(byAmenity.get(row.amenityId) ?? []), row]);
    }
    const found: Violation[] = [];
    for (const [amenityId, holding] of byAmenity) {
      const amenity = this.amenities.get(amenityId);
      if (!amenity) {
        found.push({ kind: 'capacity', key: `unknown ${amenityId}`, detail: `bookings of an unknown amenity ${amenityId}` });
        continue;
      }
      const gapMinutes = Math.max(0, ...amenity.rules.map((rules) => Math.max(rules.bufferBeforeMinutes, rules.bufferAfterMinutes)));
      const plain = peak(holding, 0);
      if (plain.load > amenity.capacity) {
        found.push({ kind: 'capacity', key: `cap ${amenityId} ${plain.ids.join(',')}`, detail: `${amenityId} (capacity ${amenity.capacity}) holds ${plain.load} at ${new Date(plain.at).toISOString()}: ${plain.ids.join(', ')}` });
      } else if (gapMinutes > 0) {
        const gapped = peak(holding, gapMinutes * MS_PER_MINUTE);
        if (gapped.load > amenity.capacity) {
          found.push({ kind: 'capacity with cleaning gap', key: `gap ${amenityId} ${gapped.ids.join(',')}`, detail: `${amenityId} (capacity ${amenity.capacity}, gap ${gapMinutes} min) holds ${gapped.load} at ${new Date(gapped.at).toISOString()}: ${gapped.ids.join(', ')}` });
        }
      }
      found.push(...this.quotaViolations(amenity, holding));
    }
    return found;
  }

  private quotaViolations(amenity: Amenity, holding: readonly Holding[]): Violation[] {
    const counts = new Map<string, { quota: Quota; ids: string[] }>();
    for (const booking of holding) {
      const date = this.localDate(booking.start);
      for (const quota of this.rulesOn(amenity, date)?.quotas ?? []) {
        const key = `${booking.unitId} ${quota.period} ${periodOf(quota.period, date)}`;
        const entry = counts.get(key) ?? { quota, ids: [] };
        entry.ids.push(booking.id);
        counts.set(key, entry);
      }
    }
    const found: Violation[] = [];
    for (const [key, { quota, ids }] of counts) {
      if (ids.length > quota.max) found.push({ kind: 'quota', key: `quota ${amenity.id} ${key} ${ids.join(',')}`, detail: `${amenity.id}: unit ${key} has ${ids.length} > ${quota.max}: ${ids.join(', ')}` });
    }
    return found;
  }

  private localDate(instant: string): string {
    return this.dateFormat.format(new Date(instant));
  }

  /** The season in effect on a local date, chosen as the engine chooses it (the latest-starting one that covers it). */
  private rulesOn(amenity: Amenity, date: string): AmenityRules | undefined {
    return ruleSetForDate(amenity, date);
  }
}

/** The period a local date falls in: itself, the Monday starting its week, or its month. */
function periodOf(period: Quota['period'], date: string): string {
  if (period === 'day') return date;
  if (period === 'month') return date.slice(0, 7);
  const ms = Date.parse(`${date}T00:00:00Z`);
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** The largest sum of party sizes at one instant, each booking occupying [start, end + extend); back to back is no overlap. */
function peak(bookings: readonly Holding[], extendMs: number): { load: number; at: number; ids: string[] } {
  const edges: Array<{ at: number; delta: number; id: string }> = [];
  for (const booking of bookings) {
    edges.push({ at: Date.parse(booking.start), delta: booking.partySize, id: booking.id });
    edges.push({ at: Date.parse(booking.end) + extendMs, delta: -booking.partySize, id: booking.id });
  }
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const open = new Set<string>();
  let load = 0;
  let best = { load: 0, at: 0, ids: [] as string[] };
  for (const edge of edges) {
    load += edge.delta;
    if (edge.delta > 0) open.add(edge.id);
    else open.delete(edge.id);
    if (load > best.load) best = { load, at: edge.at, ids: [...open].sort() };
  }
  return best;
}
