// Checks a fixture against the domain schemas and its own referential rules. Tests run it on every
// row of the small and demo fixtures; the benchmark runs it on a sample of the large one, because
// a benchmark must fail when the data it measures is wrong, never because of a time.

import type { z } from 'zod';
import { BookingIndex } from '../bookings/bookingIndex';
import { SlotChecker } from '../bookings/evaluate';
import { Amenity, Booking, HOLDING_STATUSES } from '../domain/bookings';
import { Building, DomainEvent, Package, Resident, ShortCode, Staff, Unit } from '../domain/model';
import { zoneClock } from '../time/zone';
import type { BuildingFixture } from './fixture';
import { fixtureEvents } from './fixture';
import { Message, MessageThread } from '../domain/messaging';

export interface ValidateOptions {
  /** Parse every n-th row with its schema (1 = all rows). Integrity checks always see every row. */
  sampleEvery?: number;
  /** Stop collecting after this many problems. Default 50. */
  maxProblems?: number;
}

export function validateFixture(fixture: BuildingFixture, options: ValidateOptions = {}): string[] {
  const sampleEvery = Math.max(1, Math.floor(options.sampleEvery ?? 1));
  const maxProblems = options.maxProblems ?? 50;
  const problems: string[] = [];
  const report = (problem: string): void => {
    if (problems.length < maxProblems) problems.push(problem);
  };
  const parseRows = <T extends { id: string }>(table: string, schema: z.ZodType, rows: Iterable<T>): void => {
    let index = 0;
    for (const row of rows) {
      if (index++ % sampleEvery !== 0) continue;
      const result = schema.safeParse(row);
      if (!result.success) report(`${table} ${row.id}: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    }
  };
  const uniqueIds = (table: string, ids: Iterable<string>): Set<string> => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) report(`${table}: duplicate id ${id}`);
      seen.add(id);
    }
    return seen;
  };

  const building = Building.safeParse(fixture.building);
  if (!building.success) report(`building: ${building.error.message}`);
  parseRows('units', Unit, fixture.units);
  parseRows('residents', Resident, fixture.residents);
  parseRows('staff', Staff, fixture.staff);
  parseRows('packages', Package, fixture.packages);
  parseRows('events', DomainEvent, fixtureEvents(fixture));
  parseRows('amenities', Amenity, fixture.amenities);
  parseRows('bookings', Booking, fixture.bookings);
  parseRows('threads', MessageThread, fixture.threads);
  parseRows('messages', Message, fixture.messages);

  const unitIds = uniqueIds('units', fixture.units.map((unit) => unit.id));
  uniqueIds('unit labels', fixture.units.map((unit) => unit.label));
  const residentsById = new Map(fixture.residents.map((resident) => [resident.id, resident]));
  uniqueIds('residents', fixture.residents.map((resident) => resident.id));
  uniqueIds('authorized pickups', fixture.residents.flatMap((resident) => resident.authorizedPickups.map((pickup) => pickup.id)));
  const staffIds = uniqueIds('staff', fixture.staff.map((member) => member.id));
  uniqueIds('packages', fixture.packages.map((pkg) => pkg.id));
  uniqueIds('short codes', fixture.packages.map((pkg) => pkg.shortCode));
  uniqueIds('events', (function* () {
    for (const event of fixtureEvents(fixture)) yield event.id;
  })());
  const amenityIds = uniqueIds('amenities', fixture.amenities.map((amenity) => amenity.id));
  uniqueIds('bookings', fixture.bookings.map((booking) => booking.id));
  const threadIds = uniqueIds('threads', fixture.threads.map((thread) => thread.id));
  uniqueIds('messages', fixture.messages.map((message) => message.id));
  const deskIds = new Set(fixture.deskIds);

  for (const resident of fixture.residents) if (!unitIds.has(resident.unitId)) report(`resident ${resident.id}: unknown unit`);
  for (const id of Object.keys(fixture.staffPins)) if (!staffIds.has(id)) report(`staffPins: unknown staff ${id}`);
  for (const member of fixture.staff) if (fixture.staffPins[member.id] === undefined) report(`staff ${member.id}: no PIN`);

  for (const pkg of fixture.packages) {
    const resident = residentsById.get(pkg.residentId);
    if (!resident || resident.unitId !== pkg.unitId) report(`package ${pkg.id}: resident not in unit`);
    if (!ShortCode.safeParse(pkg.shortCode).success) report(`package ${pkg.id}: bad short code`);
    if (!staffIds.has(pkg.receivedBy) || !deskIds.has(pkg.receivedDeskId)) report(`package ${pkg.id}: unknown receiver or desk`);
    if (pkg.receivedAt > fixture.now) report(`package ${pkg.id}: received in the future`);
    const release = pkg.release;
    if ((pkg.status === 'released') !== (release !== null)) report(`package ${pkg.id}: status ${pkg.status} with release ${release ? 'set' : 'missing'}`);
    if (!release) continue;
    if (release.at < pkg.receivedAt || release.at > fixture.now) report(`package ${pkg.id}: released outside [received, now]`);
    if (!staffIds.has(release.by) || !deskIds.has(release.deskId)) report(`package ${pkg.id}: unknown releaser or desk`);
    if (release.to.kind === 'resident') {
      if (residentsById.get(release.to.residentId)?.unitId !== pkg.unitId) report(`package ${pkg.id}: released to someone outside the unit`);
    } else {
      const proxyName = release.to.name;
      if (release.to.onBehalfOf !== pkg.residentId || !resident?.authorizedPickups.some((pickup) => pickup.name === proxyName)) report(`package ${pkg.id}: proxy is not authorized`);
    }
  }

  const unitLabels = new Map(fixture.units.map((unit) => [unit.id, unit.label]));
  for (const booking of fixture.bookings) {
    if (!amenityIds.has(booking.amenityId)) report(`booking ${booking.id}: unknown amenity`);
    if (residentsById.get(booking.residentId)?.unitId !== booking.unitId) report(`booking ${booking.id}: resident not in unit`);
    if (booking.end <= booking.start) report(`booking ${booking.id}: ends before it starts`);
    if (booking.requestedAt > fixture.now || booking.requestedAt > booking.start) report(`booking ${booking.id}: requested after now or after its start`);
    if (!staffIds.has(booking.requestedBy) || !deskIds.has(booking.requestedDeskId)) report(`booking ${booking.id}: unknown requester or desk`);
    for (const act of [booking.decision, booking.cancellation, booking.checkIn]) {
      if (act && (!staffIds.has(act.by) || act.at < booking.requestedAt || act.at > fixture.now)) report(`booking ${booking.id}: staff act outside [requested, now] or by unknown staff`);
    }
    if ((booking.status === 'checkedIn') !== (booking.checkIn !== null)) report(`booking ${booking.id}: status ${booking.status} with check-in ${booking.checkIn ? 'set' : 'missing'}`);
    if ((booking.status === 'cancelled') !== (booking.cancellation !== null)) report(`booking ${booking.id}: status ${booking.status} with cancellation ${booking.cancellation ? 'set' : 'missing'}`);
    if (booking.status === 'declined' && booking.decision === null) report(`booking ${booking.id}: declined without a decision`);
    if ((booking.status === 'checkedIn' || booking.status === 'noShow') && booking.start > fixture.now) report(`booking ${booking.id}: ${booking.status} before it started`);
  }

  // The server's rule: holding bookings of one amenity never overlap beyond its capacity.
  const holding: ReadonlySet<string> = new Set(HOLDING_STATUSES);
  for (const amenity of fixture.amenities) {
    const edges: [string, number][] = [];
    for (const booking of fixture.bookings) {
      if (booking.amenityId !== amenity.id || !holding.has(booking.status)) continue;
      edges.push([booking.start, booking.partySize], [booking.end, -booking.partySize]);
    }
    // At equal instants an end sorts before a start: back-to-back bookings do not overlap.
    edges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    let concurrent = 0;
    for (const [at, delta] of edges) {
      concurrent += delta;
      if (concurrent > amenity.capacity) {
        report(`amenity ${amenity.id}: ${concurrent} booked at ${at}, capacity ${amenity.capacity}`);
        break;
      }
    }
  }

  // And every other rule of the engine (hours, slots, cleaning gaps, blackouts, quotas, eligibility),
  // for every sampled holding booking against all the others. Rules about when a request is made
  // (notice, days ahead) held when each was made and are not re-checked against today.
  const clock = zoneClock(fixture.building.timeZone);
  const index = BookingIndex.build(fixture.bookings, fixture.building.timeZone);
  const checkers = new Map(fixture.amenities.map((amenity) => [amenity.id, new SlotChecker(amenity, clock, index)]));
  let sampled = 0;
  for (const booking of fixture.bookings) {
    const checker = checkers.get(booking.amenityId);
    if (!checker || !holding.has(booking.status) || sampled++ % sampleEvery !== 0) continue;
    const { reasons } = checker.check(Date.parse(booking.start), Date.parse(booking.end), booking.partySize, {
      party: { unitId: booking.unitId, unitLabel: unitLabels.get(booking.unitId) ?? booking.unitId, occupancy: residentsById.get(booking.residentId)?.occupancy ?? null },
      ignoreBookingId: booking.id,
      requestTime: false,
      nowMs: Date.parse(fixture.now),
    });
    if (reasons.length > 0) report(`booking ${booking.id}: the rules refuse it (${reasons.map((reason) => reason.code).join(', ')})`);
  }

  const threadsById = new Map(fixture.threads.map((thread) => [thread.id, thread]));
  for (const thread of fixture.threads) {
    if (residentsById.get(thread.residentId ?? '')?.unitId !== thread.unitId) report(`thread ${thread.id}: resident not in unit`);
    if (thread.lastMessageAt < thread.createdAt || thread.lastMessageAt > fixture.now) report(`thread ${thread.id}: bad last message time`);
  }
  for (const message of fixture.messages) {
    const thread = threadsById.get(message.threadId);
    if (!thread || !threadIds.has(message.threadId)) report(`message ${message.id}: unknown thread`);
    else if (message.sentAt < thread.createdAt || message.sentAt > thread.lastMessageAt) report(`message ${message.id}: outside its thread's time span`);
    if ((message.direction === 'outbound') !== (message.staffId !== null && staffIds.has(message.staffId))) report(`message ${message.id}: author does not match direction`);
    if ((message.direction === 'inbound') !== (message.residentId !== null && residentsById.get(message.residentId)?.unitId === thread?.unitId)) report(`message ${message.id}: inbound author is not the thread's resident`);
  }
  return problems;
}
