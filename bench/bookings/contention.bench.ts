// The service's booking throughput under contention (tracker issue 4): many desks request the same
// few evening slots of a one-at-a-time party room at once, through the real push engine (in
// process, no HTTP), on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
//   npx tsx bench/bookings/contention.bench.ts [--json] [--runs 3]   (--runs: rounds of pushes)
// Each round: every desk pushes one requestBooking for a random slot of the next 7 evenings (14
// slots), all desks concurrently; the building's lock serializes them, the rules decide. Measures
// push latency (p50/p95), bookings/s processed, and how many were applied or refused. Fails only
// on wrong work: two holding bookings on one slot, a unit over its monthly quota, or a mutation
// without exactly one result.

import { randomUUID } from 'node:crypto';
import { instantToLocal, localToInstant } from '../../shared/time/zone';
import type { Booking } from '../../shared/domain/bookings';
import type { Resident, Unit } from '../../shared/domain/model';
import { partyRoom, tinyBuilding } from '../../server/testing/buildings';
import { testDatabaseTargets } from '../../server/testing/databases';
import { TestDesk } from '../../server/testing/desk';
import { seedBuilding } from '../../server/sync/seed';
import { parseBenchArgs } from '../lib/args';
import { countOf, measureOf, printReport, type Measure } from '../lib/report';

const DESKS = 20;
const args = parseBenchArgs(process.argv.slice(2), { runs: 5 });
const measures: Measure[] = [];
const problems: string[] = [];
const progress = (text: string) => process.stderr.write(`[bookings-contention] ${text}\n`);

for (const target of testDatabaseTargets()) {
  const testDb = await target.create();
  const db = testDb.db;
  const buildingId = `bc-${target.dialect}`;
  const base = tinyBuilding(buildingId);
  const units: Unit[] = Array.from({ length: DESKS * 2 }, (_, k) => ({ id: `${buildingId}-cu${k}`, label: `${100 + k}`, floor: 1 }));
  const residents: Resident[] = units.map((unit, k) => ({
    id: `${buildingId}-cr${k}`, unitId: unit.id, firstName: `R${k}`, lastName: 'Bench', email: null, phone: null, language: 'en', measurement: 'metric', occupancy: 'owner', authorizedPickups: [],
  }));
  await seedBuilding(db, { ...base, units: [...base.units, ...units], residents: [...base.residents, ...residents], amenities: [partyRoom(buildingId)] });
  const desks = await Promise.all(Array.from({ length: DESKS }, (_, k) => TestDesk.enroll(db, buildingId, `${buildingId}-desk${k}`, `${buildingId}-s1`)));
  const now = new Date();
  for (const desk of desks) desk.now = () => now;
  const today = instantToLocal(now.getTime(), base.building.timeZone).date;
  const slots: Array<{ start: string; end: string }> = [];
  for (let day = 2; day < 9; day++) {
    const date = new Date(Date.parse(`${today}T12:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
    for (const [from, to] of [['18:00', '20:30'], ['20:30', '23:00']] as const) {
      const start = localToInstant(date, from, base.building.timeZone);
      const end = localToInstant(date, to, base.building.timeZone);
      if (start.ok && end.ok) slots.push({ start: start.instant, end: end.instant });
    }
  }
  const latencies: number[] = [];
  let applied = 0;
  let rejected = 0;
  let pushed = 0;
  const started = performance.now();
  for (let round = 0; round < args.runs; round++) {
    await Promise.all(
      desks.map(async (desk, k) => {
        const slot = slots[(round * 7 + k * 3) % slots.length] ?? slots[0];
        const resident = residents[(round * DESKS + k) % residents.length];
        if (!slot || !resident) return;
        const mutation = desk.mutation('requestBooking', { buildingId, bookingId: `bk-${randomUUID()}`, amenityId: `${buildingId}-party`, residentId: resident.id, start: slot.start, end: slot.end, partySize: 1, note: null, joinWaitlistIfFull: false }, { at: now.toISOString() });
        const t0 = performance.now();
        const response = await desk.push([mutation]);
        latencies.push(performance.now() - t0);
        pushed += 1;
        if (response.results.length !== 1) problems.push(`${target.dialect}: a push got ${response.results.length} results`);
        for (const result of response.results) {
          if (result.status === 'applied') applied += 1;
          else if (result.status === 'rejected') rejected += 1;
        }
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  // Invariants on the service's own rows.
  const rows = (await db.kysely.selectFrom('bookings').select('data').where('building_id', '=', buildingId).where('deleted', '=', 0).execute()).map((row) => JSON.parse(row.data ?? 'null') as Booking);
  const holding = rows.filter((booking) => ['requested', 'confirmed', 'checkedIn'].includes(booking.status));
  const perSlot = new Map<string, number>();
  for (const booking of holding) perSlot.set(booking.start, (perSlot.get(booking.start) ?? 0) + 1);
  for (const [start, count] of perSlot) if (count > 1) problems.push(`${target.dialect}: ${count} holding bookings at ${start}`);
  const perUnitMonth = new Map<string, number>();
  for (const booking of holding) {
    const key = `${booking.unitId}|${instantToLocal(booking.start, base.building.timeZone).date.slice(0, 7)}`;
    perUnitMonth.set(key, (perUnitMonth.get(key) ?? 0) + 1);
  }
  for (const [key, count] of perUnitMonth) if (count > 1) problems.push(`${target.dialect}: unit/month ${key} holds ${count} bookings (quota 1)`);
  if (applied !== holding.length) problems.push(`${target.dialect}: ${applied} applied but ${holding.length} holding bookings stored`);
  const context = { bench: 'bookings-contention', fixture: `${DESKS} desks`, seed: args.seed };
  measures.push(measureOf({ ...context, measure: `${target.dialect}: push of one requestBooking (in process, ${DESKS} concurrent)`, unit: 'ms' }, latencies));
  measures.push(countOf({ ...context, measure: `${target.dialect}: bookings processed per second`, unit: 'mutations/s' }, Math.round((pushed / seconds) * 10) / 10));
  measures.push(countOf({ ...context, measure: `${target.dialect}: applied`, unit: 'bookings' }, applied));
  measures.push(countOf({ ...context, measure: `${target.dialect}: refused (taken, quota)`, unit: 'bookings' }, rejected));
  progress(`${target.dialect}: ${pushed} requests in ${seconds.toFixed(1)} s, ${applied} applied, ${rejected} refused`);
  await testDb.dispose();
}

printReport(measures, { json: args.json });
for (const problem of problems) process.stderr.write(`WRONG: ${problem}\n`);
if (problems.length > 0) process.exit(1);
