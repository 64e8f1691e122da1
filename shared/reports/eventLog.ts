import type { DomainEvent, EventType, Resident, Staff, Unit } from '../domain/model';

export interface EventFilter {
  types: readonly EventType[] | null;
  staffId: string | null;
  unitId: string | null;
  /** Inclusive instants (ISO); null: open. */
  from: string | null;
  to: string | null;
}

export const NO_EVENT_FILTER: EventFilter = { types: null, staffId: null, unitId: null, from: null, to: null };

/** Events matching the filter, newest first. */
export function filterEvents(events: readonly DomainEvent[], filter: EventFilter): DomainEvent[] {
  const types = filter.types ? new Set(filter.types) : null;
  return events
    .filter(
      (event) =>
        (types === null || types.has(event.type)) &&
        (filter.staffId === null || event.staffId === filter.staffId) &&
        (filter.unitId === null || event.unitId === filter.unitId) &&
        (filter.from === null || event.at >= filter.from) &&
        (filter.to === null || event.at <= filter.to),
    )
    .sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
}

export interface EventNames {
  staff: ReadonlyMap<string, Staff>;
  units: ReadonlyMap<string, Unit>;
  residents: ReadonlyMap<string, Resident>;
}

/**
 * One CSV row per event: when (UTC and building-local), what, who, which desk, for which unit and
 * resident, and what changed (the event's data as key=value pairs; events hold ids and codes only).
 */
export function eventCsvRows(events: readonly DomainEvent[], names: EventNames, localTime: (iso: string) => string): string[][] {
  return events.map((event) => {
    const resident = event.residentId ? names.residents.get(event.residentId) : undefined;
    return [
      event.at,
      localTime(event.at),
      event.type,
      names.staff.get(event.staffId)?.displayName ?? event.staffId,
      event.deskId,
      event.unitId ? (names.units.get(event.unitId)?.label ?? event.unitId) : '',
      resident ? `${resident.firstName} ${resident.lastName}` : (event.residentId ?? ''),
      Object.entries(event.data)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join('; '),
    ];
  });
}

export const EVENT_CSV_HEADER = ['at_utc', 'at_local', 'type', 'staff', 'desk', 'unit', 'resident', 'details'] as const;
