import type { TFunction } from 'i18next';
import type { Booking } from '../../../shared/domain/bookings';
import type { DomainEvent, Package, Resident, Unit } from '../../../shared/domain/model';
import { formatDateTime } from '../../../shared/i18n/format';
import type { EventHistoryResponse, HistorySearchResponse } from '../../../shared/sync/history';

// "Everything held about one resident" (the privacy policy's access right, tracker issue 7): what
// this desk holds merged with what the central service holds (older history), as one
// machine-readable file and a readable summary in the resident's own language.

export interface ResidentExport {
  format: 'conserje.resident-export';
  version: 1;
  exportedAt: string;
  /** False when the central service could not be reached: only this desk's copy is included. */
  includesServiceHistory: boolean;
  resident: Resident;
  unit: Unit | null;
  packages: Package[];
  bookings: Booking[];
  events: DomainEvent[];
}

export interface ServicePages {
  packages: (before: number | undefined) => Promise<HistorySearchResponse>;
  events: (before: number | undefined) => Promise<EventHistoryResponse>;
}

/** Every page of a paged history search. */
async function allPages<P extends { nextBefore: number | null }, R>(fetchPage: (before: number | undefined) => Promise<P>, rows: (page: P) => R[]): Promise<R[]> {
  const collected: R[] = [];
  let before: number | undefined;
  for (let guard = 0; guard < 1_000; guard++) {
    const page = await fetchPage(before);
    collected.push(...rows(page));
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  return collected;
}

function byId<T extends { id: string }>(...lists: T[][]): T[] {
  const merged = new Map<string, T>();
  for (const list of lists) for (const row of list) merged.set(row.id, row);
  return [...merged.values()];
}

export async function assembleResidentExport(
  local: { resident: Resident; unit: Unit | null; packages: Package[]; bookings: Booking[]; events: DomainEvent[] },
  service: ServicePages | null,
  now: Date,
): Promise<ResidentExport> {
  let servicePackages: Package[] = [];
  let serviceEvents: DomainEvent[] = [];
  if (service) {
    servicePackages = await allPages(service.packages, (page: HistorySearchResponse) => page.packages);
    serviceEvents = await allPages(service.events, (page: EventHistoryResponse) => page.events);
  }
  return {
    format: 'conserje.resident-export',
    version: 1,
    exportedAt: now.toISOString(),
    includesServiceHistory: service !== null,
    resident: local.resident,
    unit: local.unit,
    // The desk's copy last: it may hold changes not yet sent.
    packages: byId(servicePackages, local.packages).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    bookings: [...local.bookings].sort((a, b) => a.start.localeCompare(b.start)),
    events: byId(serviceEvents, local.events).sort((a, b) => a.at.localeCompare(b.at)),
  };
}

/** The readable summary, in the resident's language (`t` fixed to it) and the building's time zone. */
export function residentSummary(data: ResidentExport, t: TFunction, timeZone: string): string {
  const { resident } = data;
  const when = (iso: string) => formatDateTime(iso, resident.language, timeZone);
  const lines = [
    t('privacy.summary.title', { name: `${resident.firstName} ${resident.lastName}`, date: when(data.exportedAt) }),
    '',
    t('privacy.summary.profile'),
    `  ${t('privacy.summary.field', { label: t('privacy.summary.unit'), value: data.unit?.label ?? '—' })}`,
    `  ${t('privacy.summary.field', { label: t('privacy.summary.email'), value: resident.email ?? '—' })}`,
    `  ${t('privacy.summary.field', { label: t('privacy.summary.phone'), value: resident.phone ?? '—' })}`,
    `  ${t('privacy.summary.field', { label: t('privacy.summary.language'), value: new Intl.DisplayNames([resident.language], { type: 'language' }).of(resident.language) ?? resident.language })}`,
    `  ${t('privacy.summary.field', { label: t('privacy.summary.units'), value: t(`privacy.summary.measurement.${resident.measurement}`) })}`,
    `  ${t('privacy.summary.field', { label: t('privacy.summary.pickups'), value: resident.authorizedPickups.map((pickup) => pickup.name).join(', ') || '—' })}`,
    '',
    t('privacy.summary.packages', { count: data.packages.length }),
    ...data.packages.map((pkg) =>
      `  ${when(pkg.receivedAt)} · ${pkg.carrier} · ${t(`packages.status.${pkg.status}`)}${pkg.release ? ` · ${t('privacy.summary.released', { date: when(pkg.release.at), name: pkg.release.recipientName })}` : ''}`,
    ),
    '',
    t('privacy.summary.bookings', { count: data.bookings.length }),
    ...data.bookings.map((booking) => `  ${when(booking.start)} – ${when(booking.end)} · ${booking.status}`),
    '',
    t('privacy.summary.events', { count: data.events.length }),
    '',
    data.includesServiceHistory ? t('privacy.summary.complete') : t('privacy.summary.deskOnly'),
  ];
  return `${lines.join('\n')}\n`;
}
