import { randomShortCode } from '../../shared/packages/shortCode';
import { deskDatabase } from './database';

/**
 * A shelf code not used by any package this desk knows. 32^6 ≈ 10^9 codes make a clash rare; the
 * server re-checks once sync exists, since two offline desks could still pick the same one.
 */
export async function allocateShortCode(): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = randomShortCode();
    if ((await deskDatabase().packages.where('shortCode').equals(code).count()) === 0) return code;
  }
  throw new Error('shortCode.exhausted');
}
