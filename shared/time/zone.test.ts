import { describe, expect, it } from 'vitest';
import { startOfLocalDay, zoneOffsetMs } from './zone';

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
