// PROVISIONAL types for amenity bookings and resident messaging, so the standard fixture can hold
// the volumes BENCHMARKS.md asks for (20 amenities, 20,000 bookings, 8,000 threads, 30,000
// messages). The bookings issue and the messaging issue will define the real schemas in
// shared/domain; when they land, the fixture switches to them and this file is deleted.
// Keep these minimal: nothing outside shared/demo and bench/ should import them.

import { z } from 'zod';
import { Id, IsoInstant, Language } from '../domain/model';
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

export const MessageThread = z.object({
  id: Id,
  unitId: Id,
  residentId: Id,
  subject: lineText(120),
  language: Language,
  status: z.enum(['open', 'closed']),
  createdAt: IsoInstant,
  lastMessageAt: IsoInstant,
});
export type MessageThread = z.infer<typeof MessageThread>;

export const Message = z.object({
  id: Id,
  threadId: Id,
  /** outbound: the desk wrote to the resident; inbound: the resident replied. */
  direction: z.enum(['outbound', 'inbound']),
  staffId: Id.nullable(),
  body: noteText(4000).pipe(z.string().min(1)),
  sentAt: IsoInstant,
});
export type Message = z.infer<typeof Message>;
