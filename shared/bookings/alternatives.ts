// When a request is refused, the nearest times the same resident could have instead: same
// duration (within the amenity's limits), fixed slots or the start grid, on the requested day and
// the days around it, nearest start first. Each one passes the whole engine for that resident.

import { MS_PER_MINUTE, dayOfLocalDate, minuteOfLocalTime } from '../time/civil';
import { zoneClock, type ZoneClock } from '../time/zone';
import { indexOf } from './bookingIndex';
import { candidatesForDay, type Candidate } from './availability';
import { SlotChecker, resolveBookingTime, toMs, type EvaluateBookingInput } from './evaluate';

export interface AlternativesInput extends EvaluateBookingInput {
  /** How many to return; default 3. */
  limit?: number;
  /** How many days before and after the requested day to look; default 14. */
  searchDays?: number;
}

export interface AlternativeSlot {
  start: string;
  end: string;
}

export function nearestAlternatives(input: AlternativesInput): AlternativeSlot[] {
  const limit = input.limit ?? 3;
  const searchDays = input.searchDays ?? 14;
  const clock = zoneClock(input.timeZone);
  const checker = new SlotChecker(input.amenity, clock, indexOf(input.bookings, input.timeZone));
  const wantedStart = lenientMs(input.request.start, clock);
  const wantedEnd = lenientMs(input.request.end, clock);
  const day = clock.localOf(wantedStart).day;

  const candidates: Candidate[] = [];
  for (let offset = -searchDays; offset <= searchDays; offset++) {
    const rules = checker.calendar.rules(day + offset);
    if (!rules) continue;
    const slotting = rules.slotting;
    if (slotting.kind === 'fixed') {
      candidates.push(...candidatesForDay(checker, day + offset));
    } else {
      const asked = Math.round((wantedEnd - wantedStart) / MS_PER_MINUTE / slotting.stepMinutes) * slotting.stepMinutes;
      const duration = Math.min(slotting.maxMinutes, Math.max(slotting.minMinutes, asked));
      candidates.push(...candidatesForDay(checker, day + offset, duration, slotting.stepMinutes));
    }
  }
  candidates.sort((a, b) => Math.abs(a.startMs - wantedStart) - Math.abs(b.startMs - wantedStart) || a.startMs - b.startMs);

  const nowMs = toMs(input.now);
  const party = { unitId: input.resident.unitId, unitLabel: input.unitLabel, occupancy: input.resident.occupancy };
  const found: AlternativeSlot[] = [];
  for (const candidate of candidates) {
    if (found.length >= limit) break;
    if (!candidate.exists || (candidate.startMs === wantedStart && candidate.endMs === wantedEnd)) continue;
    const { reasons } = checker.check(candidate.startMs, candidate.endMs, input.request.partySize, {
      party,
      ignoreBookingId: input.ignoreBookingId,
      requestTime: true,
      nowMs,
    });
    if (reasons.length === 0) found.push({ start: new Date(candidate.startMs).toISOString(), end: new Date(candidate.endMs).toISOString() });
  }
  return found;
}

/** Where a requested time is, even when it does not exist (moved forward by the gap). */
function lenientMs(value: string, clock: ZoneClock): number {
  const resolved = resolveBookingTime(value, clock);
  if (resolved.ok) return resolved.ms;
  return clock.instantOfLenient(dayOfLocalDate(resolved.date), minuteOfLocalTime(resolved.time));
}
