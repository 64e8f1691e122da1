import { DomainEvent } from '../../shared/domain/model';
import type { EventHistoryRequest, EventHistoryResponse } from '../../shared/sync/history';
import type { ServerDb } from '../db/database';

/**
 * One building's events of every age about a resident, a unit or a staff member (or all),
 * within an optional time range, newest write first, paged by version like the package history.
 */
export async function searchEventHistory(db: ServerDb, buildingId: string, request: EventHistoryRequest): Promise<EventHistoryResponse> {
  const { subject } = request;
  let select = db.kysely.selectFrom('events').select(['version', 'data']).where('building_id', '=', buildingId).where('deleted', '=', 0);
  if (subject.by === 'resident') select = select.where('resident_id', '=', subject.residentId);
  else if (subject.by === 'unit') select = select.where('unit_id', '=', subject.unitId);
  else if (subject.by === 'staff') select = select.where('staff_id', '=', subject.staffId);
  if (request.from) select = select.where('occurred_at', '>=', request.from);
  if (request.to) select = select.where('occurred_at', '<=', request.to);
  if (request.before !== undefined) select = select.where('version', '<', request.before);
  const rows = await select.orderBy('version', 'desc').limit(request.limit + 1).execute();
  const page = rows.slice(0, request.limit);
  const events: DomainEvent[] = [];
  for (const row of page) {
    const parsed = DomainEvent.safeParse(JSON.parse(row.data ?? 'null'));
    if (parsed.success) events.push(parsed.data);
  }
  const last = page.at(-1);
  return { events, nextBefore: rows.length > request.limit && last ? last.version : null };
}
