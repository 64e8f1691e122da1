// Who was at the desk when something happened. Doorpersons do most of the work, managers some,
// the admin rarely; staff who have since left (inactive) appear only in older history, so a
// fixture never shows a departed employee releasing a package last week.

import type { Staff, StaffRole } from '../domain/model';
import { weightedPicker, type Random, type WeightedPicker } from './random';
import { MS_PER_DAY } from './zone';

const ROLE_WEIGHT: Readonly<Record<StaffRole, number>> = { doorperson: 6, manager: 1, admin: 0.2 };
/** Inactive staff left about this long before `now`. */
const DEPARTED_DAYS_AGO = 400;

export interface DutyRoster {
  /** A staff id plausible for an action at this instant. */
  pick(random: Random, instantMs: number): string;
}

export function createDutyRoster(staff: readonly Staff[], nowMs: number): DutyRoster {
  const pickerFor = (members: readonly Staff[]): WeightedPicker<string> =>
    weightedPicker(members.map((member) => [member.id, ROLE_WEIGHT[member.role]] as const));
  const current = pickerFor(staff.filter((member) => member.active));
  const everyone = pickerFor(staff);
  const departedBefore = nowMs - DEPARTED_DAYS_AGO * MS_PER_DAY;
  return {
    pick: (random, instantMs) => (instantMs < departedBefore ? everyone : current).pick(random),
  };
}
