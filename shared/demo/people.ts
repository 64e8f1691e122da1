// Units, residents and staff of a fixture building.

import { createPinVerifier } from '../auth/pin';
import type { AuthorizedPickup, Language, MeasurementSystem, Resident, Staff, StaffRole, Unit } from '../domain/model';
import { foldForSearch } from '../domain/text';
import { sequentialId } from './ids';
import { NAME_POOLS, ORIGIN_WEIGHTS, PICKUP_RELATIONSHIPS, type NameOrigin } from './names';
import type { SizeProfile } from './profiles';
import { weightedPicker, type Random } from './random';

const MAX_RESIDENTS_PER_UNIT = 6;
const EMAIL_SHARE = 0.3;
const PICKUP_SHARE = 0.1;
const PHONE_SHARE = 0.4;

/** Labels are floor number + two-digit position: 101 … 2540. */
export function generateUnits(profile: SizeProfile): Unit[] {
  const units: Unit[] = [];
  for (let floor = 1; floor <= profile.floors; floor++) {
    for (let position = 1; position <= profile.unitsPerFloor; position++) {
      units.push({
        id: sequentialId('u', units.length + 1, 4),
        label: `${floor}${String(position).padStart(2, '0')}`,
        floor,
      });
    }
  }
  return units;
}

const originPicker = weightedPicker(ORIGIN_WEIGHTS);

function pickOrigin(random: Random): NameOrigin {
  return originPicker.pick(random);
}

function firstName(random: Random, origin: NameOrigin): string {
  return random.pick(NAME_POOLS[origin].first);
}

function lastName(random: Random, origin: NameOrigin): string {
  return random.pick(NAME_POOLS[origin].last);
}

/** A full name drawn from any origin, for authorized pickup persons and staff. */
export function randomFullName(random: Random): string {
  const origin = pickOrigin(random);
  return `${firstName(random, origin)} ${lastName(random, origin)}`;
}

function languageFor(random: Random, origin: NameOrigin): Language {
  // Mostly English, leaning Spanish or French when the family name suggests it.
  if (origin === 'spanish') return random.chance(0.65) ? 'es' : 'en';
  if (origin === 'french') return random.chance(0.65) ? 'fr' : 'en';
  return random.weighted<Language>([['en', 88], ['es', 8], ['fr', 4]]);
}

function measurementFor(random: Random, language: Language): MeasurementSystem {
  return random.chance(language === 'en' ? 0.3 : 0.75) ? 'metric' : 'imperial';
}

/** "José Núñez" -> "jose.nunez": e-mail local parts stay ASCII, as most providers require. */
function emailLocalPart(first: string, last: string): string {
  const slug = (text: string): string =>
    foldForSearch(text)
      .replace(/ı/g, 'i')
      .replace(/ð/g, 'd')
      .replace(/þ/g, 'th')
      .replace(/[^a-z0-9]+/g, '');
  return `${slug(first)}.${slug(last)}`;
}

// Reserved documentation domains (RFC 2606) and fictional 555-01xx numbers: fixture contact data
// can never reach a real person, even if a test server is pointed at a real mail relay.
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];
const AREA_CODES = ['212', '646', '917', '718', '347', '929', '514', '416'];

/** How many residents live in each unit: one each, then the rest spread at random (at most 6). */
function householdSizes(random: Random, units: number, residents: number): number[] {
  const sizes = Array<number>(units).fill(residents >= units ? 1 : 0);
  let remaining = residents - sizes.reduce((sum, size) => sum + size, 0);
  if (remaining > units * (MAX_RESIDENTS_PER_UNIT - 1)) throw new RangeError('too many residents for the units');
  while (remaining > 0) {
    const unit = random.int(0, units - 1);
    if ((sizes[unit] ?? 0) < MAX_RESIDENTS_PER_UNIT) {
      sizes[unit] = (sizes[unit] ?? 0) + 1;
      remaining--;
    }
  }
  return sizes;
}

export function generateResidents(random: Random, units: readonly Unit[], count: number): Resident[] {
  const sizes = householdSizes(random, units.length, count);
  const residents: Resident[] = [];
  units.forEach((unit, unitIndex) => {
    const householdOrigin = pickOrigin(random);
    const familyName = lastName(random, householdOrigin);
    const occupancy = random.chance(0.45) ? 'owner' : 'tenant';
    const takenFirstNames = new Set<string>();
    for (let member = 0; member < (sizes[unitIndex] ?? 0); member++) {
      // Most members share the family name; partners and flatmates bring their own.
      const sharesName = member === 0 || random.chance(0.65);
      const origin = sharesName ? householdOrigin : pickOrigin(random);
      const language = languageFor(random, origin);
      // Two "Zofia Żak" in one flat would make the desk's resident picker ambiguous.
      let given = firstName(random, origin);
      for (let attempt = 0; attempt < 8 && takenFirstNames.has(given); attempt++) given = firstName(random, attempt < 4 ? origin : pickOrigin(random));
      takenFirstNames.add(given);
      residents.push({
        id: sequentialId('r', residents.length + 1, 5),
        unitId: unit.id,
        firstName: given,
        lastName: sharesName ? familyName : lastName(random, origin),
        email: null,
        phone: random.chance(PHONE_SHARE) ? `+1 ${random.pick(AREA_CODES)}-555-01${String(random.int(0, 99)).padStart(2, '0')}` : null,
        language,
        measurement: measurementFor(random, language),
        occupancy,
        authorizedPickups: [],
      });
    }
  });

  // Exact shares (not coin flips), so benchmark counts are the same for every seed.
  const usedEmails = new Set<string>();
  for (const resident of random.sample(residents, Math.round(residents.length * EMAIL_SHARE))) {
    const base = emailLocalPart(resident.firstName, resident.lastName);
    const domain = random.pick(EMAIL_DOMAINS);
    let email = `${base}@${domain}`;
    for (let suffix = 2; usedEmails.has(email); suffix++) email = `${base}${suffix}@${domain}`;
    usedEmails.add(email);
    resident.email = email;
  }
  let pickupOrdinal = 0;
  for (const resident of random.sample(residents, Math.round(residents.length * PICKUP_SHARE))) {
    const pickups: AuthorizedPickup[] = [];
    const howMany = random.chance(0.75) ? 1 : 2;
    for (let i = 0; i < howMany; i++) {
      pickups.push({ id: sequentialId('ap', ++pickupOrdinal, 5), name: randomFullName(random), relationship: random.pick(PICKUP_RELATIONSHIPS) });
    }
    resident.authorizedPickups = pickups;
  }
  return residents;
}

export interface StaffSeed {
  readonly displayName: string;
  readonly role: StaffRole;
  readonly language: Language;
  readonly measurement: MeasurementSystem;
  readonly pin: string;
}

/**
 * The demo's staff, with PINs anyone may type: the demo is a sales and training tool, not a place
 * for secrets. Their ids are s-01 … s-04 in this order.
 */
export const DEMO_STAFF: readonly StaffSeed[] = [
  { displayName: 'Ana García', role: 'doorperson', language: 'es', measurement: 'metric', pin: '1111' },
  { displayName: 'Ben Carter', role: 'doorperson', language: 'en', measurement: 'imperial', pin: '2222' },
  { displayName: 'Chloé Lefèvre', role: 'manager', language: 'fr', measurement: 'metric', pin: '3333' },
  { displayName: 'Dana Whitfield', role: 'admin', language: 'en', measurement: 'imperial', pin: '4444' },
];

function randomStaffSeeds(random: Random, roles: readonly StaffRole[]): StaffSeed[] {
  const pins = new Set<string>();
  return roles.map((role) => {
    const origin = pickOrigin(random);
    const language = languageFor(random, origin);
    let pin: string;
    // Distinct PINs, so a test that signs in by PIN alone can never match two people.
    do pin = String(random.int(0, 9999)).padStart(4, '0');
    while (pins.has(pin));
    pins.add(pin);
    return { displayName: `${firstName(random, origin)} ${lastName(random, origin)}`, role, language, measurement: measurementFor(random, language), pin };
  });
}

export interface GeneratedStaff {
  staff: Staff[];
  staffPins: Record<string, string>;
}

export async function generateStaff(random: Random, profile: SizeProfile, useDemoStaff: boolean, pinIterations: number): Promise<GeneratedStaff> {
  const seeds = useDemoStaff ? DEMO_STAFF : randomStaffSeeds(random, profile.staffRoles);
  const firstInactive = seeds.length - profile.inactiveStaff;
  // Salts come from the seeded stream (not crypto randomness) so verifiers are deterministic too.
  const salts = seeds.map(() => Uint8Array.from({ length: 16 }, () => random.int(0, 255)));
  const verifiers = await Promise.all(seeds.map((seed, index) => createPinVerifier(seed.pin, pinIterations, salts[index])));
  const staffPins: Record<string, string> = {};
  const staff = seeds.map((seed, index): Staff => {
    const id = sequentialId('s', index + 1, 2);
    staffPins[id] = seed.pin;
    const pin = verifiers[index];
    if (!pin) throw new Error('missing PIN verifier');
    return { id, displayName: seed.displayName, role: seed.role, language: seed.language, measurement: seed.measurement, active: index < firstInactive, pin };
  });
  return { staff, staffPins };
}
