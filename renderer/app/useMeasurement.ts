import type { MeasurementSystem } from '../../shared/domain/model';
import { useSession } from './session';

/** The signed-in staff member's measurement system (metric until someone signs in). */
export function useMeasurement(): MeasurementSystem {
  return useSession((state) => state.staff?.measurement ?? 'metric');
}
