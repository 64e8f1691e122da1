import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPin } from '../auth/pin';
import { generateBuilding, fixtureEvents, workingSet, DEMO_STAFF, type BuildingFixture } from './fixture';
import { NAME_POOLS } from './names';
import { generateUnits } from './people';
import { SIZE_PROFILES } from './profiles';
import { validateFixture } from './validate';

// Tests use a fixed `now`: with the same seed and the same `now` a fixture is deep-equal.
// The large fixture takes several seconds on the shared VM, so its counts and a schema sample are
// checked by bench/fixture.bench.ts instead (it exits non-zero when they are wrong).
const NOW = new Date('2025-06-01T16:00:00Z');
const DAY_MS = 86_400_000;
const daysBefore = (days: number): string => new Date(NOW.getTime() - days * DAY_MS).toISOString();

let small: BuildingFixture;
let demo: BuildingFixture;

beforeAll(async () => {
  small = await generateBuilding({ size: 'small', seed: 1, now: NOW, includeEvents: true });
  // Demo PIN verifiers are slow on purpose; most tests do not need that.
  demo = await generateBuilding({ size: 'demo', seed: 1, now: NOW, pinIterations: 10_000 });
});

describe('generateBuilding determinism', () => {
  it('gives deep-equal output for the same seed and now, and different output for another seed', async () => {
    const again = await generateBuilding({ size: 'small', seed: 1, now: NOW, includeEvents: true });
    expect(again).toEqual(small);
    const other = await generateBuilding({ size: 'small', seed: 2, now: NOW });
    expect(other.residents).not.toEqual(small.residents);
    expect(other.packages.map((pkg) => pkg.shortCode)).not.toEqual(small.packages.map((pkg) => pkg.shortCode));
    expect(other.staffPins).not.toEqual(small.staffPins);
    // Same shape, though: counts do not depend on the seed.
    expect(other.packages).toHaveLength(small.packages.length);
  });
});

describe('small fixture', () => {
  it('has the documented counts', () => {
    expect(small.units).toHaveLength(50);
    expect(small.residents).toHaveLength(125);
    expect(small.staff).toHaveLength(4);
    expect(small.amenities).toHaveLength(3);
    expect(small.packages).toHaveLength(1_000);
    expect(small.bookings).toHaveLength(1_000);
    expect(small.threads).toHaveLength(400);
    expect(small.messages).toHaveLength(1_500);
    expect(small.deskIds).toEqual(['desk-lobby']);
  });

  it('labels units by floor and two-digit position, and the large building has 1,000 of them up to 2540', () => {
    expect(small.units.map((unit) => unit.label).slice(0, 3)).toEqual(['101', '102', '103']);
    expect(small.units.at(-1)).toMatchObject({ label: '510', floor: 5 });
    const large = generateUnits(SIZE_PROFILES.large);
    expect(large).toHaveLength(1_000);
    expect(new Set(large.map((unit) => unit.floor)).size).toBe(25);
    expect(large.at(-1)).toMatchObject({ id: 'u-1000', label: '2540', floor: 25 });
  });

  it('parses every row with its zod schema and references only rows that exist', () => {
    expect(validateFixture(small)).toEqual([]);
  });

  it('has unique ids in every table and unique short codes', () => {
    const unique = (values: string[]): boolean => new Set(values).size === values.length;
    expect(unique(small.packages.map((pkg) => pkg.id))).toBe(true);
    expect(unique(small.packages.map((pkg) => pkg.shortCode))).toBe(true);
    expect(unique(small.residents.map((resident) => resident.id))).toBe(true);
    expect(unique(small.bookings.map((booking) => booking.id))).toBe(true);
    expect(unique(small.messages.map((message) => message.id))).toBe(true);
    expect(unique([...fixtureEvents(small)].map((event) => event.id))).toBe(true);
    expect(small.packages[0]?.id).toBe('p-000001');
  });

  it('keeps about 30 packages waiting, received in the last two weeks (a rare one longer), and a few returned', () => {
    const waiting = small.packages.filter((pkg) => pkg.status === 'waiting');
    expect(waiting.length).toBeGreaterThanOrEqual(25);
    expect(waiting.length).toBeLessThanOrEqual(35);
    expect(waiting.every((pkg) => pkg.receivedAt >= daysBefore(45) && pkg.receivedAt <= NOW.toISOString())).toBe(true);
    expect(waiting.filter((pkg) => pkg.receivedAt >= daysBefore(14)).length).toBeGreaterThanOrEqual(waiting.length * 0.9);
    const returned = small.packages.filter((pkg) => pkg.status === 'returned');
    expect(returned.length).toBeGreaterThan(0);
    expect(returned.every((pkg) => pkg.release === null && pkg.note !== null)).toBe(true);
    // The rest left with a release record, spread over three years of history.
    const released = small.packages.filter((pkg) => pkg.status === 'released');
    expect(released.length + waiting.length + returned.length).toBe(1_000);
    expect(small.packages[0]?.receivedAt.localeCompare(daysBefore(3 * 365 - 60))).toBe(-1);
  });

  it('varies carriers, kinds, sizes, flags and locations, with tracking numbers for courier parcels', () => {
    const carriers = new Set(small.packages.map((pkg) => pkg.carrier));
    for (const carrier of ['amazon', 'ups', 'usps', 'fedex']) expect(carriers).toContain(carrier);
    expect(new Set(small.packages.map((pkg) => pkg.kind))).toEqual(new Set(['parcel', 'envelope', 'food', 'flowers', 'other']));
    expect(new Set(small.packages.flatMap((pkg) => pkg.flags)).size).toBe(5);
    expect(new Set(small.packages.map((pkg) => pkg.size))).toContain(null);
    expect(new Set(small.packages.map((pkg) => pkg.location))).toContain('Fridge');
    const parcels = small.packages.filter((pkg) => pkg.kind === 'parcel');
    expect(parcels.filter((pkg) => pkg.trackingNumber !== null).length / parcels.length).toBeGreaterThan(0.9);
    expect(small.packages.filter((pkg) => pkg.kind === 'food').every((pkg) => pkg.trackingNumber === null && pkg.flags.includes('perishable'))).toBe(true);
    expect(small.packages.every((pkg) => (pkg.trackingNumber === null) === (pkg.trackingFormat === null))).toBe(true);
  });

  it('records releases to residents, to other household members and to authorized proxies, some signed', () => {
    const releases = small.packages.flatMap((pkg) => (pkg.release ? [{ pkg, release: pkg.release }] : []));
    expect(releases.some(({ release }) => release.to.kind === 'proxy')).toBe(true);
    expect(releases.some(({ pkg, release }) => release.to.kind === 'resident' && release.to.residentId !== pkg.residentId)).toBe(true);
    expect(releases.filter(({ pkg }) => pkg.flags.includes('signatureRequired')).every(({ release }) => release.signature !== null)).toBe(true);
    expect(releases.every(({ pkg, release }) => release.mutationId === `m-${pkg.id}-rel` && release.recipientName.length > 0)).toBe(true);
  });

  it('gives exactly 30% of residents an e-mail and 10% an authorized pickup, in several languages and unit systems', () => {
    const withEmail = small.residents.filter((resident) => resident.email !== null);
    expect(withEmail).toHaveLength(Math.round(125 * 0.3));
    expect(new Set(withEmail.map((resident) => resident.email)).size).toBe(withEmail.length);
    expect(withEmail.every((resident) => /@example\.(com|org|net)$/.test(resident.email ?? ''))).toBe(true);
    expect(small.residents.filter((resident) => resident.authorizedPickups.length > 0)).toHaveLength(Math.round(125 * 0.1));
    const languages = small.residents.map((resident) => resident.language);
    expect(languages.filter((language) => language === 'en').length).toBeGreaterThan(125 / 2);
    expect(new Set(languages)).toEqual(new Set(['en', 'es', 'fr']));
    expect(new Set(small.residents.map((resident) => resident.measurement))).toEqual(new Set(['imperial', 'metric']));
    expect(new Set(small.residents.map((resident) => resident.occupancy))).toEqual(new Set(['owner', 'tenant']));
  });

  it('uses names with accents and letters beyond Latin-1', () => {
    const names = small.residents.map((resident) => `${resident.firstName} ${resident.lastName}`);
    const accented = names.filter((name) => /[^\u0000-\u007f]/.test(name));
    expect(accented.length).toBeGreaterThan(names.length / 5);
    const everyName = [...small.residents, ...demo.residents].map((resident) => `${resident.firstName} ${resident.lastName}`).join(' ');
    expect(everyName).toMatch(/[\u0100-\uffff]/); // Ł, ş, ı, ễ … not just é
  });

  it('materializes the same events it produces lazily: one received per package, one released per release', () => {
    const lazy = [...fixtureEvents({ ...small, events: null })];
    expect(small.events).not.toBeNull();
    expect(small.events).toHaveLength(lazy.length);
    expect(new Set(small.events?.map((event) => event.id))).toEqual(new Set(lazy.map((event) => event.id)));
    const released = small.packages.filter((pkg) => pkg.release !== null).length;
    expect(lazy.filter((event) => event.type === 'package.received')).toHaveLength(1_000);
    expect(lazy.filter((event) => event.type === 'package.released')).toHaveLength(released);
    const events = small.events ?? [];
    expect(events.every((event, index) => index === 0 || (events[index - 1]?.at ?? '') <= event.at)).toBe(true);
    const first = small.packages.find((pkg) => pkg.release !== null);
    expect(events.find((event) => event.id === `e-${first?.id}-rel`)?.mutationId).toBe(first?.release?.mutationId);
    // Event data carries codes only, never names, notes or tracking numbers.
    const personal = new Set<unknown>([
      ...small.packages.flatMap((pkg) => [pkg.trackingNumber, pkg.note, pkg.release?.recipientName]),
      ...small.residents.flatMap((resident) => [resident.firstName, resident.lastName, resident.email]),
    ]);
    personal.delete(null);
    personal.delete(undefined);
    expect(events.flatMap((event) => Object.values(event.data)).filter((value) => personal.has(value))).toEqual([]);
  });

  it('books amenities by their rules (the engine accepts every holding booking), from three years back to a year ahead', () => {
    // validateFixture (above) runs the rules engine on every holding booking; here, the shape.
    const [party, gym, rooftop] = small.amenities;
    expect(party?.rules[0]).toMatchObject({ slotting: { kind: 'free', minMinutes: 60, stepMinutes: 60 }, bufferAfterMinutes: 60, quotas: [{ period: 'month', max: 1 }], approval: 'required' });
    expect(gym).toMatchObject({ capacity: 12, rules: [{ openingHours: expect.arrayContaining([[{ open: '05:00', close: '23:00' }]]) }] });
    expect(rooftop?.rules[0]?.slotting).toMatchObject({ kind: 'fixed', slots: expect.arrayContaining([{ start: '10:00', end: '12:00' }]) });
    expect(rooftop?.blackouts).toHaveLength(1);
    expect(small.bookings.filter((booking) => booking.amenityId === party?.id).every((booking) => booking.feeCents === 5000 && booking.depositCents === 20000)).toBe(true);
    const future = small.bookings.filter((booking) => booking.start > NOW.toISOString());
    expect(future.length).toBeGreaterThan(small.bookings.length * 0.15);
    expect(future.at(-1)?.start.localeCompare(new Date(NOW.getTime() + 300 * DAY_MS).toISOString())).toBe(1);
    const statuses = new Set(small.bookings.map((booking) => booking.status));
    for (const status of ['confirmed', 'requested', 'cancelled', 'declined', 'checkedIn', 'noShow']) expect(statuses).toContain(status);
    expect(future.every((booking) => booking.status !== 'checkedIn' && booking.status !== 'noShow')).toBe(true);
    expect(new Set(small.bookings.map((booking) => booking.requestedDeskId))).toEqual(new Set(small.deskIds));
  });

  it('would catch a booking the rules refuse: a double booking, or one outside opening hours', () => {
    const taken = small.bookings.find((booking) => booking.status === 'confirmed' && booking.amenityId === small.amenities[0]?.id);
    if (!taken) throw new Error('no confirmed party room booking');
    const other = small.residents.find((resident) => resident.unitId !== taken.unitId);
    const twin = { ...taken, id: 'bk-twin', unitId: other?.unitId ?? '', residentId: other?.id ?? '' };
    const problems = validateFixture({ ...small, bookings: [...small.bookings, twin] });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/capacity 1/), expect.stringMatching(/bk-twin: the rules refuse it \(.*bookingCapacityFull/)]));
    const lateNight = { ...taken, start: taken.start.replace(/T\d\d/, 'T07'), end: taken.start.replace(/T\d\d/, 'T08') };
    expect(validateFixture({ ...small, bookings: small.bookings.map((booking) => (booking.id === taken.id ? lateNight : booking)) }).join('\n')).toMatch(/bookingOutsideHours/);
  });

  it('signs staff in with the returned PINs, and keeps only verifiers in the staff rows', async () => {
    expect(Object.keys(small.staffPins).sort()).toEqual(small.staff.map((member) => member.id).sort());
    expect(small.staff.map((member) => member.role).sort()).toEqual(['admin', 'doorperson', 'doorperson', 'manager']);
    for (const member of small.staff) {
      const pin = small.staffPins[member.id] ?? '';
      expect(pin).toMatch(/^\d{4}$/);
      expect(member.pin.iterations).toBe(10_000);
      expect(JSON.stringify(member)).not.toContain(`"${pin}"`);
      expect(await verifyPin(pin, member.pin)).toBe(true);
    }
  });
});

describe('demo fixture', () => {
  it('is Edificio Alameda in New York with 60 units, ~140 residents, ~25 waiting and ~200 recent releases', () => {
    expect(demo.building).toMatchObject({ name: 'Edificio Alameda', timeZone: 'America/New_York' });
    expect(demo.units).toHaveLength(60);
    expect(new Set(demo.units.map((unit) => unit.floor)).size).toBe(6);
    expect(demo.residents).toHaveLength(140);
    expect(demo.packages.filter((pkg) => pkg.status === 'waiting')).toHaveLength(25);
    const recentReleases = demo.packages.filter((pkg) => pkg.release !== null && pkg.release.at >= daysBefore(60));
    expect(recentReleases.length).toBeGreaterThanOrEqual(180);
    expect(recentReleases.length).toBeLessThanOrEqual(220);
    expect(validateFixture(demo)).toEqual([]);
  });

  it('has the documented staff and PINs, with production-strength verifiers by default', async () => {
    const fixture = await generateBuilding({ size: 'demo', now: NOW });
    expect(fixture.staff.map((member) => [member.id, member.displayName, member.role])).toEqual([
      ['s-01', 'Ana García', 'doorperson'],
      ['s-02', 'Ben Carter', 'doorperson'],
      ['s-03', 'Chloé Lefèvre', 'manager'],
      ['s-04', 'Dana Whitfield', 'admin'],
    ]);
    expect(fixture.staffPins).toEqual({ 's-01': '1111', 's-02': '2222', 's-03': '3333', 's-04': '4444' });
    expect(DEMO_STAFF.map((member) => member.pin)).toEqual(['1111', '2222', '3333', '4444']);
    expect(fixture.staff.every((member) => member.pin.iterations === 210_000)).toBe(true);
    const ana = fixture.staff[0];
    if (!ana) throw new Error('no staff');
    expect(await verifyPin('1111', ana.pin)).toBe(true);
    expect(await verifyPin('2222', ana.pin)).toBe(false);
  });

  it('takes the time zone as an option and rejects bad options', async () => {
    const madrid = await generateBuilding({ size: 'demo', now: NOW, timeZone: 'Europe/Madrid', pinIterations: 10_000 });
    expect(madrid.building.timeZone).toBe('Europe/Madrid');
    expect(madrid.bookings[0]?.start).not.toBe(demo.bookings[0]?.start);
    await expect(generateBuilding({ size: 'demo', now: NOW, timeZone: 'Nowhere/Land' })).rejects.toThrow(RangeError);
    await expect(generateBuilding({ size: 'demo', now: new Date(Number.NaN) })).rejects.toThrow(RangeError);
    await expect(generateBuilding({ size: 'huge' as 'large', now: NOW })).rejects.toThrow(RangeError);
    await expect(generateBuilding({ size: 'demo', now: NOW, seed: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe('workingSet', () => {
  it('keeps units, residents, active staff, waiting and recently released packages, and recent events', () => {
    const set = workingSet(small, NOW);
    expect(set.units).toHaveLength(50);
    expect(set.residents).toHaveLength(125);
    expect(set.staff.every((member) => member.active)).toBe(true);
    const since = daysBefore(30);
    const expectedPackages = small.packages.filter((pkg) => pkg.status === 'waiting' || (pkg.release?.at ?? '') >= since);
    expect(set.packages.map((pkg) => pkg.id)).toEqual(expectedPackages.map((pkg) => pkg.id));
    expect(set.events.every((event) => event.at >= since)).toBe(true);
    expect(set.events).toHaveLength((small.events ?? []).filter((event) => event.at >= since).length);
    expect(set.bookings.map((booking) => booking.id)).toEqual(small.bookings.filter((booking) => booking.end >= since).map((booking) => booking.id));
    expect(set.amenities).toEqual(small.amenities);
    expect(set.messages.every((message) => set.threads.some((thread) => thread.id === message.threadId))).toBe(true);
    const arrays = [set.units, set.residents, set.staff, set.packages, set.events, set.amenities, set.bookings, set.threads, set.messages];
    expect(set.rowCount).toBe(1 + arrays.reduce((sum, rows) => sum + rows.length, 0));
    // The lazy path (no materialized events) finds the same events.
    expect(workingSet({ ...small, events: null }, NOW).events).toEqual(set.events);
  });

  it('leaves inactive staff out', async () => {
    const withLeaver: BuildingFixture = { ...small, staff: small.staff.map((member, index) => ({ ...member, active: index !== 0 })) };
    expect(workingSet(withLeaver, NOW).staff).toHaveLength(3);
  });
});

describe('name pools', () => {
  it('hold 60+ first and 60+ last names from many languages, including the hard cases', () => {
    const first = Object.values(NAME_POOLS).flatMap((pool) => pool.first);
    const last = Object.values(NAME_POOLS).flatMap((pool) => pool.last);
    expect(new Set(first).size).toBeGreaterThanOrEqual(60);
    expect(new Set(last).size).toBeGreaterThanOrEqual(60);
    for (const name of ['José', 'Hélène', 'François', 'Chloé', 'Jürgen', 'Łukasz', 'Søren', 'Åsa']) expect(first).toContain(name);
    for (const name of ['Núñez', 'Peña', 'Muñoz', 'Lefèvre', 'Müller', 'Wójcik', 'Şahin', 'Çelik', "O'Brien"]) expect(last).toContain(name);
    expect([...first, ...last].every((name) => name === name.trim() && name.length > 0)).toBe(true);
  });
});
