import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitMutations, DeskWriteError } from './commit';
import type { DeskDatabase } from './database';
import { doorperson, openTestDatabase, receiveArgs } from './testFixtures';

let db: DeskDatabase;
afterEach(async () => {
  db.close();
  await db.delete();
});

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeskWriteError);
  return (error as DeskWriteError).failure;
}

describe('commitMutations', () => {
  it('writes the effect, the event and the outbox entry together', async () => {
    db = await openTestDatabase();
    const request = receiveArgs();
    const [committed] = await commitMutations(db, doorperson, [request]);
    const pkg = await db.packages.get(request.args.packageId);
    expect(pkg).toMatchObject({ status: 'waiting', unitId: 'u-12b', residentId: 'r-nunez', receivedBy: 's-ana' });
    const outbox = await db.outbox.toArray();
    expect(outbox).toEqual([
      expect.objectContaining({ id: committed?.mutationId, seq: 1, name: 'receivePackage', staffId: 's-ana', args: request.args }),
    ]);
    const events = await db.events.where('packageId').equals(request.args.packageId).toArray();
    expect(events.map((e) => e.type)).toEqual(['package.received']);
    expect(events[0]?.mutationId).toBe(committed?.mutationId);
  });

  it('numbers outbox entries in order across commits', async () => {
    db = await openTestDatabase();
    await commitMutations(db, doorperson, [receiveArgs(), receiveArgs()]);
    await commitMutations(db, doorperson, [receiveArgs()]);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('leaves neither effect nor outbox entry when a mutation in the transaction fails', async () => {
    db = await openTestDatabase();
    const good = receiveArgs();
    const bad = receiveArgs({ residentId: 'r-nobody' });
    const failure = await failureOf(commitMutations(db, doorperson, [good, bad]));
    expect(failure).toMatchObject({ kind: 'rejected', rejection: { code: 'recipientUnknown' } });
    expect(await db.packages.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    expect(await db.meta.get('nextSeq')).toBeUndefined();
  });

  it('rolls back when storage itself fails mid-transaction', async () => {
    db = await openTestDatabase();
    const request = receiveArgs();
    vi.spyOn(db.outbox, 'add').mockRejectedValueOnce(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }));
    const failure = await failureOf(commitMutations(db, doorperson, [request]));
    expect(failure.kind).toBe('storageFull');
    expect(await db.packages.get(request.args.packageId)).toBeUndefined();
    expect(await db.events.count()).toBe(0);
  });

  it('rejects invalid arguments before anything is written', async () => {
    db = await openTestDatabase();
    const request = receiveArgs();
    const failure = await failureOf(
      commitMutations(db, doorperson, [{ ...request, args: { ...request.args, note: 'bell\u0007' } }]),
    );
    expect(failure).toMatchObject({ kind: 'rejected', rejection: { code: 'invalidArguments', params: { field: 'note' } } });
    expect(await db.packages.count()).toBe(0);
  });
});
