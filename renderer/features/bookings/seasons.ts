// The seasons of an amenity's rules, as the editor checks them: local dates, inclusive, '' for
// open-ended. Pure, unit-tested beside it.
//
// Model shown to managers: at most one "All year" rule set (no dates) is the default, and dated
// seasons override it; dated seasons must not overlap one another. The rules engine itself accepts
// any overlap (shared/bookings/calendar.ts: the season that started latest wins), so this is
// stricter than the engine, on purpose: with two dated seasons overlapping, which one governs a
// day depends on a precedence rule the manager cannot see in the editor. A summer season inside
// "All year" is the one overlap whose meaning is obvious, so it stays allowed.
//
// A day no season covers is not an error for the engine: it refuses bookings that day with
// `bookingNoRules` and the day view says the amenity has no rules then. So a gap is only a warning
// (a winter closure may be meant), listed from today on.

import { dayOfLocalDate, isLocalDate, localDateOfDay } from '../../../shared/time/civil';

export interface SeasonDates {
  /** "YYYY-MM-DD", or '' when the season has no start. */
  from: string;
  /** "YYYY-MM-DD", or '' when the season has no end. */
  until: string;
}

export type SeasonIssue = { field: 'from' | 'until'; key: 'amenityEditor.errors.date' | 'bookingRule.invalid.seasonEndsBeforeStart' } | { field: 'from'; key: 'amenityEditor.errors.seasonOverlap'; other: number } | { field: 'from'; key: 'amenityEditor.errors.twoAllYear'; other: number };

const isDate = isLocalDate;

export const isAllYear = (season: SeasonDates) => season.from === '' && season.until === '';

/** What is wrong with each season's dates, by season index; a season with no issue is absent. */
export function seasonIssues(seasons: readonly SeasonDates[]): Map<number, SeasonIssue> {
  const issues = new Map<number, SeasonIssue>();
  seasons.forEach((season, index) => {
    if (season.from !== '' && !isDate(season.from)) issues.set(index, { field: 'from', key: 'amenityEditor.errors.date' });
    else if (season.until !== '' && !isDate(season.until)) issues.set(index, { field: 'until', key: 'amenityEditor.errors.date' });
    else if (season.from !== '' && season.until !== '' && season.until < season.from) issues.set(index, { field: 'until', key: 'bookingRule.invalid.seasonEndsBeforeStart' });
  });
  // Overlaps are reported on the later-listed season, naming the earlier one, once per season.
  seasons.forEach((season, index) => {
    if (issues.has(index)) return;
    for (let other = 0; other < index; other++) {
      const earlier = seasons[other];
      if (!earlier || issues.has(other)) continue;
      if (isAllYear(season) && isAllYear(earlier)) {
        issues.set(index, { field: 'from', key: 'amenityEditor.errors.twoAllYear', other });
        return;
      }
      if (isAllYear(season) || isAllYear(earlier)) continue;
      if (overlaps(season, earlier)) {
        issues.set(index, { field: 'from', key: 'amenityEditor.errors.seasonOverlap', other });
        return;
      }
    }
  });
  return issues;
}

function overlaps(a: SeasonDates, b: SeasonDates): boolean {
  const startsBeforeEnd = (x: SeasonDates, y: SeasonDates) => x.from === '' || y.until === '' || x.from <= y.until;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

/** A stretch of days no season covers; `until` '' means "from then on". */
export interface SeasonGap {
  from: string;
  until: string;
}

/** The days from `today` on that no season covers (valid seasons only; none when one is "All year"). */
export function seasonGaps(seasons: readonly SeasonDates[], today: string): SeasonGap[] {
  const valid = seasons.filter((season) => (season.from === '' || isDate(season.from)) && (season.until === '' || isDate(season.until)) && (season.from === '' || season.until === '' || season.from <= season.until));
  if (valid.length === 0 || valid.some(isAllYear)) return [];
  const sorted = [...valid].sort((a, b) => a.from.localeCompare(b.from));
  const gaps: SeasonGap[] = [];
  let cursor = today; // the first day not known to be covered
  for (const season of sorted) {
    if (season.until !== '' && season.until < cursor) continue;
    if (season.from !== '' && season.from > cursor) gaps.push({ from: cursor, until: addDays(season.from, -1) });
    if (season.until === '') return gaps;
    if (season.until >= cursor) cursor = addDays(season.until, 1);
  }
  gaps.push({ from: cursor, until: '' });
  return gaps;
}

const addDays = (date: string, days: number) => localDateOfDay(dayOfLocalDate(date) + days);
