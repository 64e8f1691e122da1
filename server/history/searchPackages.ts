import { Package } from '../../shared/domain/model';
import type { HistorySearchRequest, HistorySearchResponse } from '../../shared/sync/history';
import type { ServerDb } from '../db/database';

/**
 * One building's packages of every age (what desks no longer keep), matching a unit, a
 * resident or a tracking number (whole, or its end), newest change first. Pages by version:
 * `before` is exclusive, so a page boundary never repeats or skips a package that did not change.
 * A stored row that no longer parses is left out rather than failing the search.
 */
export async function searchPackageHistory(db: ServerDb, buildingId: string, request: HistorySearchRequest): Promise<HistorySearchResponse> {
  const { query } = request;
  let select = db.kysely
    .selectFrom('packages')
    .select(['version', 'data'])
    .where('building_id', '=', buildingId)
    .where('deleted', '=', 0);
  if (query.by === 'unit') select = select.where('unit_id', '=', query.unitId);
  else if (query.by === 'resident') select = select.where('resident_id', '=', query.residentId);
  else select = select.where((eb) => eb.or([eb('tracking_number', '=', query.trackingNumber), eb('tracking_number', 'like', `%${query.trackingNumber}`)]));
  if (request.before !== undefined) select = select.where('version', '<', request.before);
  const rows = await select.orderBy('version', 'desc').limit(request.limit + 1).execute();

  const page = rows.slice(0, request.limit);
  const packages: Package[] = [];
  for (const row of page) {
    const parsed = Package.safeParse(JSON.parse(row.data ?? 'null'));
    if (parsed.success) packages.push(parsed.data);
  }
  const last = page.at(-1);
  return { packages, nextBefore: rows.length > request.limit && last ? last.version : null };
}
