import type { Building, TableName } from '../../shared/domain/model';
import { MemoryStore } from '../../shared/mutations/memoryTx';
import { isRejection, runMutation } from '../../shared/mutations/registry';
import { ROW_TABLES, rowTablesOf, type RowTable } from '../../server/db/indexes';
import { buildingFromColumns } from '../../server/sync/buildingRows';
import { Amenity, Booking } from '../../shared/domain/bookings';
import { CURSOR_KEY, LAST_PROCESSED_SEQ_KEY } from '../../renderer/db/database';
import { checkBookingInvariants } from './bookingInvariants';
import { simBuilding } from './building';
import type { CommittedRecord, SimDesk } from './desk';
import type { SimServer } from './server';

// The invariants checked after quiescence, against the SERVER's database (the authority):
//  1. no lost and no duplicated mutation: every mutation id a desk committed is in mutation_log
//     exactly once, under that desk and sequence number, applied or rejected, and nothing else is;
//     each desk's log is 1..N without holes, and the server's last_processed_seq is N;
//  2. exactly one result per mutation: applied ⇒ its event row and no rejection row; rejected ⇒
//     exactly one rejection row with the logged code, and no event;
//  3. no package released twice: per package, released / releaseUndone events alternate in
//     version order, and the package's state matches the last one;
//  4. serial equivalence: re-running every logged mutation in the server's commit order (the
//     version of its result row) on an in-memory model gives the same outcome for each and the same
//     rows as the server (the server's results are those of some sequential execution); on the way,
//     every state the server went through keeps shelf codes and tracking numbers unique among
//     waiting packages (what receivePackage enforces);
//  5. convergence: every desk's synced tables equal the server's rows, with no outbox, no shadows,
//     no quarantine, the cursor at the server's version and the server's lastProcessedSeq;
//  6. bookings (./bookingInvariants.ts): never beyond an amenity's capacity nor a unit's quota,
//     on the server (every state it went through) and on every desk; one outcome per request,
//     a rejection shown on the desk that made it.

interface LogRow {
  id: string;
  desk_id: string;
  seq: number;
  name: string;
  staff_id: string;
  status: string;
  code: string | null;
  params: string | null;
}

interface VersionedRow {
  version: number;
  row: Record<string, unknown>;
}

export interface ServerSnapshot {
  version: number;
  building: Building;
  tables: Record<RowTable, Map<string, VersionedRow>>;
  log: LogRow[];
  lastProcessed: Map<string, number>;
}

export async function loadServerSnapshot(server: SimServer): Promise<ServerSnapshot> {
  const db = server.inspect.kysely;
  const buildingId = server.buildingId;
  const building = await db.selectFrom('buildings').selectAll().where('id', '=', buildingId).executeTakeFirstOrThrow();
  const tables = {} as Record<RowTable, Map<string, VersionedRow>>;
  for (const table of ROW_TABLES) {
    const rows = await rowTablesOf(db).selectFrom(table).select(['id', 'version', 'deleted', 'data']).where('building_id', '=', buildingId).execute();
    const live = new Map<string, VersionedRow>();
    for (const row of rows) {
      if (row.deleted === 0 && row.data !== null) live.set(row.id, { version: row.version, row: JSON.parse(row.data) as Record<string, unknown> });
    }
    tables[table] = live;
  }
  const log = (await db.selectFrom('mutation_log').select(['id', 'desk_id', 'seq', 'name', 'staff_id', 'status', 'code', 'params']).where('building_id', '=', buildingId).execute()) as LogRow[];
  const desks = await db.selectFrom('desks').select(['id', 'last_processed_seq']).where('building_id', '=', buildingId).execute();
  return {
    version: building.version,
    building: buildingFromColumns(building),
    tables,
    log,
    lastProcessed: new Map(desks.map((desk) => [desk.id, desk.last_processed_seq])),
  };
}

/** Collects failures, keeping the first few of each kind readable. */
class Failures {
  private readonly byKind = new Map<string, string[]>();

  add(kind: string, detail: string): void {
    const list = this.byKind.get(kind) ?? [];
    list.push(detail);
    this.byKind.set(kind, list);
  }

  lines(perKind = 6): string[] {
    const lines: string[] = [];
    for (const [kind, details] of this.byKind) {
      lines.push(`${kind}: ${details.length} case(s)`);
      for (const detail of details.slice(0, perKind)) lines.push(`  - ${detail}`);
      if (details.length > perKind) lines.push(`  - … ${details.length - perKind} more`);
    }
    return lines;
  }
}

export interface InvariantReport {
  /** Broken sync invariants (1–5 above). */
  failures: string[];
  /** Broken business rules the sync layer is not responsible for (see checkWaitingUnique). */
  findings: string[];
  applied: number;
  rejected: number;
  rejectionCodes: Record<string, number>;
  /** The server's bookings at the end, by status, and how many of them the waitlist promoted (offeredFromWaitlist). */
  bookingStatuses: Record<string, number>;
}

export async function checkInvariants(server: SimServer, desks: readonly SimDesk[]): Promise<InvariantReport> {
  const snapshot = await loadServerSnapshot(server);
  const failures = new Failures();
  const findings = new Failures();
  const ledger = desks.flatMap((desk) => desk.committed);
  const byId = new Map<string, CommittedRecord>();
  for (const record of ledger) {
    if (byId.has(record.id)) failures.add('a mutation id was committed twice on the desks', record.id);
    byId.set(record.id, record);
  }
  const logById = new Map(snapshot.log.map((row) => [row.id, row]));
  const { events, rejections, packages } = snapshot.tables;

  // 1. Nothing lost, nothing duplicated, nothing invented.
  for (const record of ledger) {
    const row = logById.get(record.id);
    if (!row) {
      failures.add('LOST: committed on a desk, never processed by the server', `${record.desk} seq ${record.seq} ${record.name} ${record.id}`);
      continue;
    }
    if (row.desk_id !== record.deskId || row.seq !== record.seq || row.name !== record.name || row.staff_id !== record.staffId) {
      failures.add('mutation_log disagrees with what the desk committed', `${record.desk} seq ${record.seq} ${record.id}: log has desk ${row.desk_id} seq ${row.seq} ${row.name}`);
    }
    if (row.status !== 'applied' && row.status !== 'rejected') failures.add('mutation_log status is neither applied nor rejected', `${record.id}: ${row.status}`);
  }
  for (const row of snapshot.log) {
    if (!byId.has(row.id)) failures.add('PHANTOM: in mutation_log, committed by no desk', `${row.id} desk ${row.desk_id} seq ${row.seq}`);
  }
  for (const desk of desks) {
    const seqs = desk.committed.map((record) => record.seq);
    const expected = seqs.map((_, index) => index + 1);
    if (seqs.join(',') !== expected.join(',')) failures.add('a desk numbered its mutations with holes or repeats', `${desk.label}: ${seqs.slice(0, 40).join(',')}`);
    const logged = snapshot.log.filter((row) => row.desk_id === desk.deskId).map((row) => row.seq).sort((a, b) => a - b);
    if (logged.join(',') !== expected.join(',')) failures.add("the server's log of a desk is not 1..N", `${desk.label}: ${describeGaps(logged, expected.length)}`);
    const last = snapshot.lastProcessed.get(desk.deskId);
    if (last !== desk.committed.length) failures.add('last_processed_seq is not the last committed seq', `${desk.label}: server ${String(last)}, desk committed ${desk.committed.length}`);
  }

  // 2. Exactly one result per mutation.
  let applied = 0;
  let rejected = 0;
  const rejectionCodes: Record<string, number> = {};
  const eventsByMutation = new Map<string, string[]>();
  for (const [id, { row }] of events) {
    const mutationId = String(row.mutationId);
    eventsByMutation.set(mutationId, [...(eventsByMutation.get(mutationId) ?? []), id]);
  }
  for (const row of snapshot.log) {
    const rejection = rejections.get(row.id);
    const ownEvents = eventsByMutation.get(row.id) ?? [];
    if (row.status === 'applied') {
      applied += 1;
      if (rejection) failures.add('an applied mutation also has a rejection row', row.id);
      if (!events.has(`${row.id}-e0`)) failures.add('an applied mutation left no event', `${row.name} ${row.id}`);
    } else {
      rejected += 1;
      rejectionCodes[row.code ?? '?'] = (rejectionCodes[row.code ?? '?'] ?? 0) + 1;
      if (!rejection) failures.add('a rejected mutation has no rejection row', `${row.name} ${row.id}`);
      else if (rejection.row.code !== row.code || rejection.row.deskId !== row.desk_id || rejection.row.seq !== row.seq) {
        failures.add('rejection row disagrees with the log', `${row.id}: row ${String(rejection.row.code)} seq ${String(rejection.row.seq)}, log ${String(row.code)} seq ${row.seq}`);
      }
      if (ownEvents.length > 0) failures.add('a rejected mutation left events', `${row.name} ${row.id}: ${ownEvents.join(',')}`);
    }
  }
  for (const [mutationId, ids] of eventsByMutation) {
    if (logById.get(mutationId)?.status !== 'applied') failures.add('an event belongs to no applied mutation', `${ids.join(',')} (mutation ${mutationId})`);
  }
  for (const id of rejections.keys()) {
    if (logById.get(id)?.status !== 'rejected') failures.add('a rejection row belongs to no rejected mutation', id);
  }

  // 3. No package released twice (an undo in between makes a second release legitimate).
  const packageEvents = new Map<string, Array<{ version: number; type: string; mutationId: string }>>();
  for (const { version, row } of events.values()) {
    if (row.type !== 'package.released' && row.type !== 'package.releaseUndone') continue;
    const packageId = String(row.packageId);
    packageEvents.set(packageId, [...(packageEvents.get(packageId) ?? []), { version, type: String(row.type), mutationId: String(row.mutationId) }]);
  }
  for (const [packageId, { row: pkg }] of packages) {
    const history = (packageEvents.get(packageId) ?? []).sort((a, b) => a.version - b.version);
    let state = 'waiting';
    let lastRelease: string | null = null;
    for (const event of history) {
      if (event.type === 'package.released') {
        if (state === 'released') failures.add('RELEASED TWICE: a package released again without an undo in between', `${packageId} by ${event.mutationId} (already by ${String(lastRelease)})`);
        state = 'released';
        lastRelease = event.mutationId;
      } else {
        if (state !== 'released') failures.add('an undo of a package that was not released', `${packageId} by ${event.mutationId}`);
        state = 'waiting';
      }
    }
    if (pkg.status !== state) failures.add("a package's status disagrees with its release history", `${packageId}: ${String(pkg.status)} vs ${state}`);
    const release = pkg.release as { mutationId?: string } | null;
    if (state === 'released' && release?.mutationId !== lastRelease) failures.add("a released package names another release than its last one", `${packageId}: ${String(release?.mutationId)} vs ${String(lastRelease)}`);
  }

  // 4. The server's outcomes are those of a serial execution in commit (version) order.
  await checkSerialEquivalence(server.buildingId, snapshot, byId, failures, findings);

  // 5. Every desk converged to the server's state.
  for (const desk of desks) await checkDeskConverged(desk, snapshot, failures);

  // 6. Bookings: capacity, quotas, one outcome per request.
  await checkBookingInvariants(
    {
      timeZone: snapshot.building.timeZone,
      amenities: new Map([...snapshot.tables.amenities].map(([id, { row }]) => [id, Amenity.parse(row)])),
      bookings: [...snapshot.tables.bookings.values()].map(({ row }) => Booking.parse(row)),
      events: [...events.values()].filter(({ row }) => typeof row.type === 'string' && row.type.startsWith('booking.')),
      requests: snapshot.log.filter((row) => row.name === 'requestBooking').map((row) => ({ id: row.id, status: row.status, code: row.code, record: byId.get(row.id) })),
    },
    desks,
    (kind, detail) => failures.add(kind, detail),
  );

  const bookingStatuses: Record<string, number> = {};
  for (const { row } of snapshot.tables.bookings.values()) {
    bookingStatuses[String(row.status)] = (bookingStatuses[String(row.status)] ?? 0) + 1;
    if (row.offeredFromWaitlistAt) bookingStatuses.offeredFromWaitlist = (bookingStatuses.offeredFromWaitlist ?? 0) + 1;
  }
  return { failures: failures.lines(), findings: findings.lines(), applied, rejected, rejectionCodes, bookingStatuses };
}

function describeGaps(logged: number[], expected: number): string {
  const present = new Set(logged);
  const missing: number[] = [];
  for (let seq = 1; seq <= expected; seq += 1) if (!present.has(seq)) missing.push(seq);
  const extra = logged.filter((seq) => seq < 1 || seq > expected);
  return `missing [${missing.slice(0, 20).join(',')}]${extra.length ? ` extra [${extra.slice(0, 20).join(',')}]` : ''} (expected 1..${expected})`;
}

async function checkSerialEquivalence(buildingId: string, snapshot: ServerSnapshot, byId: Map<string, CommittedRecord>, failures: Failures, findings: Failures): Promise<void> {
  const ordered: Array<{ version: number; log: LogRow; record: CommittedRecord }> = [];
  for (const log of snapshot.log) {
    const record = byId.get(log.id);
    const result = log.status === 'applied' ? snapshot.tables.events.get(`${log.id}-e0`) : snapshot.tables.rejections.get(log.id);
    if (!record || !result) return; // already reported above; the model cannot be built without it
    ordered.push({ version: result.version, log, record });
  }
  ordered.sort((a, b) => a.version - b.version);
  const seed = simBuilding(buildingId);
  const model = new MemoryStore();
  model.seed('buildings', [seed.building]);
  model.seed('units', seed.units);
  model.seed('residents', seed.residents);
  model.seed('staff', seed.staff);
  model.seed('amenities', seed.amenities ?? []);
  const reported = new Set<string>();
  for (const { log, record } of ordered) {
    let outcome: { status: 'applied' } | { status: 'rejected'; code: string; params: unknown };
    const staff = await model.transaction(async (tx) => tx.get('staff', record.staffId));
    if (!staff) outcome = { status: 'rejected', code: 'staffUnknown', params: {} };
    else if (!staff.active) outcome = { status: 'rejected', code: 'staffInactive', params: {} };
    else {
      try {
        await model.transaction((tx) => runMutation(tx, record.name, record.args, { mutationId: record.id, staffId: staff.id, staffRole: staff.role, deskId: record.deskId, at: record.at }));
        outcome = { status: 'applied' };
      } catch (error) {
        if (!isRejection(error)) throw error;
        outcome = { status: 'rejected', code: error.code, params: error.params };
      }
    }
    const serverSaid = log.status === 'applied' ? 'applied' : `rejected ${String(log.code)}`;
    const modelSaid = outcome.status === 'applied' ? 'applied' : `rejected ${outcome.code}`;
    const where = `${record.desk} seq ${record.seq} ${record.name} ${record.id}`;
    if (serverSaid !== modelSaid) failures.add('NOT SERIALIZABLE: the server decided otherwise than a serial run in commit order', `${where}: server ${serverSaid}, model ${modelSaid}`);
    else if (outcome.status === 'rejected' && (log.params ?? '{}') !== JSON.stringify(outcome.params)) {
      // Same decision, other details: the mutator's answer depends on the order a query returns rows
      // in, which only happens once two waiting packages share a tracking number (a finding below).
      findings.add('ORDER-DEPENDENT rejection: same code, other params than the serial model', `${where}: server ${String(log.code)} ${log.params ?? ''}, model ${JSON.stringify(outcome.params)}`);
    }
    if (outcome.status === 'applied') checkWaitingUnique(model, where, findings, reported);
  }
  for (const table of ['units', 'residents', 'staff', 'packages', 'events', 'amenities', 'bookings'] as const satisfies readonly TableName[]) {
    const expected = new Map(model.rows(table).map((row) => [row.id, canonical(row)]));
    const actual = new Map([...snapshot.tables[table]].map(([id, { row }]) => [id, canonical(row)]));
    for (const difference of compareRows(expected, actual)) failures.add(`NOT SERIALIZABLE: server ${table} differ from the serial model`, difference);
  }
}

/**
 * The rules receivePackage enforces on waiting packages (shelf codes are unique among them; no two
 * share a tracking number), checked on the serial model after every applied mutation, i.e. on
 * every state the server went through.
 */
function checkWaitingUnique(model: MemoryStore, after: string, findings: Failures, reported: Set<string>): void {
  const waiting = model.rows('packages').filter((pkg) => pkg.status === 'waiting');
  for (const [field, label] of [
    ['shortCode', 'SHELF CODE TWICE: two waiting packages share a shelf code'],
    ['trackingNumber', 'TRACKING NUMBER TWICE: two waiting packages share a tracking number'],
  ] as const) {
    const seen = new Map<string, string>();
    for (const pkg of waiting) {
      const value = pkg[field];
      if (value === null) continue;
      const other = seen.get(value);
      const key = `${field} ${value} ${other ?? ''} ${pkg.id}`;
      if (other !== undefined && !reported.has(key)) {
        reported.add(key);
        findings.add(label, `${value}: ${other} and ${pkg.id}, after ${after}`);
      }
      seen.set(value, pkg.id);
    }
  }
}

async function checkDeskConverged(desk: SimDesk, snapshot: ServerSnapshot, failures: Failures): Promise<void> {
  const db = desk.db;
  if (!db) {
    failures.add('a desk is not running at the end', desk.label);
    return;
  }
  const expected: Record<string, Map<string, string>> = {
    buildings: new Map([[snapshot.building.id, canonical(snapshot.building)]]),
  };
  for (const table of ROW_TABLES) expected[table] = new Map([...snapshot.tables[table]].map(([id, { row }]) => [id, canonical(row)]));
  for (const [table, rows] of Object.entries(expected)) {
    const local = (await db.table(table).toArray()) as Array<{ id: string }>;
    const actual = new Map(local.map((row) => [row.id, canonical(row)]));
    for (const difference of compareRows(rows, actual)) failures.add(`NOT CONVERGED: ${desk.label}'s ${table} differ from the server`, difference);
  }
  const outbox = await db.outbox.toArray();
  if (outbox.length > 0) failures.add('NOT QUIESCENT: outbox entries left', `${desk.label}: seq ${outbox.map((entry) => entry.seq).slice(0, 20).join(',')}`);
  const shadows = await db.shadows.count();
  if (shadows > 0) failures.add('shadows left after quiescence', `${desk.label}: ${shadows}`);
  const quarantined = await db.quarantine.toArray();
  if (quarantined.length > 0) failures.add('rows quarantined on a desk', `${desk.label}: ${quarantined.map((row) => `${row.table} ${row.reason}`).slice(0, 3).join('; ')}`);
  const cursor = (await db.meta.get(CURSOR_KEY))?.value;
  if (cursor !== snapshot.version) failures.add('a cursor is not at the server version', `${desk.label}: ${String(cursor)} vs ${snapshot.version}`);
  const lastProcessed = (await db.meta.get(LAST_PROCESSED_SEQ_KEY))?.value ?? 0;
  const serverLast = snapshot.lastProcessed.get(desk.deskId) ?? 0;
  if (lastProcessed !== serverLast) failures.add("a desk's lastProcessedSeq differs from the server's", `${desk.label}: ${String(lastProcessed)} vs ${serverLast}`);
}

/** Differences between two id → canonical JSON maps, described briefly. */
function compareRows(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const differences: string[] = [];
  for (const [id, row] of expected) {
    const other = actual.get(id);
    if (other === undefined) differences.push(`${id}: missing (expected ${clip(row)})`);
    else if (other !== row) differences.push(`${id}: ${clip(other)} instead of ${clip(row)}`);
  }
  for (const [id, row] of actual) if (!expected.has(id)) differences.push(`${id}: unexpected ${clip(row)}`);
  return differences;
}

function clip(text: string, length = 240): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** JSON with sorted keys and without undefined members: equal rows give equal strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}
