// receivePackage arguments for the sync benchmarks: valid, and unique where the mutator demands it
// (a shelf code unique among waiting packages, a tracking number with no waiting twin), so a
// rejection in a benchmark always means wrong work, never a collision of the bench's own making.
import type { ReceivePackageArgs } from '../../../shared/mutations/packages';
import { createRandom } from '../../../shared/demo/random';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface PackageFactory {
  next(): ReceivePackageArgs;
}

/**
 * `taken` holds shelf codes already in use (waiting packages of the building); codes and tracking
 * numbers are drawn from a seeded stream and re-drawn on a clash. `tag` keeps ids and tracking
 * numbers of different runs and desks apart.
 */
export function packageFactory(options: {
  tag: string;
  seed: number;
  residentIds: readonly string[];
  takenShortCodes?: Iterable<string>;
  /**
   * Desks of one building that draw codes independently could draw the same one; with a slot
   * (0–31, one per desk of the building) codes are the slot's character + a counter instead.
   */
  slot?: number;
}): PackageFactory {
  const random = createRandom(options.seed).fork(`sync-bench-${options.tag}`);
  const taken = new Set(options.takenShortCodes ?? []);
  const tag = options.tag.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 16);
  let counter = 0;
  let sequence = 0;
  const shortCode = () => {
    if (options.slot !== undefined) {
      for (;;) {
        sequence += 1;
        let rest = '';
        for (let value = sequence, i = 0; i < 5; i++, value = Math.floor(value / 32)) rest = CROCKFORD[value % 32] + rest;
        const code = `${CROCKFORD[options.slot % 32]}${rest}`;
        if (!taken.has(code)) {
          taken.add(code);
          return code;
        }
      }
    }
    for (;;) {
      let code = '';
      for (let i = 0; i < 6; i++) code += CROCKFORD[random.int(0, 31)];
      if (!taken.has(code)) {
        taken.add(code);
        return code;
      }
    }
  };
  return {
    next() {
      counter += 1;
      const residentId = options.residentIds[random.int(0, options.residentIds.length - 1)];
      if (!residentId) throw new Error('no residents to receive packages for');
      return {
        packageId: `bench-${tag.toLowerCase()}-${counter}`,
        shortCode: shortCode(),
        trackingNumber: `SB${tag}${String(counter).padStart(7, '0')}`,
        carrier: 'other',
        trackingFormat: null,
        kind: 'parcel',
        residentId,
        size: null,
        location: 'A1',
        flags: [],
        note: null,
      };
    },
  };
}
