// Amenity availability on the standard building: a month of slots for all 20 amenities over a
// year of bookings (BENCHMARKS.md), as the bookings screen asks for it, plus the pieces it is made of.
//   npx tsx bench/bookings/availability.bench.ts [--json] [--size large|small|demo] [--seed 1] [--runs 10]
// Measures (p50/p95 over --runs):
//   - index: the holding bookings indexed by amenity and unit (once per data change on the desk);
//   - month × amenities: availabilityForMonth for every amenity over that index;
//   - month × amenities (from rows): the same, building the index from the rows first;
//   - day × amenities: availabilityForDay for every amenity, one day;
//   - evaluateBooking ×1000: a thousand requests for a resident checked one by one;
//   - nearestAlternatives ×20: alternatives for twenty refused requests.
// Fails (exit 1) only when the answers are wrong: a slot's free room differs from a brute-force
// count over all bookings, a slot's reasons differ from evaluateBooking's, a month's summary from
// its days, or no slot is free or taken at all.

import { availabilityForDay, availabilityForMonth, type SlotAvailability } from '../../shared/bookings/availability';
import { nearestAlternatives } from '../../shared/bookings/alternatives';
import { indexBookings } from '../../shared/bookings/bookingIndex';
import { evaluateBooking } from '../../shared/bookings/evaluate';
import { generateBuilding } from '../../shared/demo/fixture';
import { HOLDING_STATUSES, type Amenity, type Booking } from '../../shared/domain/bookings';
import { daysOfMonth, localDateOfDay } from '../../shared/time/civil';
import { parseBenchArgs } from '../lib/args';
import { countOf, measureOf, printReport, type Measure } from '../lib/report';
import { timeRuns } from '../lib/timing';

// The fixture bench's end of history; the month measured is the next full one, busy with bookings.
const NOW = new Date('2025-06-01T16:00:00Z');
const MONTH = '2025-07';
const DAY = '2025-07-12';

const args = parseBenchArgs(process.argv.slice(2), { runs: 10 });
const context = { bench: 'bookings', fixture: args.size, seed: args.seed };
const fixture = await generateBuilding({ size: args.size, seed: args.seed, now: NOW });
const timeZone = fixture.building.timeZone;
const { amenities, bookings } = fixture;
// A resident of a unit that has booked nothing: quotas cannot refuse, so availability and a
// request must agree slot by slot. An owner, so that owners-only amenities take them too.
const newcomer = { unitId: 'bench-unit', occupancy: 'owner' as const };

const index = await timeRuns(args.runs, () => indexBookings(bookings, timeZone));
const month = await timeRuns(args.runs, () => amenities.map((amenity) => availabilityForMonth(amenity, timeZone, index.result, MONTH, NOW)));
const monthFromRows = await timeRuns(args.runs, () => {
  const fresh = indexBookings(bookings, timeZone);
  return amenities.map((amenity) => availabilityForMonth(amenity, timeZone, fresh, MONTH, NOW));
});
const day = await timeRuns(args.runs, () => amenities.map((amenity) => availabilityForDay(amenity, timeZone, index.result, DAY, NOW)));

// Requests: every slot of DAY for every amenity, cycled to a thousand, for a resident of the building.
const dayRequests = day.result.flatMap((availability, amenityIndex) => availability.slots.map((slot) => ({ amenityIndex, slot })));
const resident = fixture.residents.find((candidate) => candidate.occupancy === 'owner') ?? fixture.residents[0];
if (!resident || dayRequests.length === 0) throw new Error('the fixture has no owner resident or no slot on the measured day');
const unitLabel = fixture.units.find((unit) => unit.id === resident.unitId)?.label ?? resident.unitId;
const evaluations = await timeRuns(args.runs, () => {
  let allowed = 0;
  for (let i = 0; i < 1000; i++) {
    const { amenityIndex, slot } = dayRequests[i % dayRequests.length] ?? expectDefined();
    const amenity = amenities[amenityIndex] ?? expectDefined();
    const request = { start: slot.start, end: slot.end, partySize: 1 };
    if (evaluateBooking({ amenity, timeZone, bookings: index.result, request, now: NOW, resident, unitLabel }).allowed) allowed++;
  }
  return allowed;
});
const refused = dayRequests.filter(({ slot }) => !slot.available && slot.reasons.every((reason) => reason.code === 'bookingCapacityFull' || reason.code === 'bookingBufferConflict')).slice(0, 20);
const alternatives = await timeRuns(args.runs, () =>
  refused.map(({ amenityIndex, slot }) =>
    nearestAlternatives({ amenity: amenities[amenityIndex] ?? expectDefined(), timeZone, bookings: index.result, request: { start: slot.start, end: slot.end, partySize: 1 }, now: NOW, resident: newcomer, unitLabel: 'bench' }),
  ),
);

function expectDefined(): never {
  throw new Error('index out of range');
}

// ---- Is the work right? -------------------------------------------------------------------------
const problems: string[] = [];
const holding = new Set<string>(HOLDING_STATUSES);
const byAmenity = new Map<string, Booking[]>();
for (const booking of bookings) if (holding.has(booking.status)) byAmenity.set(booking.amenityId, [...(byAmenity.get(booking.amenityId) ?? []), booking]);

/** Free room over a slot by scanning every booking of the amenity (no index), cleaning gaps included. */
function bruteForceFree(amenity: Amenity, slot: SlotAvailability): number {
  const rules = amenity.rules[0];
  const gapMs = rules ? Math.max(rules.bufferBeforeMinutes, rules.bufferAfterMinutes) * 60_000 : 0;
  const from = Date.parse(slot.start);
  const to = Date.parse(slot.end) + gapMs;
  const edges: [number, number][] = [];
  for (const booking of byAmenity.get(amenity.id) ?? []) {
    const start = Math.max(Date.parse(booking.start), from);
    const end = Math.min(Date.parse(booking.end) + gapMs, to);
    if (start < end) edges.push([start, booking.partySize], [end, -booking.partySize]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let load = 0;
  let peak = 0;
  for (const [, delta] of edges) peak = Math.max(peak, (load += delta));
  return Math.max(0, amenity.capacity - peak);
}

const { first, count } = daysOfMonth(MONTH);
let slotsInMonth = 0;
let freeInMonth = 0;
month.result.forEach((summary, amenityIndex) => {
  const amenity = amenities[amenityIndex] ?? expectDefined();
  if (summary.days.length !== count) problems.push(`${amenity.id}: ${summary.days.length} days in ${MONTH}`);
  for (const [dayIndex, daySummary] of summary.days.entries()) {
    slotsInMonth += daySummary.totalSlots;
    freeInMonth += daySummary.freeSlots;
    if (daySummary.freeSlots > daySummary.totalSlots) problems.push(`${amenity.id} ${daySummary.date}: more free slots than slots`);
    if (dayIndex % 5 !== 0) continue;
    // Every fifth day: the day's slots against a brute-force count and against evaluateBooking.
    const date = localDateOfDay(first + dayIndex);
    const detail = availabilityForDay(amenity, timeZone, index.result, date, NOW);
    if (detail.slots.length !== daySummary.totalSlots || detail.slots.filter((slot) => slot.available).length !== daySummary.freeSlots) {
      problems.push(`${amenity.id} ${date}: month summary differs from the day`);
    }
    for (const slot of detail.slots) {
      const free = bruteForceFree(amenity, slot);
      if (free !== slot.free) problems.push(`${amenity.id} ${slot.start}: free ${slot.free}, brute force ${free}`);
      const evaluation = evaluateBooking({ amenity, timeZone, bookings: index.result, request: { start: slot.start, end: slot.end, partySize: 1 }, now: NOW, resident: newcomer, unitLabel: 'bench' });
      if (JSON.stringify(evaluation.reasons) !== JSON.stringify(slot.reasons)) problems.push(`${amenity.id} ${slot.start}: availability and evaluateBooking disagree`);
    }
  }
});
if (freeInMonth === 0 || freeInMonth === slotsInMonth) problems.push(`${freeInMonth} of ${slotsInMonth} slots free: the month measured is not a real mix`);
const bookingsInMonth = bookings.filter((booking) => holding.has(booking.status) && booking.start.slice(0, 7) === MONTH).length;
for (const [i, found] of alternatives.result.entries()) {
  for (const slot of found) {
    const entry = refused[i] ?? expectDefined();
    const amenity = amenities[entry.amenityIndex] ?? expectDefined();
    if (!evaluateBooking({ amenity, timeZone, bookings: index.result, request: { ...slot, partySize: 1 }, now: NOW, resident: newcomer, unitLabel: 'bench' }).allowed) problems.push(`${amenity.id}: alternative ${slot.start} is not bookable`);
  }
}

const measures: Measure[] = [
  measureOf({ ...context, measure: 'index (all bookings)', unit: 'ms' }, index.samples),
  measureOf({ ...context, measure: `month × ${amenities.length} amenities`, unit: 'ms' }, month.samples),
  measureOf({ ...context, measure: `month × ${amenities.length} amenities (from rows)`, unit: 'ms' }, monthFromRows.samples),
  measureOf({ ...context, measure: `day × ${amenities.length} amenities`, unit: 'ms' }, day.samples),
  measureOf({ ...context, measure: 'evaluateBooking ×1000', unit: 'ms' }, evaluations.samples),
  measureOf({ ...context, measure: `nearestAlternatives ×${refused.length}`, unit: 'ms' }, alternatives.samples),
  countOf({ ...context, measure: 'amenities' }, amenities.length),
  countOf({ ...context, measure: 'bookings' }, bookings.length),
  countOf({ ...context, measure: `holding bookings starting in ${MONTH} (UTC)` }, bookingsInMonth),
  countOf({ ...context, measure: `slots in ${MONTH}`, unit: 'slots' }, slotsInMonth),
  countOf({ ...context, measure: `free slots in ${MONTH}`, unit: 'slots' }, freeInMonth),
  countOf({ ...context, measure: 'requests allowed of 1000', unit: 'requests' }, evaluations.result),
];
printReport(measures, { json: args.json, chromium: args.chromium });

if (problems.length > 0) {
  process.stderr.write(`availability is wrong:\n  ${problems.slice(0, 50).join('\n  ')}\n`);
  process.exitCode = 1;
}
