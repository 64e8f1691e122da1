// Package history: who received what, from which courier, and how it left the desk.
// Packages are drafted with arrival times first, sorted, and only then numbered and filled in,
// so ids (p-000001 …) and short codes follow arrival order like they would in a real building.

import type { Package, PackageFlag, PackageKind, PackageRelease, PackageSize, Resident, Unit } from '../domain/model';
import { PACKAGE_FLAGS } from '../domain/model';
import { DESK_CLOSES_MINUTE, DESK_OPENS_MINUTE, isoAt, sampleDeliveryMinute, sampleHistoryDay, type HistoryContext } from './history';
import { concatFlat, createShortCodes, sequentialId } from './ids';
import { weightedPicker, type Random } from './random';
import { generateTrackingNumber, TRACKING_FORMAT_WEIGHTS } from './tracking';

export interface PackagePlan {
  readonly total: number;
  readonly waiting: number;
  readonly returned: number;
}

interface Draft {
  status: Package['status'];
  day: number;
  minute: number;
  receivedMs: number;
}

const MINUTE_MS = 60_000;
/** Waiting packages arrived in the last two weeks, most of them in the last few days. */
const WAITING_AGE_DAYS = 14;
/** A few waiting packages have been forgotten for longer; the desk's "overdue" list needs some. */
const FORGOTTEN_SHARE = 0.03;
const FORGOTTEN_MAX_AGE_DAYS = 45;

export function generatePackages(
  random: Random,
  context: HistoryContext,
  plan: PackagePlan,
  units: readonly Unit[],
  residents: readonly Resident[],
): Package[] {
  if (plan.waiting + plan.returned > plan.total) throw new RangeError('more waiting and returned packages than packages');
  const drafts = draftArrivals(random, context, plan);
  const residentsByUnit = groupByUnit(residents);
  // Some households shop far more than others; weights are per unit, proportional to its size.
  const unitPicker = weightedPicker(
    units.filter((unit) => residentsByUnit.has(unit.id)).map((unit) => [unit, (residentsByUnit.get(unit.id)?.length ?? 0) * random.pick([0.3, 0.6, 1, 1, 1.5, 2.5, 4])] as const),
  );
  const shortCode = createShortCodes(random.fork('short-codes'));
  return drafts.map((draft, index) => {
    const unit = unitPicker.pick(random);
    const household = residentsByUnit.get(unit.id) ?? [];
    const resident = random.pick(household);
    const id = sequentialId('p', index + 1, 6);
    const contents = describeContents(random);
    // Written out field by field (no spread): one object shape for all 100,000 rows keeps V8 fast.
    const pkg: Package = {
      id,
      shortCode: shortCode(index),
      trackingNumber: contents.trackingNumber,
      carrier: contents.carrier,
      trackingFormat: contents.trackingFormat,
      kind: contents.kind,
      unitId: unit.id,
      residentId: resident.id,
      status: draft.status,
      size: contents.size,
      location: contents.location,
      flags: contents.flags,
      note: contents.note,
      receivedAt: isoAt(draft.receivedMs),
      receivedBy: context.roster.pick(random, draft.receivedMs),
      receivedDeskId: random.pick(context.deskIds),
      release: null,
    };
    if (draft.status === 'released') pkg.release = releaseFor(random, context, draft, id, resident, household, pkg.flags);
    if (draft.status === 'returned') pkg.note = random.pick(RETURN_NOTES);
    return pkg;
  });
}

function groupByUnit(residents: readonly Resident[]): Map<string, Resident[]> {
  const byUnit = new Map<string, Resident[]>();
  for (const resident of residents) {
    const list = byUnit.get(resident.unitId);
    if (list) list.push(resident);
    else byUnit.set(resident.unitId, [resident]);
  }
  return byUnit;
}

function draftArrivals(random: Random, context: HistoryContext, plan: PackagePlan): Draft[] {
  const drafts: Draft[] = [];
  const arrival = (status: Draft['status'], sampleDay: () => number): void => {
    for (;;) {
      const day = sampleDay();
      const minute = sampleDeliveryMinute(random);
      const receivedMs = context.calendar.instantOf(day, minute);
      // Today only has the part of the day that has already happened; draw again otherwise.
      if (receivedMs < context.nowMs - MINUTE_MS) {
        drafts.push({ status, day, minute, receivedMs });
        return;
      }
    }
  };
  const waitingAge = weightedPicker(Array.from({ length: Math.min(WAITING_AGE_DAYS, context.historyDays) }, (_, age) => [age, 1 / (1 + 0.35 * age)] as const));
  const forgottenMaxAge = Math.min(FORGOTTEN_MAX_AGE_DAYS, context.historyDays);
  for (let i = 0; i < plan.waiting; i++) {
    if (forgottenMaxAge > WAITING_AGE_DAYS && random.chance(FORGOTTEN_SHARE)) arrival('waiting', () => sampleHistoryDay(random, context, WAITING_AGE_DAYS, forgottenMaxAge));
    else arrival('waiting', () => context.today - waitingAge.pick(random));
  }
  // Returns happen after a package has sat unclaimed or been refused, so they are never recent.
  const returnedMinAge = Math.min(WAITING_AGE_DAYS, context.historyDays - 1);
  for (let i = 0; i < plan.returned; i++) arrival('returned', () => sampleHistoryDay(random, context, returnedMinAge));
  for (let i = plan.waiting + plan.returned; i < plan.total; i++) arrival('released', () => sampleHistoryDay(random, context));
  // Array.prototype.sort is stable, so equal instants keep their (deterministic) draft order.
  return drafts.sort((a, b) => a.receivedMs - b.receivedMs);
}

type Contents = Pick<Package, 'trackingNumber' | 'carrier' | 'trackingFormat' | 'kind' | 'size' | 'location' | 'flags' | 'note'>;

const KIND = weightedPicker<PackageKind>([['parcel', 82], ['envelope', 9], ['food', 4], ['flowers', 2], ['other', 3]]);
const PARCEL_SIZE = weightedPicker<PackageSize | null>([['small', 35], ['medium', 38], ['large', 20], ['oversized', 4], [null, 3]]);
const TRACKING_FORMAT = weightedPicker(TRACKING_FORMAT_WEIGHTS);
const NO_TRACKING_CARRIER = ['ups', 'fedex', 'usps', 'amazon', 'dhl', 'other'];
const FOOD_CARRIER = ['doordash', 'ubereats', 'instacart', 'grubhub'];
const FLOWERS_CARRIER = ['florist', 'ftd', 'other'];
const SHELVES = ['A', 'B', 'C', 'D', 'E', 'F'];
const NOTES = [
  'Box damaged on arrival',
  'Left by the courier at the side door',
  'Heavy: use the trolley',
  'Return label attached',
  'Caja mojada',
  'Llamar antes de subir',
  'Colis ouvert à la livraison',
  'Two boxes taped together',
];
const RETURN_NOTES = ['Returned to sender', 'Refused by the resident', 'Unclaimed after 30 days, returned to the carrier'];

function describeContents(random: Random): Contents {
  const kind = KIND.pick(random);
  let trackingNumber: string | null = null;
  let trackingFormat: string | null = null;
  let carrier: string;
  let size: PackageSize | null;
  const flags = new Set<PackageFlag>();
  switch (kind) {
    case 'parcel': {
      // A few arrive with an unreadable label and are logged by hand without a number.
      if (random.chance(0.04)) carrier = random.pick(NO_TRACKING_CARRIER);
      else ({ carrier, format: trackingFormat, number: trackingNumber } = generateTrackingNumber(random, TRACKING_FORMAT.pick(random)));
      size = PARCEL_SIZE.pick(random);
      if (random.chance(0.06)) flags.add('fragile');
      if (random.chance(0.02)) flags.add('perishable').add('refrigerate'); // meal kits
      if (random.chance(0.04)) flags.add('signatureRequired');
      if (random.chance(0.02)) {
        flags.add('highValue');
        if (random.chance(0.7)) flags.add('signatureRequired');
      }
      break;
    }
    case 'envelope': {
      if (random.chance(0.7)) ({ carrier, format: trackingFormat, number: trackingNumber } = generateTrackingNumber(random, random.pick(['usps_impb_n', 'usps_impb_n', 'ups', 'fedex_12'])));
      else carrier = random.pick(['usps', 'other']);
      size = random.chance(0.9) ? 'small' : null;
      if (random.chance(0.05)) flags.add('signatureRequired');
      break;
    }
    case 'food':
      carrier = random.pick(FOOD_CARRIER);
      size = random.pick<PackageSize>(['small', 'medium']);
      flags.add('perishable');
      if (random.chance(0.7)) flags.add('refrigerate');
      break;
    case 'flowers':
      carrier = random.pick(FLOWERS_CARRIER);
      size = random.pick<PackageSize>(['medium', 'large']);
      flags.add('perishable').add('fragile');
      if (random.chance(0.2)) flags.add('refrigerate');
      break;
    case 'other':
      carrier = 'other';
      size = random.pick<PackageSize | null>(['small', 'medium', 'large', 'oversized', null]);
      break;
  }
  return {
    trackingNumber,
    trackingFormat,
    carrier,
    kind,
    size,
    location: locationFor(random, flags, size),
    flags: PACKAGE_FLAGS.filter((flag) => flags.has(flag)),
    note: random.chance(0.04) ? random.pick(NOTES) : null,
  };
}

function locationFor(random: Random, flags: ReadonlySet<PackageFlag>, size: PackageSize | null): string | null {
  if (flags.has('refrigerate')) return random.pick(['Fridge', 'Fridge 2']);
  if (size === 'oversized') return random.pick(['Storage room', 'Behind the desk']);
  if (flags.has('highValue')) return 'Locked cabinet';
  if (random.chance(0.05)) return null;
  return `${random.pick(SHELVES)}-${random.int(1, 12)}`;
}

// Release delays: most packages leave the same or the next day, a tail waits for days.
const RELEASE_DELAY_DAYS = weightedPicker<readonly [number, number]>([
  [[0, 0], 40],
  [[1, 1], 33],
  [[2, 5], 21],
  [[6, 13], 6],
]);

function releaseFor(random: Random, context: HistoryContext, draft: Draft, packageId: string, resident: Resident, household: readonly Resident[], flags: readonly PackageFlag[]): PackageRelease {
  const [minDelay, maxDelay] = RELEASE_DELAY_DAYS.pick(random);
  let day = draft.day + random.int(minDelay, maxDelay);
  let earliestMinute = day === draft.day ? draft.minute + 10 : DESK_OPENS_MINUTE;
  if (earliestMinute > DESK_CLOSES_MINUTE) {
    day++;
    earliestMinute = DESK_OPENS_MINUTE;
  }
  let releasedMs = context.calendar.instantOf(day, random.int(earliestMinute, DESK_CLOSES_MINUTE));
  // Recent arrivals cannot be collected in the future: squeeze the pick-up into the time since.
  if (releasedMs >= context.nowMs) releasedMs = draft.receivedMs + Math.floor(random.next() * (context.nowMs - draft.receivedMs));

  let to: PackageRelease['to'] = { kind: 'resident', residentId: resident.id };
  let recipientName = concatFlat(resident.firstName, ' ', resident.lastName);
  const proxy = resident.authorizedPickups.length > 0 && random.chance(0.35) ? random.pick(resident.authorizedPickups) : null;
  if (proxy) {
    to = { kind: 'proxy', name: proxy.name, onBehalfOf: resident.id };
    recipientName = proxy.name;
  } else if (household.length > 1 && random.chance(0.2)) {
    const other = random.pick(household.filter((member) => member.id !== resident.id));
    to = { kind: 'resident', residentId: other.id };
    recipientName = concatFlat(other.firstName, ' ', other.lastName);
  }
  const mustSign = flags.includes('signatureRequired') || flags.includes('highValue');
  return {
    at: isoAt(releasedMs),
    by: context.roster.pick(random, releasedMs),
    deskId: random.pick(context.deskIds),
    mutationId: releaseMutationId(packageId),
    to,
    recipientName,
    signature: mustSign || random.chance(0.12) ? signaturePath(random) : null,
  };
}

export function receiveMutationId(packageId: string): string {
  return concatFlat('m-', packageId, '-rcv');
}

export function releaseMutationId(packageId: string): string {
  return concatFlat('m-', packageId, '-rel');
}

/** A short scribble in SVG path syntax, like the signature pad produces (but far shorter). */
function signaturePath(random: Random): string {
  let x = random.int(10, 40);
  let y = random.int(30, 70);
  const parts = [`M${x},${y}`];
  const strokes = random.int(4, 9);
  for (let i = 0; i < strokes; i++) {
    const controlX = x + random.int(5, 25);
    const controlY = random.int(5, 95);
    x += random.int(10, 35);
    y = random.int(20, 80);
    parts.push(random.chance(0.6) ? `Q${controlX},${controlY} ${x},${y}` : `L${x},${y}`);
  }
  return parts.join(' ');
}
