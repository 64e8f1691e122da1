import { describe, expect, it } from 'vitest';
import type { Message, MessageThread } from '../domain/messaging';
import type { Package, Resident } from '../domain/model';
import { MemoryStore } from './memoryTx';
import { ERASED_TEXT } from './privacy';
import { runMutation } from './registry';
import { MutationRejected } from './rejection';
import type { MutationContext } from './tx';

const resident = (id: string): Resident => ({
  id, unitId: 'u1', firstName: 'José', lastName: 'Núñez', email: 'jose@example.org', phone: '+1 212 555 0100', language: 'es',
  measurement: 'metric', occupancy: 'owner', authorizedPickups: [{ id: 'ap1', name: 'Marta Núñez', relationship: 'sister' }],
});
const pkg = (id: string, residentId: string, released: 'resident' | 'proxy' | null): Package => ({
  id, shortCode: `ABC${id.slice(-3).padStart(3, '0')}`, trackingNumber: null, carrier: 'ups', trackingFormat: null, kind: 'parcel', unitId: 'u1', residentId,
  status: released ? 'released' : 'waiting', size: null, location: null, flags: [], note: 'leave with José', receivedAt: '2026-03-01T10:00:00.000Z', receivedBy: 's1', receivedDeskId: 'd1',
  release: released
    ? { at: '2026-03-02T10:00:00.000Z', by: 's1', deskId: 'd1', mutationId: `m-${id}`, to: released === 'proxy' ? { kind: 'proxy', name: 'Marta Núñez', onBehalfOf: residentId } : { kind: 'resident', residentId }, recipientName: released === 'proxy' ? 'Marta Núñez' : 'José Núñez', signature: 'M0,0L10,10' }
    : null,
});
const manager: MutationContext = { mutationId: 'm-erase', staffId: 's2', staffRole: 'manager', deskId: 'd1', at: '2026-03-05T10:00:00.000Z' };

function store(): MemoryStore {
  const memory = new MemoryStore();
  memory.seed('residents', [resident('r1'), { ...resident('r2'), firstName: 'Ana', email: null, phone: null, authorizedPickups: [] }]);
  const thread = (id: string, kind: 'resident' | 'unit', residentId: string | null): MessageThread => ({
    id, kind, unitId: 'u1', residentId, broadcast: null, subject: 'Hola', createdAt: '2026-03-01T10:00:00.000Z', createdBy: null, lastMessageAt: '2026-03-01T10:00:00.000Z', lastInboundAt: null, unread: 0, readUpTo: null, readBy: null,
  });
  const message = (id: string, threadId: string, residentId: string | null): Message => ({
    id, threadId, direction: residentId ? 'inbound' : 'outbound', staffId: residentId ? null : 's1', residentId, body: 'Soy José, del 12B', template: null, sentAt: '2026-03-01T10:00:00.000Z', mutationId: null, delivery: null,
  });
  // The unit thread's one unread reply is theirs.
  memory.seed('threads', [thread('t-own', 'resident', 'r1'), { ...thread('t-unit', 'unit', null), unread: 1 }]);
  memory.seed('messages', [message('m-own', 't-own', 'r1'), message('m-unit-r1', 't-unit', 'r1'), message('m-desk', 't-unit', null)]);
  memory.seed('packages', [pkg('p001', 'r1', 'resident'), pkg('p002', 'r1', 'proxy'), { ...pkg('p003', 'r2', 'resident'), release: { ...(pkg('p003', 'r2', 'resident').release as NonNullable<Package['release']>), to: { kind: 'resident', residentId: 'r1' } } }, pkg('p005', 'r2', 'resident')]);
  return memory;
}

describe('erasing a resident', () => {
  it('removes their directory row and every name, signature and note on their packages, and nothing of others', async () => {
    const memory = store();
    await memory.transaction((tx) => runMutation(tx, 'eraseResident', { residentId: 'r1' }, manager));
    expect(memory.rows('residents').map((row) => row.id)).toEqual(['r2']);
    const mine = memory.rows('packages').filter((row) => row.residentId === 'r1');
    expect(mine).toHaveLength(2); // kept for the building's counts
    const text = JSON.stringify(mine);
    for (const personal of ['José', 'Núñez', 'Marta', 'jose@example.org', 'M0,0L10,10', 'leave with']) expect(text).not.toContain(personal);
    expect(mine.every((row) => row.release?.recipientName === ERASED_TEXT && row.release.signature === null && row.note === null)).toBe(true);
    // r2's package that José collected: his name and signature go, r2's package stays r2's.
    expect(memory.rows('packages').find((row) => row.id === 'p003')?.release).toMatchObject({ recipientName: ERASED_TEXT, signature: null, to: { residentId: 'r1' } });
    // Logged without the erased data: an opaque id and a count.
    expect(memory.rows('events')).toEqual([expect.objectContaining({ type: 'resident.erased', residentId: 'r1', unitId: 'u1', data: { packages: 3, messages: 2 } })]);
    // Their own conversation is gone; in the unit's conversation only what they wrote.
    expect(memory.rows('threads').map((row) => [row.id, row.unread])).toEqual([['t-unit', 0]]);
    expect(memory.rows('messages').map((row) => row.id)).toEqual(['m-desk']);
    expect(memory.rows('packages').find((row) => row.id === 'p005')?.release?.recipientName).toBe('José Núñez'); // collected by r2, who happens to be named José too
    expect(JSON.stringify(memory.rows('events'))).not.toContain('Núñez');
  });

  it('works for a resident who already moved out, and is refused while packages wait or for doorpersons', async () => {
    const memory = store();
    memory.seed('packages', [pkg('p004', 'r2', null)]);
    const refusal = await memory.transaction((tx) => runMutation(tx, 'eraseResident', { residentId: 'r2' }, manager)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MutationRejected);
    expect(refusal).toMatchObject({ code: 'residentHasWaitingPackages', params: { count: 1 } });
    const doorperson = await memory.transaction((tx) => runMutation(tx, 'eraseResident', { residentId: 'r1' }, { ...manager, staffRole: 'doorperson' })).catch((error: unknown) => error);
    expect(doorperson).toMatchObject({ code: 'notAllowedForRole' });

    await memory.transaction((tx) => tx.delete('residents', 'r1')); // moved out earlier
    await memory.transaction((tx) => runMutation(tx, 'eraseResident', { residentId: 'r1' }, manager));
    expect(JSON.stringify(memory.rows('packages').filter((row) => row.residentId === 'r1'))).not.toContain('Núñez');
    const unknown = await memory.transaction((tx) => runMutation(tx, 'eraseResident', { residentId: 'nobody' }, manager)).catch((error: unknown) => error);
    expect(unknown).toMatchObject({ code: 'residentUnknown' });
  });
});
