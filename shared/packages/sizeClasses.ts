import type { MeasurementSystem, PackageSize } from '../domain/model';

// What the desk's size classes mean, so every doorperson sorts parcels alike and a resident knows
// whether to bring help. Round numbers in each system (a 30 cm box is not "11.81 in"): the two
// sets describe the same shelves, not conversions of each other. In millimetres, longest side first.

export type Dimensions = readonly [number, number, number];

/** The largest box each class holds; `oversized` is anything larger than `large`. */
export const SIZE_CLASS_LIMITS: Readonly<Record<MeasurementSystem, Readonly<Record<Exclude<PackageSize, 'oversized'>, Dimensions>>>> = {
  metric: { small: [300, 200, 100], medium: [450, 350, 200], large: [750, 500, 500] },
  imperial: { small: [12 * 25.4, 8 * 25.4, 4 * 25.4], medium: [18 * 25.4, 14 * 25.4, 8 * 25.4], large: [30 * 25.4, 20 * 25.4, 20 * 25.4] },
};

/** The bound that describes a class: "up to" these for small to large, "larger than" these for oversized. */
export function sizeClassBound(size: PackageSize, system: MeasurementSystem): { kind: 'upTo' | 'largerThan'; dimensionsMm: Dimensions } {
  const limits = SIZE_CLASS_LIMITS[system];
  return size === 'oversized' ? { kind: 'largerThan', dimensionsMm: limits.large } : { kind: 'upTo', dimensionsMm: limits[size] };
}
