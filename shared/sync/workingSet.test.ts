import { describe, expect, it } from 'vitest';
import { generateBuilding, workingSet } from '../demo/fixture';
import { historyAt, historySince, inWorkingSet, WORKING_SET_DAYS } from './workingSet';

const NOW = new Date('2026-03-15T12:00:00.000Z');

describe('the working set rule', () => {
  it('starts the window WORKING_SET_DAYS before now', () => {
    expect(historySince(NOW)).toBe('2026-02-13T12:00:00.000Z');
    expect(historySince(NOW, 1)).toBe('2026-03-14T12:00:00.000Z');
    expect(WORKING_SET_DAYS).toBe(30);
  });

  it('keeps waiting packages whatever their age, and released ones for the window after their release', async () => {
    const fixture = await generateBuilding({ size: 'small', now: NOW });
    const waiting = fixture.packages.find((pkg) => pkg.status === 'waiting');
    const released = fixture.packages.filter((pkg) => pkg.status === 'released');
    if (!waiting || released.length === 0) throw new Error('the small fixture has waiting and released packages');
    expect(historyAt('packages', { ...waiting, receivedAt: '2020-01-01T00:00:00.000Z' })).toBeNull();
    for (const pkg of released) expect(historyAt('packages', pkg)).toBe(pkg.release?.at);
    const since = historySince(NOW);
    const kept = released.filter((pkg) => inWorkingSet('packages', pkg, since));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(released.length);
  });

  it('counts a returned package without a release record from its arrival', () => {
    const returned = { status: 'returned', release: null, receivedAt: '2026-01-02T03:04:05.000Z' };
    expect(historyAt('packages', returned)).toBe('2026-01-02T03:04:05.000Z');
  });

  it('treats events and refusals as history from the moment they happen, and never the directory', () => {
    expect(historyAt('events', { at: '2026-03-01T00:00:00.000Z' })).toBe('2026-03-01T00:00:00.000Z');
    expect(historyAt('rejections', { decidedAt: '2026-03-02T00:00:00.000Z' })).toBe('2026-03-02T00:00:00.000Z');
    for (const table of ['buildings', 'units', 'residents', 'staff'] as const) expect(historyAt(table, { at: '2000-01-01T00:00:00.000Z' })).toBeNull();
    expect(historyAt('packages', null)).toBeNull();
  });

  it('agrees with the demo fixture working set the benchmarks report', async () => {
    const fixture = await generateBuilding({ size: 'small', now: NOW });
    const set = workingSet(fixture, NOW);
    const since = historySince(NOW);
    expect(set.packages.map((pkg) => pkg.id).sort()).toEqual(fixture.packages.filter((pkg) => inWorkingSet('packages', pkg, since)).map((pkg) => pkg.id).sort());
  });
});
