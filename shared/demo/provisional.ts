// PROVISIONAL types for amenity bookings, so the standard fixture can hold the volumes
// BENCHMARKS.md asks for (20 amenities, 20,000 bookings). The bookings issue defines the real
// schemas in shared/domain; when the fixture switches to them this file is deleted. (Messaging
// already uses its real schemas, shared/domain/messaging.ts.)
// Keep these minimal: nothing outside shared/demo and bench/ should import them.

import { z } from 'zod';
import { Id, IsoInstant } from '../domain/model';
import { lineText, noteText } from '../domain/text';

const MinuteOfDay = z.number().int().min(0).max(1440);

export const Amenity = z.object({
  id: Id,
  name: lineText(80),
  /** How many bookings may overlap (1 for a party room, more for a gym). */
  capacity: z.number().int().min(1).max(500),
  slotMinutes: z.number().int().min(15).max(1440),
  /** Opening hours as minutes after local midnight, in the building's time zone. */
  opensAt: MinuteOfDay,
  closesAt: MinuteOfDay,
  maxSlotsPerBooking: z.number().int().min(1).max(96),
  active: z.boolean(),
});
export type Amenity = z.infer<typeof Amenity>;

export const BookingStatus = z.enum(['confirmed', 'cancelled']);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const Booking = z.object({
  id: Id,
  amenityId: Id,
  unitId: Id,
  residentId: Id,
  startsAt: IsoInstant,
  endsAt: IsoInstant,
  status: BookingStatus,
  createdAt: IsoInstant,
  createdBy: Id,
  note: noteText(500).nullable(),
});
export type Booking = z.infer<typeof Booking>;
