import type { Package, Resident } from '../../shared/domain/model';
import { wallClockAsUtc } from '../../shared/time/zone';
import type { ServerDb } from '../db/database';
import type { DeliveryChannel } from './channel';
import { unreachableReason } from './compose';
import { enqueueDeliveries, type NewDelivery } from './outbox';

// Reminders for packages left on the shelf. For each resident, the highest age level their
// packages have crossed (REMINDER_AFTER_HOURS, e.g. 48 h then 168 h) and the newest package that
// crossed it name the reminder: the same situation seen again by the next scan (or by another
// server instance) is the same row id and queues nothing; a package crossing a level later names
// a new one, which counts every waiting package when it is written. A vacation hold pauses
// them through its last day (in the building's zone); what comes due meanwhile goes out after.

export interface ReminderScan {
  now: Date;
  afterHours: readonly number[];
  channel: DeliveryChannel | null;
}

/** The building-local calendar date of an instant, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClockAsUtc(instant, timeZone)).toISOString().slice(0, 10);
}

/** The reminder a resident is due now, or null: level (0-based) and the package that names it. */
export function dueReminder(packages: readonly Package[], now: Date, afterHours: readonly number[]): { level: number; packageId: string } | null {
  for (let level = afterHours.length - 1; level >= 0; level--) {
    const threshold = new Date(now.getTime() - (afterHours[level] ?? 0) * 3_600_000).toISOString();
    const crossed = packages.filter((pkg) => pkg.status === 'waiting' && pkg.receivedAt <= threshold);
    if (crossed.length === 0) continue;
    const newest = crossed.reduce((latest, pkg) => (pkg.receivedAt > latest.receivedAt || (pkg.receivedAt === latest.receivedAt && pkg.id > latest.id) ? pkg : latest));
    return { level, packageId: newest.id };
  }
  return null;
}

const RESIDENT_CHUNK = 500;

/** Queues the reminders due in every building; returns how many rows it tried to queue. */
export async function scanReminders(db: ServerDb, scan: ReminderScan): Promise<number> {
  if (scan.afterHours.length === 0 || !scan.channel) return 0;
  const buildings = await db.kysely.selectFrom('buildings').select(['id', 'time_zone']).execute();
  let queued = 0;
  for (const building of buildings) {
    const waiting = await db.kysely
      .selectFrom('packages')
      .select('data')
      .where('building_id', '=', building.id)
      .where('status', '=', 'waiting')
      .where('deleted', '=', 0)
      .execute();
    const byResident = new Map<string, Package[]>();
    for (const row of waiting) {
      if (row.data === null) continue;
      const pkg = JSON.parse(row.data) as Package;
      byResident.set(pkg.residentId, [...(byResident.get(pkg.residentId) ?? []), pkg]);
    }
    const today = localDate(scan.now, building.time_zone);
    const deliveries: NewDelivery[] = [];
    const residentIds = [...byResident.keys()];
    for (let start = 0; start < residentIds.length; start += RESIDENT_CHUNK) {
      const residents = await db.kysely
        .selectFrom('residents')
        .select('data')
        .where('building_id', '=', building.id)
        .where('deleted', '=', 0)
        .where('id', 'in', residentIds.slice(start, start + RESIDENT_CHUNK))
        .execute();
      for (const row of residents) {
        if (row.data === null) continue;
        const resident = JSON.parse(row.data) as Resident;
        if (unreachableReason(resident, scan.channel) !== null) continue;
        if (resident.vacationHoldUntil && resident.vacationHoldUntil >= today) continue;
        const due = dueReminder(byResident.get(resident.id) ?? [], scan.now, scan.afterHours);
        if (!due) continue;
        deliveries.push({
          id: `rm-${resident.id}-L${due.level}-${due.packageId}`,
          kind: 'packageReminder',
          residentId: resident.id,
          messageId: null,
          payload: { level: due.level, packageId: due.packageId },
          status: 'queued',
          code: null,
          dueAt: scan.now.toISOString(),
        });
      }
    }
    await enqueueDeliveries(db.kysely, building.id, deliveries, scan.now.toISOString());
    queued += deliveries.length;
  }
  return queued;
}
