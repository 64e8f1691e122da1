import Dexie from 'dexie';
import { newId } from '../../../shared/platform/globals';
import { DeskDatabase } from '../../db/database';
import { deskIdentity } from '../../db/deskIdentity';
import { testBuilding, testResidents, testStaff, testUnits } from '../../db/testFixtures';
import type { NetworkSignals, SyncLocks } from '../environment';
import { SyncClient, type SyncClientOptions } from '../SyncClient';
import { FakeSyncServer } from './fakeServer';
import { ManualTimers } from './manualTimers';

/** A central service holding the tiny test building. */
export function seededServer(): FakeSyncServer {
  const server = new FakeSyncServer();
  server.seed('buildings', [testBuilding]);
  server.seed('units', testUnits);
  server.seed('residents', testResidents);
  server.seed('staff', [testStaff]);
  return server;
}

export interface TestDesk {
  db: DeskDatabase;
  deskId: string;
  client: SyncClient;
  timers: ManualTimers;
  logs: Array<{ level: string; code: string; fields: unknown }>;
  /** Moves this desk's clock, letting every cycle that fires run to its end. */
  tick(ms: number): Promise<void>;
  close(): Promise<void>;
}

const openDatabases: DeskDatabase[] = [];

/** An enrolled desk with an empty local database, its own clock, and a sync client not started. */
export async function createDesk(
  server: FakeSyncServer,
  options: { name?: string; locks?: SyncLocks; network?: NetworkSignals; poke?: boolean; timers?: ManualTimers; enroll?: boolean } & Partial<SyncClientOptions> = {},
): Promise<TestDesk> {
  const db = new DeskDatabase(options.name ?? `sync-${newId()}`);
  openDatabases.push(db);
  const { deskId } = await deskIdentity(db);
  if (options.enroll !== false && server.lastProcessedSeq(deskId) === 0) server.enroll(deskId);
  const timers = options.timers ?? new ManualTimers();
  const logs: TestDesk['logs'] = [];
  const client = new SyncClient({
    db,
    transport: server.transportFor(deskId),
    timers,
    locks: options.locks,
    network: options.network,
    connectPoke: options.poke ? server.connectPoke : null,
    log: (level, code, fields) => logs.push({ level, code, fields }),
    ...options,
  });
  return {
    db,
    deskId,
    client,
    timers,
    logs,
    tick: (ms) => timers.advance(ms, () => client.idle()),
    close: async () => {
      await client.stop();
      db.close();
    },
  };
}

export async function deleteTestDatabases(): Promise<void> {
  for (const db of openDatabases.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
}
