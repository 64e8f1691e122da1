// PROVISIONAL types for resident messaging, so the standard fixture can hold the volumes
// BENCHMARKS.md asks for (8,000 threads, 30,000 messages). The messaging issue will define the
// real schemas in shared/domain; when they land, the fixture switches to them and this file is
// deleted. (Amenities and bookings have their real schemas in shared/domain/bookings.ts.)
// Keep these minimal: nothing outside shared/demo and bench/ should import them.

import { z } from 'zod';
import { Id, IsoInstant, Language } from '../domain/model';
import { lineText, noteText } from '../domain/text';

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
