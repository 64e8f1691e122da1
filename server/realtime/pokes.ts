import { EventEmitter } from 'node:events';
import type { Pool, PoolClient } from 'pg';

// Pokes tell desks "the building's version moved, pull now". They carry no data. In one process
// they travel through an EventEmitter; with several server instances on PostgreSQL they travel
// through LISTEN/NOTIFY, so a push on instance A wakes the desks connected to instance B.

export interface PokeHub {
  /** Announce a change in a building (after its transaction committed). */
  publish(buildingId: string): Promise<void>;
  subscribe(buildingId: string, onPoke: () => void): () => void;
  close(): Promise<void>;
}

export const POKE_CHANNEL = 'conserje_poke';

class LocalFanOut {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0); // one listener per connected desk
  }
  emit(buildingId: string): void {
    this.emitter.emit(buildingId);
  }
  subscribe(buildingId: string, onPoke: () => void): () => void {
    this.emitter.on(buildingId, onPoke);
    return () => this.emitter.off(buildingId, onPoke);
  }
}

export function createLocalPokeHub(): PokeHub {
  const fanOut = new LocalFanOut();
  return {
    publish: async (buildingId) => fanOut.emit(buildingId),
    subscribe: (buildingId, onPoke) => fanOut.subscribe(buildingId, onPoke),
    close: async () => undefined,
  };
}

/** Pokes through PostgreSQL: every instance LISTENs on one channel and fans out locally. */
export async function createPostgresPokeHub(pool: Pool, onError: (error: Error) => void = () => undefined): Promise<PokeHub> {
  const fanOut = new LocalFanOut();
  let listener: PoolClient | null = null;
  let closed = false;

  const connect = async (): Promise<void> => {
    const client = await pool.connect();
    client.on('notification', (message) => {
      if (message.channel === POKE_CHANNEL && message.payload) fanOut.emit(message.payload);
    });
    client.on('error', (error) => {
      onError(error);
      client.release(true);
      listener = null;
      if (!closed) setTimeout(() => void connect().catch(onError), 1_000);
    });
    await client.query(`LISTEN ${POKE_CHANNEL}`);
    listener = client;
  };
  await connect();

  return {
    async publish(buildingId) {
      await pool.query('SELECT pg_notify($1, $2)', [POKE_CHANNEL, buildingId]);
    },
    subscribe: (buildingId, onPoke) => fanOut.subscribe(buildingId, onPoke),
    async close() {
      closed = true;
      if (listener) {
        await listener.query(`UNLISTEN ${POKE_CHANNEL}`).catch(() => undefined);
        listener.release();
        listener = null;
      }
    },
  };
}
