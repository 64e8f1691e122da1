// What a desk keeps locally after initial sync, per ARCHITECTURE.md ("working set, not the whole
// history"), applied to a generated fixture: the rule of shared/sync/workingSet.ts for packages
// and events (the building, all units and residents, waiting packages, packages released and
// events of the last WORKING_SET_DAYS), active staff, and for the tables not synced yet
// (provisional), bookings from the start of today on and threads active in the window.

import type { Building, DomainEvent, Package, Resident, Staff, Unit } from '../domain/model';
import { collectPackageEvents } from './events';
import type { BuildingFixture } from './fixture';
import type { Booking } from './provisional';
import type { Message, MessageThread } from '../domain/messaging';
import { historySince, inWorkingSet } from '../sync/workingSet';
import { createZoneCalendar } from './zone';


export interface WorkingSet {
  building: Building;
  units: Unit[];
  residents: Resident[];
  staff: Staff[];
  packages: Package[];
  events: DomainEvent[];
  bookings: Booking[];
  threads: MessageThread[];
  messages: Message[];
  /** Rows per table, and their sum. */
  counts: Record<'buildings' | 'units' | 'residents' | 'staff' | 'packages' | 'events' | 'bookings' | 'threads' | 'messages', number>;
  rowCount: number;
}

export function workingSet(fixture: BuildingFixture, now: Date): WorkingSet {
  const nowMs = now.getTime();
  const calendar = createZoneCalendar(fixture.building.timeZone);
  const startOfTodayIso = new Date(calendar.instantOf(calendar.dayOf(nowMs), 0)).toISOString();

  const sinceIso = historySince(now);
  const packages = fixture.packages.filter((pkg) => inWorkingSet('packages', pkg, sinceIso));
  // Only packages touched in the window can have events in it, which keeps the lazy path cheap.
  const touched = fixture.packages.filter((pkg) => pkg.receivedAt >= sinceIso || (pkg.release !== null && pkg.release.at >= sinceIso));
  const events = fixture.events ? fixture.events.filter((event) => event.at >= sinceIso) : collectPackageEvents(touched, sinceIso);
  const threads = fixture.threads.filter((thread) => thread.lastMessageAt >= sinceIso);
  const threadIds = new Set(threads.map((thread) => thread.id));

  const set = {
    building: fixture.building,
    units: fixture.units,
    residents: fixture.residents,
    staff: fixture.staff.filter((member) => member.active),
    packages,
    events,
    bookings: fixture.bookings.filter((booking) => booking.endsAt >= startOfTodayIso),
    threads,
    messages: fixture.messages.filter((message) => threadIds.has(message.threadId)),
  };
  const counts: WorkingSet['counts'] = {
    buildings: 1,
    units: set.units.length,
    residents: set.residents.length,
    staff: set.staff.length,
    packages: set.packages.length,
    events: set.events.length,
    bookings: set.bookings.length,
    threads: set.threads.length,
    messages: set.messages.length,
  };
  return { ...set, counts, rowCount: Object.values(counts).reduce((sum, count) => sum + count, 0) };
}
