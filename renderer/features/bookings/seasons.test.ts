import { describe, expect, it } from 'vitest';
import { seasonGaps, seasonIssues } from './seasons';

const season = (from: string, until: string) => ({ from, until });

describe('season dates', () => {
  it('accepts an "All year" default with dated seasons inside it, and dated seasons that only touch', () => {
    expect(seasonIssues([season('', ''), season('2026-06-01', '2026-09-15'), season('2026-09-16', '2026-12-31'), season('2027-01-01', '')])).toEqual(new Map());
    expect(seasonIssues([season('', '2026-05-31'), season('2026-06-01', '')])).toEqual(new Map());
  });

  it('refuses dated seasons that overlap, naming the earlier one, and a second "All year"', () => {
    expect(seasonIssues([season('2026-06-01', '2026-09-15'), season('2026-09-15', '2026-12-31')])).toEqual(new Map([[1, { field: 'from', key: 'amenityEditor.errors.seasonOverlap', other: 0 }]]));
    expect(seasonIssues([season('', '2026-06-30'), season('2026-06-01', '2026-06-02')])).toEqual(new Map([[1, { field: 'from', key: 'amenityEditor.errors.seasonOverlap', other: 0 }]]));
    expect(seasonIssues([season('2027-01-01', ''), season('2028-01-01', '2028-02-01')]).get(1)?.key).toBe('amenityEditor.errors.seasonOverlap');
    expect(seasonIssues([season('', ''), season('', '')])).toEqual(new Map([[1, { field: 'from', key: 'amenityEditor.errors.twoAllYear', other: 0 }]]));
  });

  it('refuses a season that ends before it starts, and dates that are not days', () => {
    expect(seasonIssues([season('2026-09-15', '2026-06-01')])).toEqual(new Map([[0, { field: 'until', key: 'bookingRule.invalid.seasonEndsBeforeStart' }]]));
    expect(seasonIssues([season('2026-02-30', '')])).toEqual(new Map([[0, { field: 'from', key: 'amenityEditor.errors.date' }]]));
    expect(seasonIssues([season('', '2026-13-01')])).toEqual(new Map([[0, { field: 'until', key: 'amenityEditor.errors.date' }]]));
    // A season already wrong is not reported again as overlapping.
    expect([...seasonIssues([season('2026-09-15', '2026-06-01'), season('2026-07-01', '2026-07-31')]).keys()]).toEqual([0]);
  });
});

describe('days no season covers, from today on', () => {
  const today = '2026-05-01';
  it('none with an "All year" season or seamless seasons', () => {
    expect(seasonGaps([season('', ''), season('2026-06-01', '2026-09-15')], today)).toEqual([]);
    expect(seasonGaps([season('', '2026-05-31'), season('2026-06-01', '')], today)).toEqual([]);
  });
  it('lists the gaps between, before and after dated seasons, ignoring the past', () => {
    expect(seasonGaps([season('2026-06-01', '2026-09-15'), season('2025-01-01', '2025-12-31'), season('2026-10-01', '')], today)).toEqual([
      { from: '2026-05-01', until: '2026-05-31' },
      { from: '2026-09-16', until: '2026-09-30' },
    ]);
    expect(seasonGaps([season('', '2026-09-15')], today)).toEqual([{ from: '2026-09-16', until: '' }]);
    expect(seasonGaps([season('', '2026-04-01')], today)).toEqual([{ from: '2026-05-01', until: '' }]);
  });
});
