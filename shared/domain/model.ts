import { z } from 'zod';
import { lineText, noteText } from './text';
import type { Amenity, Booking } from './bookings';
import type { Message, MessageTemplate, MessageThread } from './messaging';

export const LANGUAGES = ['en', 'es', 'fr'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const MeasurementSystem = z.enum(['metric', 'imperial']);
export type MeasurementSystem = z.infer<typeof MeasurementSystem>;

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const IsoInstant = z.iso.datetime({ offset: false });

export const Building = z.object({
  id: Id,
  name: lineText(120),
  timeZone: z.string().min(1).max(64),
  defaultLanguage: Language,
});
export type Building = z.infer<typeof Building>;

export const Unit = z.object({
  id: Id,
  label: lineText(16),
  floor: z.number().int().min(-10).max(300),
});
export type Unit = z.infer<typeof Unit>;

export const AuthorizedPickup = z.object({
  id: Id,
  name: lineText(120),
  relationship: lineText(60).nullable(),
});
export type AuthorizedPickup = z.infer<typeof AuthorizedPickup>;

export const Resident = z.object({
  id: Id,
  unitId: Id,
  firstName: lineText(80),
  lastName: lineText(80),
  email: z.email().max(254).nullable(),
  phone: lineText(32).nullable(),
  language: Language,
  measurement: MeasurementSystem,
  occupancy: z.enum(['owner', 'tenant']),
  authorizedPickups: z.array(AuthorizedPickup).max(20),
  // Messaging (issue 5). Optional so rows written before them still parse; absent means false/null.
  /** The resident asked for no e-mail from the building. */
  emailOptOut: z.boolean().optional(),
  /** The mail server refused this address permanently; cleared when the address changes. */
  emailBounce: z.object({ at: IsoInstant, smtpCode: z.number().int().min(200).max(599).nullable() }).nullable().optional(),
  /** Uncollected-package reminders pause through this date (building's zone, YYYY-MM-DD). */
  vacationHoldUntil: z.iso.date().nullable().optional(),
});
export type Resident = z.infer<typeof Resident>;

export const ROLES = ['doorperson', 'manager', 'admin'] as const;
export const StaffRole = z.enum(ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

/** A salted, slow PIN verifier (PBKDF2-SHA-256). Only the verifier is stored, never the PIN. */
export const PinVerifier = z.object({
  algorithm: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().min(10_000).max(10_000_000),
  salt: z.string().min(16).max(128),
  hash: z.string().min(32).max(256),
});
export type PinVerifier = z.infer<typeof PinVerifier>;

export const Staff = z.object({
  id: Id,
  displayName: lineText(80),
  role: StaffRole,
  language: Language,
  measurement: MeasurementSystem,
  active: z.boolean(),
  pin: PinVerifier,
});
export type Staff = z.infer<typeof Staff>;

export const PACKAGE_FLAGS = ['perishable', 'refrigerate', 'fragile', 'signatureRequired', 'highValue'] as const;
export const PackageFlag = z.enum(PACKAGE_FLAGS);
export type PackageFlag = z.infer<typeof PackageFlag>;

export const PACKAGE_KINDS = ['parcel', 'envelope', 'flowers', 'food', 'other'] as const;
export const PackageKind = z.enum(PACKAGE_KINDS);
export type PackageKind = z.infer<typeof PackageKind>;

export const PACKAGE_SIZES = ['small', 'medium', 'large', 'oversized'] as const;
export const PackageSize = z.enum(PACKAGE_SIZES);
export type PackageSize = z.infer<typeof PackageSize>;

export const PackageStatus = z.enum(['waiting', 'released', 'returned']);
export type PackageStatus = z.infer<typeof PackageStatus>;

export const ReleaseRecipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resident'), residentId: Id }),
  z.object({ kind: z.literal('proxy'), name: lineText(120), onBehalfOf: Id }),
]);
export type ReleaseRecipient = z.infer<typeof ReleaseRecipient>;

/** An on-screen signature kept as SVG path data, so it stays small and scales on any report. */
export const SignatureSvgPath = z
  .string()
  .min(1)
  .max(60_000)
  .regex(/^[MLQCZmlqcz0-9.,\s-]+$/, { message: 'signature.invalid' });

export const PackageRelease = z.object({
  at: IsoInstant,
  by: Id,
  deskId: Id,
  mutationId: Id,
  to: ReleaseRecipient,
  recipientName: lineText(120),
  signature: SignatureSvgPath.nullable(),
});
export type PackageRelease = z.infer<typeof PackageRelease>;

export const ShortCode = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{6}$/);

export const Package = z.object({
  id: Id,
  /** Printed on the shelf label as a barcode; scanning it at release finds the package. */
  shortCode: ShortCode,
  trackingNumber: z.string().max(64).nullable(),
  carrier: z.string().max(40),
  trackingFormat: z.string().max(80).nullable(),
  kind: PackageKind,
  unitId: Id,
  residentId: Id,
  status: PackageStatus,
  size: PackageSize.nullable(),
  location: z.string().max(40).nullable(),
  flags: z.array(PackageFlag),
  note: noteText(500).nullable(),
  receivedAt: IsoInstant,
  receivedBy: Id,
  receivedDeskId: Id,
  release: PackageRelease.nullable(),
});
export type Package = z.infer<typeof Package>;

export const EVENT_TYPES = [
  'package.received',
  'package.released',
  'package.releaseUndone',
  'staff.signedIn',
  'staff.signedOut',
  'staff.preferencesChanged',
  'staff.added',
  'staff.pinReset',
  'staff.disabled',
  'staff.enabled',
  'unit.created',
  'unit.updated',
  'resident.created',
  'resident.updated',
  'resident.movedOut',
  'resident.erased',
  'booking.requested',
  'booking.confirmed',
  'booking.waitlisted',
  'booking.approved',
  'booking.declined',
  'booking.cancelled',
  'booking.checkedIn',
  'booking.noShow',
  'booking.offeredFromWaitlist',
  'amenity.updated',
  'resident.messagingChanged',
  'message.sent',
  'message.broadcast',
  'template.saved',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** What happened, for whom, by whom, on which desk. Data holds ids and codes, not personal text. */
export const DomainEvent = z.object({
  id: Id,
  type: EventType,
  at: IsoInstant,
  staffId: Id,
  deskId: Id,
  mutationId: Id,
  packageId: Id.nullable(),
  unitId: Id.nullable(),
  residentId: Id.nullable(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type DomainEvent = z.infer<typeof DomainEvent>;

/** The tables every side (desk and server) agrees on. */
export interface TableRows {
  buildings: Building;
  units: Unit;
  residents: Resident;
  staff: Staff;
  packages: Package;
  events: DomainEvent;
  amenities: Amenity;
  bookings: Booking;
  threads: MessageThread;
  messages: Message;
  templates: MessageTemplate;
}
export type TableName = keyof TableRows;
