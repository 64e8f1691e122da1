import { describe, expect, it } from 'vitest';
import { PinThrottle } from './pinThrottle';

describe('PinThrottle', () => {
  it('allows five tries, then makes the person wait longer after each further failure', () => {
    const throttle = new PinThrottle();
    for (let i = 0; i < 4; i++) throttle.recordFailure('s1', 0);
    expect(throttle.secondsToWait('s1', 0)).toBe(0);
    throttle.recordFailure('s1', 0);
    expect(throttle.secondsToWait('s1', 0)).toBe(30);
    expect(throttle.secondsToWait('s1', 31_000)).toBe(0);
    throttle.recordFailure('s1', 31_000);
    expect(throttle.secondsToWait('s1', 31_000)).toBe(60);
    expect(throttle.secondsToWait('s2', 31_000)).toBe(0);
    throttle.recordSuccess('s1');
    expect(throttle.secondsToWait('s1', 31_000)).toBe(0);
  });
});
