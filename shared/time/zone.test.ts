import { describe, expect, it } from 'vitest';
import { dayOfLocalDate } from './civil';
import { createZoneClock, instantToLocal, isValidTimeZone, localToInstant, startOfLocalDay, wallClockAsUtc, zoneOffsetMs } from './zone';

describe('building time zone helpers', () => {
  it('knows the offset on both sides of a DST change', () => {
    expect(zoneOffsetMs(new Date('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * 3600_000);
    expect(zoneOffsetMs(new Date('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3600_000);
    expect(zoneOffsetMs(new Date('2026-07-15T12:00:00Z'), 'America/Montevideo')).toBe(-3 * 3600_000);
  });

  it('finds local midnight, also on the day clocks spring forward or fall back', () => {
    expect(startOfLocalDay(new Date('2026-03-08T15:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-01T15:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-03-29T23:30:00Z'), 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-01-01T02:00:00Z'), 'America/New_York').toISOString()).toBe('2025-12-31T05:00:00.000Z');
  });
});

describe('local date and time <-> instant in the building zone', () => {
  it('converts ordinary times, midnight ends and the leap day', () => {
    expect(localToInstant('2026-01-15', '18:00', 'America/New_York')).toEqual({ ok: true, instant: '2026-01-15T23:00:00.000Z' });
    expect(localToInstant('2026-01-15', '24:00', 'America/New_York')).toEqual({ ok: true, instant: '2026-01-16T05:00:00.000Z' });
    expect(localToInstant('2028-02-29', '10:00', 'Europe/Paris')).toEqual({ ok: true, instant: '2028-02-29T09:00:00.000Z' });
    expect(localToInstant('2027-02-29', '10:00', 'Europe/Paris')).toEqual({ ok: false, reason: 'invalid' });
    expect(localToInstant('2026-01-15', '24:30', 'Europe/Paris')).toEqual({ ok: false, reason: 'invalid' });
    expect(instantToLocal('2028-02-29T23:30:00.000Z', 'Europe/Paris')).toEqual({ date: '2028-03-01', time: '00:30' });
  });

  it('refuses times that do not exist when clocks spring forward (New York 2026-03-08, Paris 2026-03-29)', () => {
    expect(localToInstant('2026-03-08', '01:59', 'America/New_York')).toEqual({ ok: true, instant: '2026-03-08T06:59:00.000Z' });
    expect(localToInstant('2026-03-08', '02:00', 'America/New_York')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(localToInstant('2026-03-08', '02:59', 'America/New_York')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(localToInstant('2026-03-08', '03:00', 'America/New_York')).toEqual({ ok: true, instant: '2026-03-08T07:00:00.000Z' });
    expect(localToInstant('2026-03-29', '02:30', 'Europe/Paris')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(localToInstant('2026-03-29', '03:00', 'Europe/Paris')).toEqual({ ok: true, instant: '2026-03-29T01:00:00.000Z' });
    // The lenient form moves a time in the gap forward by the gap.
    const clock = createZoneClock('America/New_York');
    const day = dayOfLocalDate('2026-03-08');
    expect(new Date(clock.instantOfLenient(day, 150)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the earlier offset for times that happen twice when clocks fall back (New York 2026-11-01, Paris 2026-10-25)', () => {
    expect(localToInstant('2026-11-01', '00:59', 'America/New_York')).toEqual({ ok: true, instant: '2026-11-01T04:59:00.000Z' });
    expect(localToInstant('2026-11-01', '01:30', 'America/New_York')).toEqual({ ok: true, instant: '2026-11-01T05:30:00.000Z' });
    expect(localToInstant('2026-11-01', '02:00', 'America/New_York')).toEqual({ ok: true, instant: '2026-11-01T07:00:00.000Z' });
    expect(localToInstant('2026-10-25', '02:30', 'Europe/Paris')).toEqual({ ok: true, instant: '2026-10-25T00:30:00.000Z' });
    expect(localToInstant('2026-10-25', '03:00', 'Europe/Paris')).toEqual({ ok: true, instant: '2026-10-25T02:00:00.000Z' });
    // Both occurrences read back as the same wall-clock time.
    expect(instantToLocal('2026-11-01T05:30:00.000Z', 'America/New_York')).toEqual({ date: '2026-11-01', time: '01:30' });
    expect(instantToLocal('2026-11-01T06:30:00.000Z', 'America/New_York')).toEqual({ date: '2026-11-01', time: '01:30' });
  });

  it('keeps Montevideo at UTC-3 all year (no daylight saving since 2015)', () => {
    for (const date of ['2026-01-10', '2026-03-08', '2026-07-01', '2026-10-04', '2026-11-01']) {
      expect(localToInstant(date, '02:30', 'America/Montevideo')).toEqual({ ok: true, instant: `${date}T05:30:00.000Z` });
    }
  });

  it('agrees with Intl every 37 minutes of a year in New York, Paris and Lord Howe (30-minute DST)', () => {
    const mismatches: string[] = [];
    for (const timeZone of ['America/New_York', 'Europe/Paris', 'Australia/Lord_Howe']) {
      const clock = createZoneClock(timeZone);
      for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 37 * 60_000) {
        const wall = wallClockAsUtc(new Date(ms), timeZone);
        const { day, minute } = clock.localOf(ms);
        const back = clock.instantOf(day, minute);
        // Back to the same instant, or to the earlier twin of an ambiguous time.
        const backOk = back === ms || (back !== undefined && back < ms && wallClockAsUtc(new Date(back), timeZone) === wall);
        if (day * 86_400_000 + minute * 60_000 !== wall || !backOk) mismatches.push(`${timeZone} ${new Date(ms).toISOString()}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('rejects unknown zones', () => {
    expect(isValidTimeZone('America/Montevideo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => createZoneClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
