import { describe, expect, it } from 'vitest';
import { SignatureSvgPath } from '../../../shared/domain/model';
import { strokesToSvgPath } from './signaturePath';

describe('strokesToSvgPath', () => {
  it('turns strokes into path data the domain schema accepts', () => {
    const path = strokesToSvgPath([{ points: [{ x: 1.2, y: 2.7 }, { x: 10, y: 12 }] }, { points: [{ x: 5, y: 5 }] }]);
    expect(path).toBe('M 1 3 L 10 12 M 5 5 L 6 5');
    expect(SignatureSvgPath.safeParse(path).success).toBe(true);
  });

  it('returns null for an empty pad', () => {
    expect(strokesToSvgPath([])).toBeNull();
    expect(strokesToSvgPath([{ points: [] }])).toBeNull();
  });
});
