import { describe, expect, it } from 'vitest';
import type { Message, MessageTemplate, MessageThread } from '../domain/messaging';
import type { Resident, StaffRole, Unit } from '../domain/model';
import { MemoryStore } from './memoryTx';
import { runMutation } from './registry';
import { MutationRejected } from './rejection';
import type { MutationContext } from './tx';

const units: Unit[] = [
  { id: 'u1', label: '101', floor: 1 },
  { id: 'u2', label: '201', floor: 2 },
];
const resident = (id: string, unitId: string, extra: Partial<Resident> = {}): Resident => ({
  id, unitId, firstName: 'José', lastName: 'Núñez', email: `${id}@example.org`, phone: null, language: 'es',
  measurement: 'metric', occupancy: 'owner', authorizedPickups: [], ...extra,
});
const template = (id: string, extra: Partial<MessageTemplate> = {}): MessageTemplate => ({
  id, name: 'Water', purpose: 'custom', subject: { en: 'Water', es: 'Agua' }, body: { en: 'Hello {{residentName}}', es: 'Hola {{residentName}}' },
  updatedAt: '2026-03-01T10:00:00.000Z', updatedBy: 's1', ...extra,
});

let sequence = 0;
function context(overrides: Partial<MutationContext> = {}): MutationContext {
  sequence += 1;
  return { mutationId: `m-${sequence}`, staffId: 's1', staffRole: 'doorperson', deskId: 'd1', at: '2026-03-01T15:00:00.000Z', ...overrides };
}

function store(): MemoryStore {
  const memory = new MemoryStore();
  memory.seed('units', units);
  memory.seed('residents', [resident('r1', 'u1'), resident('r2', 'u1', { language: 'fr' }), resident('r3', 'u2')]);
  memory.seed('templates', [template('tpl-water')]);
  return memory;
}

async function run(memory: MemoryStore, name: string, args: unknown, ctx = context()) {
  await memory.transaction((tx) => runMutation(tx, name, args, ctx));
  return ctx;
}

async function rejectionOf(promise: Promise<unknown>): Promise<MutationRejected> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MutationRejected);
  return error as MutationRejected;
}

const toResident = (messageId: string, threadId: string, body: string | null = 'Your parcel is here.', extra: Record<string, unknown> = {}) => ({
  messageId, threadId, newThread: { to: { kind: 'resident', residentId: 'r1' }, subject: 'Parcel' }, body, templateId: null, ...extra,
});

describe('sendMessage', () => {
  it('starts a thread with a resident and records the message and an event without its text', async () => {
    const memory = store();
    const ctx = await run(memory, 'sendMessage', toResident('msg1', 't1'));
    const [thread] = memory.rows('threads');
    expect(thread).toMatchObject<Partial<MessageThread>>({ id: 't1', kind: 'resident', unitId: 'u1', residentId: 'r1', subject: 'Parcel', createdBy: 's1', unread: 0, lastMessageAt: ctx.at });
    expect(memory.rows('messages')).toEqual([
      { id: 'msg1', threadId: 't1', direction: 'outbound', staffId: 's1', residentId: null, body: 'Your parcel is here.', template: null, sentAt: ctx.at, mutationId: ctx.mutationId, delivery: null },
    ]);
    const [event] = memory.rows('events');
    expect(event).toMatchObject({ type: 'message.sent', residentId: 'r1', unitId: 'u1', data: { threadId: 't1', messageId: 'msg1', kind: 'resident', template: null } });
    expect(JSON.stringify(event)).not.toContain('parcel is here');
  });

  it('writes to a unit, and appends to an existing thread marking its replies read', async () => {
    const memory = store();
    await run(memory, 'sendMessage', { ...toResident('msg1', 't1'), newThread: { to: { kind: 'unit', unitId: 'u2' }, subject: 'Noise' } });
    memory.seed('messages', [{ id: 'in1', threadId: 't1', direction: 'inbound', staffId: null, residentId: 'r3', body: 'Sorry!', template: null, sentAt: '2026-03-01T15:10:00.000Z', mutationId: null, delivery: null } satisfies Message]);
    const [thread] = memory.rows('threads');
    if (!thread) throw new Error('no thread');
    memory.seed('threads', [{ ...thread, unread: 1, lastInboundAt: '2026-03-01T15:10:00.000Z', lastMessageAt: '2026-03-01T15:10:00.000Z' }]);
    await run(memory, 'sendMessage', { ...toResident('msg2', 't1'), newThread: null }, context({ at: '2026-03-01T15:20:00.000Z', staffId: 's2' }));
    expect(memory.rows('threads')[0]).toMatchObject({ kind: 'unit', unitId: 'u2', residentId: null, unread: 0, readUpTo: '2026-03-01T15:20:00.000Z', readBy: 's2', lastMessageAt: '2026-03-01T15:20:00.000Z' });
    expect(memory.rows('messages')).toHaveLength(3);
  });

  it('keeps a template in every language and shows the first one at the desk', async () => {
    const memory = store();
    await run(memory, 'sendMessage', toResident('msg1', 't1', null, { templateId: 'tpl-water' }));
    expect(memory.rows('messages')[0]).toMatchObject({ body: 'Hello {{residentName}}', template: { id: 'tpl-water', subject: { en: 'Water', es: 'Agua' }, body: { es: 'Hola {{residentName}}' } } });
  });

  it('refuses empty, oversized or both-or-neither bodies, unknown recipients, threads and templates, and broken placeholders', async () => {
    const memory = store();
    expect((await rejectionOf(run(memory, 'sendMessage', toResident('m', 't', '   ')))).params).toMatchObject({ field: 'body', message: 'text.required' });
    expect((await rejectionOf(run(memory, 'sendMessage', toResident('m', 't', 'x'.repeat(4001))))).params).toMatchObject({ field: 'body', message: 'text.tooLong' });
    expect((await rejectionOf(run(memory, 'sendMessage', toResident('m', 't', null)))).params).toMatchObject({ message: 'messages.bodyOrTemplate' });
    expect((await rejectionOf(run(memory, 'sendMessage', toResident('m', 't', 'Hi', { templateId: 'tpl-water' })))).params).toMatchObject({ message: 'messages.bodyOrTemplate' });
    expect((await rejectionOf(run(memory, 'sendMessage', { ...toResident('m', 't'), newThread: { to: { kind: 'resident', residentId: 'nobody' }, subject: 'x' } }))).code).toBe('recipientUnknown');
    expect((await rejectionOf(run(memory, 'sendMessage', { ...toResident('m', 't'), newThread: { to: { kind: 'unit', unitId: 'nowhere' }, subject: 'x' } }))).code).toBe('unitUnknown');
    expect((await rejectionOf(run(memory, 'sendMessage', { ...toResident('m', 't'), newThread: null }))).code).toBe('threadUnknown');
    expect((await rejectionOf(run(memory, 'sendMessage', toResident('m', 't', null, { templateId: 'missing' })))).code).toBe('templateUnknown');
    const broken = await rejectionOf(run(memory, 'sendMessage', toResident('m', 't', 'Hello {{firstName}}')));
    expect(broken).toMatchObject({ code: 'templateInvalid', params: { problem: 'unknown', placeholder: 'firstName', field: 'body' } });
    expect(memory.rows('messages')).toEqual([]);
    expect(memory.rows('threads')).toEqual([]);
    await run(memory, 'sendMessage', toResident('m', 't'));
    expect((await rejectionOf(run(memory, 'sendMessage', toResident('m', 't')))).code).toBe('messageAlreadyExists');
  });
});

describe('markThreadRead', () => {
  it('never goes backwards and keeps later replies unread', async () => {
    const memory = store();
    await run(memory, 'sendMessage', toResident('msg1', 't1'));
    memory.seed('messages', ['15:10', '15:30'].map((time, index): Message => ({
      id: `in${index}`, threadId: 't1', direction: 'inbound', staffId: null, residentId: 'r1', body: 'Thanks', template: null, sentAt: `2026-03-01T${time}:00.000Z`, mutationId: null, delivery: null,
    })));
    await run(memory, 'markThreadRead', { threadId: 't1', upTo: '2026-03-01T15:10:00.000Z' });
    expect(memory.rows('threads')[0]).toMatchObject({ unread: 1, readUpTo: '2026-03-01T15:10:00.000Z' });
    await run(memory, 'markThreadRead', { threadId: 't1', upTo: '2026-03-01T15:00:00.000Z' });
    expect(memory.rows('threads')[0]).toMatchObject({ unread: 1, readUpTo: '2026-03-01T15:10:00.000Z' });
    await run(memory, 'markThreadRead', { threadId: 't1', upTo: '2026-03-01T15:30:00.000Z' });
    expect(memory.rows('threads')[0]).toMatchObject({ unread: 0 });
    expect((await rejectionOf(run(memory, 'markThreadRead', { threadId: 'nope', upTo: '2026-03-01T15:30:00.000Z' }))).code).toBe('threadUnknown');
  });
});

const broadcastArgs = (extra: Record<string, unknown> = {}) => ({
  messageId: 'bm1', threadId: 'bt1', scope: 'floors', floors: [1, 2], unitIds: ['u1', 'u2'], subject: 'Water shut-off', body: 'Water is off on Tuesday, {{residentName}}.', templateId: null, confirmedRecipients: 3, ...extra,
});

describe('broadcast', () => {
  it('is for managers and administrators only', async () => {
    for (const role of ['doorperson'] satisfies StaffRole[]) expect((await rejectionOf(run(store(), 'broadcast', broadcastArgs(), context({ staffRole: role })))).code).toBe('notAllowedForRole');
  });

  it('records a broadcast thread naming its units, one message and an event with counts', async () => {
    const memory = store();
    await run(memory, 'broadcast', broadcastArgs(), context({ staffRole: 'manager' }));
    expect(memory.rows('threads')[0]).toMatchObject({ id: 'bt1', kind: 'broadcast', unitId: null, residentId: null, broadcast: { scope: 'floors', floors: [1, 2], unitIds: ['u1', 'u2'] } });
    expect(memory.rows('messages')).toHaveLength(1);
    expect(memory.rows('events')[0]).toMatchObject({ type: 'message.broadcast', data: { units: 2, confirmedRecipients: 3, scope: 'floors' } });
  });

  it('refuses unknown units, duplicates and an empty audience', async () => {
    const manager = () => context({ staffRole: 'manager' });
    expect(await rejectionOf(run(store(), 'broadcast', broadcastArgs({ unitIds: ['u1', 'gone', 'gone2'] }), manager()))).toMatchObject({ code: 'unitUnknown', params: { count: 2 } });
    expect((await rejectionOf(run(store(), 'broadcast', broadcastArgs({ unitIds: ['u1', 'u1'] }), manager()))).params).toMatchObject({ message: 'messages.duplicateUnits' });
    expect((await rejectionOf(run(store(), 'broadcast', broadcastArgs({ unitIds: [] }), manager()))).params).toMatchObject({ message: 'messages.noUnits' });
  });
});

describe('upsertTemplate', () => {
  const args = (extra: Record<string, unknown> = {}) => ({ templateId: 'tpl-new', name: 'Parcel', purpose: 'packageReceived', subject: { en: '{{packageCount}} parcels' }, body: { en: 'Hi {{residentName}}, {{packageCount}} parcels since {{date}}.' }, ...extra });

  it('saves a valid template for managers', async () => {
    const memory = store();
    await run(memory, 'upsertTemplate', args(), context({ staffRole: 'manager' }));
    expect(memory.rows('templates').find((row) => row.id === 'tpl-new')).toMatchObject({ purpose: 'packageReceived', updatedBy: 's1' });
    expect(memory.rows('events')[0]).toMatchObject({ type: 'template.saved', data: { templateId: 'tpl-new', languages: 'en' } });
    expect((await rejectionOf(run(memory, 'upsertTemplate', args(), context({ staffRole: 'doorperson' })))).code).toBe('notAllowedForRole');
  });

  it('refuses broken placeholders, placeholders without a value for the purpose, half languages and no language', async () => {
    const manager = () => context({ staffRole: 'manager' });
    expect(await rejectionOf(run(store(), 'upsertTemplate', args({ body: { en: 'Hi {{residentName' } }), manager()))).toMatchObject({ code: 'templateInvalid', params: { problem: 'unclosed', language: 'en', field: 'body' } });
    expect(await rejectionOf(run(store(), 'upsertTemplate', args({ body: { en: 'Your {{amenity}}' } }), manager()))).toMatchObject({ code: 'templateInvalid', params: { problem: 'notAllowed', placeholder: 'amenity' } });
    expect(await rejectionOf(run(store(), 'upsertTemplate', args({ body: { en: 'x', fr: 'y' } }), manager()))).toMatchObject({ params: { problem: 'subjectOrBodyMissing', language: 'fr', field: 'subject' } });
    expect(await rejectionOf(run(store(), 'upsertTemplate', args({ subject: {}, body: {} }), manager()))).toMatchObject({ params: { problem: 'empty' } });
    expect(await rejectionOf(run(store(), 'upsertTemplate', args({ templateId: 'tpl-water' }), manager()))).toMatchObject({ params: { problem: 'purposeChanged' } });
  });
});

describe('setResidentMessaging and the directory form', () => {
  it('records opt-out and vacation hold, and the resident form keeps them', async () => {
    const memory = store();
    memory.seed('residents', [resident('r1', 'u1', { emailBounce: { at: '2026-02-01T00:00:00.000Z', smtpCode: 550 } })]);
    await run(memory, 'setResidentMessaging', { residentId: 'r1', emailOptOut: true, vacationHoldUntil: '2026-03-20', clearBounce: false });
    expect(memory.rows('residents').find((row) => row.id === 'r1')).toMatchObject({ emailOptOut: true, vacationHoldUntil: '2026-03-20', emailBounce: { smtpCode: 550 } });
    expect(memory.rows('events')[0]).toMatchObject({ type: 'resident.messagingChanged', data: { emailOptOut: true, vacationHold: true, bounceCleared: false } });

    const form = { residentId: 'r1', unitId: 'u1', firstName: 'José', lastName: 'Núñez', email: 'r1@example.org', phone: null, language: 'es', measurement: 'metric', occupancy: 'owner', authorizedPickups: [] };
    await run(memory, 'upsertResident', form, context({ staffRole: 'manager' }));
    expect(memory.rows('residents').find((row) => row.id === 'r1')).toMatchObject({ emailOptOut: true, vacationHoldUntil: '2026-03-20', emailBounce: { smtpCode: 550 } });
    await run(memory, 'upsertResident', { ...form, email: 'new@example.org' }, context({ staffRole: 'manager' }));
    expect(memory.rows('residents').find((row) => row.id === 'r1')).toMatchObject({ emailOptOut: true, emailBounce: null });
    expect((await rejectionOf(run(memory, 'setResidentMessaging', { residentId: 'r1', emailOptOut: false, vacationHoldUntil: '2026-02-30x', clearBounce: false }))).params).toMatchObject({ message: 'messages.invalidDate' });
  });
});
