import type { Booking } from '../../shared/domain/bookings';
import type { NoticeKind } from '../../shared/domain/messaging';
import type { DomainEvent, Resident } from '../../shared/domain/model';
import type { AppliedMutation } from '../sync/push';
import type { DeliveryChannel } from './channel';
import { unreachableReason } from './compose';
import { enqueueDeliveries, type NewDelivery } from './outbox';
import { writeMessageSummary } from './summaries';

// What the central service does when a desk's mutation lands: a hook per event type, run in the
// mutation's own transaction (server/sync/push.ts `afterApply`), so an e-mail is queued exactly
// when, and only if, the mutation is applied. A new kind of notice is one more entry in HOOKS:
// the booking events (booking.confirmed …) only need their event types to exist.

export interface NoticeDeps {
  channel: DeliveryChannel | null;
  /** Package arrivals within this window after the first become one notice. */
  packageNoticeDelayMs: number;
  now: () => Date;
}

export type NoticeHook = (applied: AppliedMutation, event: DomainEvent, deps: NoticeDeps) => Promise<void>;

const BOOKING_NOTICES: Readonly<Record<string, NoticeKind>> = {
  'booking.confirmed': 'bookingConfirmed',
  'booking.declined': 'bookingDeclined',
  'booking.cancelled': 'bookingCancelled',
  'booking.offeredFromWaitlist': 'bookingOffered',
};

/** Keyed by event type as text: event types other features add plug in without touching this file's types. */
export const NOTICE_HOOKS: Readonly<Record<string, NoticeHook>> = {
  'message.sent': planMessageDeliveries,
  'message.broadcast': planMessageDeliveries,
  'package.received': queuePackageNotice,
  'resident.erased': forgetErasedResident,
  ...Object.fromEntries(Object.entries(BOOKING_NOTICES).map(([type, kind]) => [type, bookingNotice(kind)])),
};

/**
 * The `afterApply` of the sync engine: each event the mutation recorded, to its hook. Events are
 * rows the shared mutators just built from validated arguments; they are matched by their type
 * as text, so event types another feature adds reach their hooks even before this build knows them.
 */
export function createNoticeHooks(deps: NoticeDeps, hooks: Readonly<Record<string, NoticeHook>> = NOTICE_HOOKS): (applied: AppliedMutation) => Promise<void> {
  return async (applied) => {
    for (const write of applied.writes) {
      if (write.table !== 'events' || write.row === null || typeof write.row !== 'object') continue;
      const type: unknown = (write.row as Record<string, unknown>).type;
      const hook = typeof type === 'string' && Object.hasOwn(hooks, type) ? hooks[type] : undefined;
      if (hook) await hook(applied, write.row as DomainEvent, deps);
    }
  };
}

/**
 * One delivery row per recipient of a message (one resident, every resident of a unit, every
 * resident of a broadcast's units), each queued or already settled with the reason it cannot go
 * (no address, opted out, bounced), then the message's first delivery summary.
 */
async function planMessageDeliveries(applied: AppliedMutation, event: DomainEvent, deps: NoticeDeps): Promise<void> {
  const messageId = event.data.messageId;
  const threadId = event.data.threadId;
  if (typeof messageId !== 'string' || typeof threadId !== 'string') return;
  const thread = await applied.rows.get('threads', threadId);
  if (!thread) return;
  let recipients: Resident[];
  if (thread.kind === 'resident') {
    const resident = thread.residentId === null ? undefined : await applied.rows.get('residents', thread.residentId);
    recipients = resident ? [resident] : [];
  } else if (thread.kind === 'unit') {
    recipients = thread.unitId === null ? [] : await applied.rows.findBy('residents', 'unitId', thread.unitId);
  } else {
    recipients = await residentsOfUnits(applied, thread.broadcast?.unitIds ?? []);
  }
  const now = deps.now().toISOString();
  const deliveries = recipients.map((resident): NewDelivery => {
    const reason = unreachableReason(resident, deps.channel);
    return {
      id: `m-${messageId}-${resident.id}`,
      kind: 'message',
      residentId: resident.id,
      messageId,
      payload: {},
      status: reason === null ? 'queued' : reason === 'notConfigured' ? 'failed' : 'skipped',
      code: reason,
      dueAt: now,
    };
  });
  await enqueueDeliveries(applied.trx, applied.rows.buildingId, deliveries, now);
  await writeMessageSummary(applied.rows, applied.trx, messageId, now);
}

const UNIT_CHUNK = 500;

/** Residents of many units in a few queries (a broadcast to a thousand units is not a thousand queries). */
async function residentsOfUnits(applied: AppliedMutation, unitIds: readonly string[]): Promise<Resident[]> {
  const found: Resident[] = [];
  for (let start = 0; start < unitIds.length; start += UNIT_CHUNK) {
    const rows = await applied.trx
      .selectFrom('residents')
      .select('data')
      .where('building_id', '=', applied.rows.buildingId)
      .where('deleted', '=', 0)
      .where('unit_id', 'in', unitIds.slice(start, start + UNIT_CHUNK))
      .orderBy('id')
      .execute();
    for (const row of rows) if (row.data !== null) found.push(JSON.parse(row.data) as Resident);
  }
  return found;
}

/**
 * One notice per resident per arrival batch: the first package of a batch queues a notice due
 * after the window; packages arriving before it goes out join it (it counts the waiting packages
 * when it is written). The pending notice is touched with an UPDATE so that, on PostgreSQL, a
 * worker about to claim it waits for this push (it then counts this package too).
 */
async function queuePackageNotice(applied: AppliedMutation, event: DomainEvent, deps: NoticeDeps): Promise<void> {
  if (event.residentId === null) return;
  const resident = await applied.rows.get('residents', event.residentId);
  if (unreachableReason(resident, deps.channel) !== null) return;
  const now = deps.now();
  const pending = await applied.trx
    .updateTable('delivery_outbox')
    .set({ updated_at: now.toISOString() })
    .where('building_id', '=', applied.rows.buildingId)
    .where('resident_id', '=', event.residentId)
    .where('kind', '=', 'packageReceived')
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(pending.numUpdatedRows) > 0) return;
  await enqueueDeliveries(
    applied.trx,
    applied.rows.buildingId,
    [
      {
        id: `pr-${event.residentId}-${event.id}`,
        kind: 'packageReceived',
        residentId: event.residentId,
        messageId: null,
        payload: { packageId: event.packageId },
        status: 'queued',
        code: null,
        dueAt: new Date(now.getTime() + deps.packageNoticeDelayMs).toISOString(),
      },
    ],
    now.toISOString(),
  );
}

/**
 * A booking notice for the resident of the booking the event is about: the event's
 * `data.bookingId` when it names one, else the booking of that resident the mutation wrote.
 */
function bookingNotice(kind: NoticeKind): NoticeHook {
  return async (applied, event, deps) => {
    const written = applied.writes.filter((write) => write.table === 'bookings').map((write) => write.row as Booking);
    const named = typeof event.data.bookingId === 'string' ? event.data.bookingId : null;
    const booking =
      (named === null ? undefined : (written.find((row) => row.id === named) ?? (await applied.rows.get('bookings', named)))) ??
      written.filter((row) => event.residentId === null || row.residentId === event.residentId).at(-1);
    if (!booking) return;
    const resident = await applied.rows.get('residents', booking.residentId);
    if (unreachableReason(resident, deps.channel) !== null) return;
    const now = deps.now().toISOString();
    await enqueueDeliveries(
      applied.trx,
      applied.rows.buildingId,
      [{ id: `bk-${event.id}`, kind, residentId: booking.residentId, messageId: null, payload: { bookingId: booking.id }, status: 'queued', code: null, dueAt: now }],
      now,
    );
  };
}

/**
 * An erased resident (shared/mutations/privacy.ts) keeps no way in and no mail in flight: their
 * page links and sessions go, and e-mails still queued for them are dropped (those already sent
 * are out of the service's hands; their log rows hold ids and codes only).
 */
async function forgetErasedResident(applied: AppliedMutation, event: DomainEvent): Promise<void> {
  const residentId = event.residentId;
  if (residentId === null) return;
  const buildingId = applied.rows.buildingId;
  await applied.trx.deleteFrom('resident_links').where('building_id', '=', buildingId).where('resident_id', '=', residentId).execute();
  await applied.trx.deleteFrom('resident_sessions').where('building_id', '=', buildingId).where('resident_id', '=', residentId).execute();
  await applied.trx.deleteFrom('delivery_outbox').where('building_id', '=', buildingId).where('resident_id', '=', residentId).where('status', '=', 'queued').execute();
}
