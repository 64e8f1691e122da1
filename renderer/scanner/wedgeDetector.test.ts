import { describe, expect, it } from 'vitest';
import { RepeatScanFilter, WedgeDetector, type WedgeDecision } from './wedgeDetector';

function feed(detector: WedgeDetector, keys: string[], startMs: number, gapMs: number): WedgeDecision[] {
  return keys.map((key, i) => detector.onKey(key, startMs + i * gapMs));
}
const chars = (text: string) => [...text];

describe('WedgeDetector', () => {
  it('recognizes a fast burst ending in Enter as a scan and holds every key of it', () => {
    const detector = new WedgeDetector();
    const decisions = feed(detector, [...chars('1Z999AA10123456784'), 'Enter'], 1000, 8);
    expect(decisions.slice(0, -1).every((d) => d.kind === 'hold')).toBe(true);
    expect(decisions.at(-1)).toEqual({ kind: 'scan', code: '1Z999AA10123456784' });
  });

  it('accepts Tab as the terminator too', () => {
    const detector = new WedgeDetector();
    expect(feed(detector, [...chars('9400111899223197428490'), 'Tab'], 0, 5).at(-1)).toMatchObject({ kind: 'scan' });
  });

  it('hands slow typing back as text, one key at a time, without losing a character', () => {
    const detector = new WedgeDetector();
    const decisions = feed(detector, chars('12b'), 0, 150);
    expect(decisions).toEqual([
      { kind: 'hold' },
      { kind: 'release', text: '1', current: 'hold' },
      { kind: 'release', text: '2', current: 'hold' },
    ]);
    expect(detector.flush()).toBe('b');
  });

  it('lets Enter through after a short quick burst (a person, not a barcode)', () => {
    const detector = new WedgeDetector();
    const decisions = feed(detector, [...chars('12'), 'Enter'], 0, 10);
    expect(decisions.at(-1)).toEqual({ kind: 'release', text: '12', current: 'pass' });
  });

  it('does not treat a burst as a scan when the Enter comes late', () => {
    const detector = new WedgeDetector();
    feed(detector, chars('1Z999AA1012'), 0, 5);
    expect(detector.onKey('Enter', 500)).toEqual({ kind: 'release', text: '1Z999AA1012', current: 'pass' });
  });

  it('releases held text before a non-printable key such as Backspace', () => {
    const detector = new WedgeDetector();
    detector.onKey('a', 0);
    expect(detector.onKey('Backspace', 5)).toEqual({ kind: 'release', text: 'a', current: 'pass' });
    expect(detector.onKey('ArrowDown', 10)).toEqual({ kind: 'pass' });
  });

  it('strips the configured prefix and suffix', () => {
    const detector = new WedgeDetector({ maxKeyGapMs: 35, minLength: 6, prefix: ']C1', suffix: '#' });
    expect(feed(detector, [...chars(']C1ABC123456#'), 'Enter'], 0, 5).at(-1)).toEqual({ kind: 'scan', code: 'ABC123456' });
  });

  it('keeps a scan whole when one key arrives late on a busy PC', () => {
    const detector = new WedgeDetector();
    const keys = [...'TBA857463256368'];
    const decisions = keys.map((key, i) => detector.onKey(key, i * 5 + (i >= 6 ? 60 : 0)));
    expect(decisions.every((decision) => decision.kind === 'hold')).toBe(true);
    expect(detector.onKey('Enter', keys.length * 5 + 62)).toEqual({ kind: 'scan', code: 'TBA857463256368' });
  });

  it('does not stretch that tolerance to people typing', () => {
    const detector = new WedgeDetector();
    const decisions = feed(detector, [...chars('12ab'), 'x'], 0, 60);
    expect(decisions.filter((decision) => decision.kind === 'release')).toHaveLength(4);
  });

  it('waits past the longest tolerated gap before handing keys back', () => {
    const detector = new WedgeDetector();
    feed(detector, chars('TBA8'), 0, 5);
    expect(detector.flushDelayMs).toBeGreaterThan(35 * 4);
    const short = new WedgeDetector();
    short.onKey('a', 0);
    expect(short.flushDelayMs).toBe(101); // a busy PC may deliver queued scanner keys late
  });

  it('handles two scans back to back', () => {
    const detector = new WedgeDetector();
    expect(feed(detector, [...chars('ABCDEF12'), 'Enter'], 0, 5).at(-1)).toEqual({ kind: 'scan', code: 'ABCDEF12' });
    expect(feed(detector, [...chars('XYZ98765'), 'Enter'], 60, 5).at(-1)).toEqual({ kind: 'scan', code: 'XYZ98765' });
  });
});

describe('RepeatScanFilter', () => {
  it('flags the same code within the window only', () => {
    const filter = new RepeatScanFilter(2000);
    expect(filter.isRepeat('A', 0)).toBe(false);
    expect(filter.isRepeat('A', 1500)).toBe(true);
    expect(filter.isRepeat('B', 1600)).toBe(false);
    expect(filter.isRepeat('B', 4000)).toBe(false);
  });
});
