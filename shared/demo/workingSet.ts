// What a desk keeps locally after initial sync, per ARCHITECTURE.md ("working set, not the whole
// history"), applied to a generated fixture: the rule of shared/sync/workingSet.ts for packages,
// events and bookings (the building, all units and residents, waiting packages, packages released,
// events and bookings ended in the last WORKING_SET_DAYS, every booking still to come), active
// staff, all amenities, and threads active in the window with their messages.

import type { Amenity, Booking } from '../domain/bookings';
import type { Building, DomainEvent, Package, Resident, Staff, Unit } from '../domain/model';
import { collectPackageEvents } from './events';
import type { BuildingFixture } from './fixture';
import type { Message, MessageThread } from '../domain/messaging';
import { historySince, inWorkingSet } from '../sync/workingSet';

export interface WorkingSet {
  building: Building;
  units: Unit[];
  residents: Resident[];
  staff: Staff[];
  packages: Package[];
  events: DomainEvent[];
  amenities: Amenity[];
  bookings: Booking[];
  threads: MessageThread[];
  messages: Message[];
  /** Rows per table, and their sum. */
  counts: Record<'buildings' | 'units' | 'residents' | 'staff' | 'packages' | 'events' | 'amenities' | 'bookings' | 'threads' | 'messages', number>;
  rowCount: number;
}

export function workingSet(fixture: BuildingFixture, now: Date): WorkingSet {
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
    amenities: fixture.amenities,
    bookings: fixture.bookings.filter((booking) => inWorkingSet('bookings', booking, sinceIso)),
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
    amenities: set.amenities.length,
    bookings: set.bookings.length,
    threads: set.threads.length,
    messages: set.messages.length,
  };
  return { ...set, counts, rowCount: Object.values(counts).reduce((sum, count) => sum + count, 0) };
}
