import type { Package, Unit } from '../domain/model';

// Package reports for managers (tracker issue 7): pure functions over the packages a desk holds
// (waiting ones always; released ones for the working set's window), so they work offline.

const MS_PER_DAY = 86_400_000;

export interface AgingRow {
  key: string;
  /** Packages waiting at least the threshold. */
  count: number;
  /** Days the oldest of them has waited. */
  oldestDays: number;
}

/** Waiting packages older than `minDays`, grouped by unit label or by carrier, most first. */
export function packageAging(packages: readonly Package[], by: 'unit' | 'carrier', now: Date, minDays: number, units: ReadonlyMap<string, Unit>): AgingRow[] {
  const groups = new Map<string, AgingRow>();
  for (const pkg of packages) {
    if (pkg.status !== 'waiting') continue;
    const days = Math.floor((now.getTime() - Date.parse(pkg.receivedAt)) / MS_PER_DAY);
    if (days < minDays) continue;
    const key = by === 'unit' ? (units.get(pkg.unitId)?.label ?? pkg.unitId) : pkg.carrier;
    const row = groups.get(key) ?? { key, count: 0, oldestDays: 0 };
    row.count += 1;
    row.oldestDays = Math.max(row.oldestDays, days);
    groups.set(key, row);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.oldestDays - a.oldestDays || a.key.localeCompare(b.key, undefined, { numeric: true }));
}

export interface DailyCount {
  /** Local date in the building's zone, YYYY-MM-DD. */
  date: string;
  received: number;
  released: number;
}

/** The building-local calendar date of an instant. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((one) => one.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Packages received and released per local day over the `days` days ending today (building zone),
 * oldest first, days without any included.
 */
export function dailyIntakeAndRelease(packages: readonly Package[], timeZone: string, now: Date, days: number): DailyCount[] {
  const dates: string[] = [];
  // Noon steps never skip or repeat a calendar day across daylight-saving changes.
  const todayNoon = Date.parse(`${localDateOf(now, timeZone)}T12:00:00Z`);
  for (let back = days - 1; back >= 0; back--) dates.push(new Date(todayNoon - back * MS_PER_DAY).toISOString().slice(0, 10));
  const counts = new Map(dates.map((date) => [date, { date, received: 0, released: 0 }]));
  for (const pkg of packages) {
    const received = counts.get(localDateOf(pkg.receivedAt, timeZone));
    if (received) received.received += 1;
    if (pkg.release) {
      const released = counts.get(localDateOf(pkg.release.at, timeZone));
      if (released) released.released += 1;
    }
  }
  return dates.map((date) => counts.get(date) ?? { date, received: 0, released: 0 });
}
