import type { PinVerifier, Resident, Staff, Unit } from '../../shared/domain/model';
import type { Amenity, Booking } from '../../shared/domain/bookings';
import type { BuildingSeed } from '../sync/seed';

// A tiny hand-written building for engine tests: every id is prefixed by the building id, so
// several buildings live side by side in one test database.

const pin: PinVerifier = { algorithm: 'PBKDF2-SHA-256', iterations: 10_000, salt: 'c2FsdHNhbHRzYWx0c2FsdA', hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g' };

export function tinyBuilding(buildingId: string): BuildingSeed {
  const id = (local: string) => `${buildingId}-${local}`;
  const units: Unit[] = [
    { id: id('u1'), label: '12B', floor: 12 },
    { id: id('u2'), label: '3A', floor: 3 },
  ];
  const resident = (local: string, unitId: string, firstName: string): Resident => ({
    id: id(local), unitId, firstName, lastName: 'Núñez', email: null, phone: null, language: 'es',
    measurement: 'metric', occupancy: 'owner', authorizedPickups: [],
  });
  const staff = (local: string, role: Staff['role'], active: boolean): Staff => ({
    id: id(local), displayName: `Staff ${local}`, role, language: 'en', measurement: 'metric', active, pin,
  });
  return {
    building: { id: buildingId, name: `Building ${buildingId}`, timeZone: 'America/New_York', defaultLanguage: 'en' },
    units,
    residents: [resident('r1', id('u1'), 'José'), resident('r2', id('u2'), 'Ana'), resident('r3', id('u1'), 'Luis')],
    staff: [staff('s1', 'doorperson', true), staff('s2', 'manager', true), staff('s3', 'doorperson', false)],
  };
}

/** Arguments of receivePackage for the tiny building (recipient r1 unless told otherwise). */
export function receiveArgs(buildingId: string, packageId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    packageId,
    shortCode: shortCodeFor(packageId),
    trackingNumber: null,
    carrier: 'ups',
    trackingFormat: null,
    kind: 'parcel',
    residentId: `${buildingId}-r1`,
    size: null,
    location: 'A1',
    flags: [],
    note: null,
    ...extra,
  };
}

export function releaseArgs(buildingId: string, packageId: string): Record<string, unknown> {
  return { packageId, to: { kind: 'resident', residentId: `${buildingId}-r1` }, signature: null };
}

/** A distinct, valid shelf code per package id (shelf codes must be unique among waiting packages). */
export function shortCodeFor(packageId: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let hash = 2166136261;
  for (const character of packageId) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += alphabet[hash % 32];
    hash = Math.floor(hash / 32) + Math.imul(i + 7, 2654435761) >>> 0;
  }
  return code;
}

/** A party room open every evening 18:00–23:00 in two fixed slots, one booking at a time. */
export function partyRoom(buildingId: string): Amenity {
  const evenings = [{ open: '18:00', close: '23:00' }];
  return {
    id: `${buildingId}-party`,
    name: { en: 'Party room', es: 'Salón de fiestas' },
    description: {},
    capacity: 1,
    active: true,
    currency: 'USD',
    rules: [
      {
        id: `${buildingId}-party-r1`,
        effectiveFrom: null,
        effectiveUntil: null,
        openingHours: Array.from({ length: 7 }, () => evenings),
        slotting: { kind: 'fixed', slots: [{ start: '18:00', end: '20:30' }, { start: '20:30', end: '23:00' }] },
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        minNoticeMinutes: 60,
        maxDaysAhead: 90,
        quotas: [{ period: 'month', max: 1 }],
        minDaysBetween: null,
        approval: 'automatic',
        feeCents: 5000,
        depositCents: 20000,
        cancellationCutoffHours: 48,
        eligibility: 'both',
      },
    ],
    blackouts: [],
  };
}

/** A confirmed booking of the party room by r1 of u1 (times are UTC instants). */
export function partyBooking(buildingId: string, id: string, start: string, end: string): Booking {
  return {
    id, amenityId: `${buildingId}-party`, unitId: `${buildingId}-u1`, residentId: `${buildingId}-r1`, start, end, partySize: 1,
    status: 'confirmed', note: null, requestedAt: '2026-03-01T12:00:00.000Z', requestedBy: `${buildingId}-s1`, requestedDeskId: 'desk-seed',
    mutationId: `${id}-m`, feeCents: 5000, depositCents: 20000, decision: null, cancellation: null, checkIn: null, offeredFromWaitlistAt: null,
  };
}

/** Arguments of sendMessage starting a thread with r1 of the tiny building (or appending, with newThread: null). */
export function messageArgs(buildingId: string, messageId: string, threadId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageId,
    threadId,
    newThread: { to: { kind: 'resident', residentId: `${buildingId}-r1` }, subject: 'Your parcel' },
    body: 'Hello {{residentName}}, a parcel is waiting for you.',
    templateId: null,
    ...extra,
  };
}

/** Arguments of upsertTemplate (a manager's mutation: push it as s2). */
export function templateArgs(templateId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    templateId,
    name: 'Water shut-off',
    purpose: 'custom',
    subject: { en: 'Water shut-off', es: 'Corte de agua' },
    body: { en: 'Hello {{residentName}}, water is off on Tuesday.', es: 'Hola {{residentName}}, el martes no habrá agua.' },
    ...extra,
  };
}
