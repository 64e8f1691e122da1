import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPokeHub, createPostgresPokeHub, type PokeHub } from './pokes';

describe('local pokes', () => {
  it('reach the subscribers of that building only, until they unsubscribe', async () => {
    const hub = createLocalPokeHub();
    const seen: string[] = [];
    const stopA = hub.subscribe('a', () => seen.push('a'));
    hub.subscribe('b', () => seen.push('b'));
    await hub.publish('a');
    stopA();
    await hub.publish('a');
    await hub.publish('b');
    expect(seen).toEqual(['a', 'b']);
  });
});

const url = process.env.TEST_DATABASE_URL?.trim();
if (!url) console.info('[server tests] PostgreSQL poke test skipped: TEST_DATABASE_URL is not set.');

describe.skipIf(!url)('pokes across server instances through PostgreSQL LISTEN/NOTIFY', () => {
  const pools: pg.Pool[] = [];
  const hubs: PokeHub[] = [];
  beforeAll(async () => {
    for (let instance = 0; instance < 2; instance++) {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      pools.push(pool);
      hubs.push(await createPostgresPokeHub(pool));
    }
  });
  afterAll(async () => {
    for (const hub of hubs) await hub.close();
    for (const pool of pools) await pool.end();
  });

  it('a change published by one instance wakes the desks connected to the other', async () => {
    const [instanceA, instanceB] = hubs;
    if (!instanceA || !instanceB) throw new Error('two instances expected');
    const building = `b-${crypto.randomUUID()}`;
    const onB: string[] = [];
    instanceB.subscribe(building, () => onB.push('poke'));
    instanceB.subscribe(`${building}-other`, () => onB.push('wrong building'));
    await instanceA.publish(building);
    await expect.poll(() => onB).toEqual(['poke']);
  });
});
