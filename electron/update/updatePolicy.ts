import type { DeskActivity } from '../../shared/bridge/contract';

// When a lobby desk checks for, and installs, a new version. Pure decisions over plain values; the
// controller beside it owns the timers and the updater.
// The rule that matters: installing restarts the app, so it never happens under a staff member's
// hands (someone signed in) nor while changes made offline still wait in the outbox (they are
// safe in IndexedDB, but a restart is the wrong moment to find out a migration misbehaves). When
// those conditions never come (a desk used around the clock), the update installs when the app
// next quits.

export interface UpdatePolicy {
  /** After start-up, so the first check does not compete with opening the desk. */
  firstCheckDelayMs: number;
  checkIntervalMs: number;
  /** After a failed check, the delay doubles from this up to checkIntervalMs. */
  retryBaseMs: number;
  /** The desk must have been idle (nobody signed in, nothing pending) this long before a restart. */
  quietBeforeInstallMs: number;
}

export const DEFAULT_UPDATE_POLICY: UpdatePolicy = {
  firstCheckDelayMs: 60_000,
  checkIntervalMs: 4 * 60 * 60_000,
  retryBaseMs: 5 * 60_000,
  quietBeforeInstallMs: 10 * 60_000,
};

/** Delay before the next check, given how many checks in a row have failed. */
export function nextCheckDelay(consecutiveFailures: number, policy: UpdatePolicy): number {
  if (consecutiveFailures <= 0) return policy.checkIntervalMs;
  return Math.min(policy.checkIntervalMs, policy.retryBaseMs * 2 ** (consecutiveFailures - 1));
}

/** True when nobody works at the desk and nothing waits to be sent. Unknown counts as busy. */
export function isDeskIdle(activity: DeskActivity | null): boolean {
  return activity !== null && !activity.signedIn && activity.pendingChanges === 0;
}

export type InstallDecision =
  | { install: true }
  | { install: false; reason: 'notDownloaded' | 'activityUnknown' | 'signedIn' | 'pendingChanges' }
  | { install: false; reason: 'quietPeriod'; waitMs: number };

export interface InstallInputs {
  downloaded: boolean;
  activity: DeskActivity | null;
  /** When the desk last became idle (ms), or null when it is not idle. */
  idleSince: number | null;
  now: number;
}

export function decideInstall(inputs: InstallInputs, policy: UpdatePolicy): InstallDecision {
  if (!inputs.downloaded) return { install: false, reason: 'notDownloaded' };
  const { activity } = inputs;
  if (activity === null) return { install: false, reason: 'activityUnknown' };
  if (activity.signedIn) return { install: false, reason: 'signedIn' };
  if (activity.pendingChanges > 0) return { install: false, reason: 'pendingChanges' };
  const idleFor = inputs.idleSince === null ? 0 : inputs.now - inputs.idleSince;
  // A sign-out is often a shift change: the next person signs in a minute later. Wait a while.
  if (idleFor < policy.quietBeforeInstallMs) return { install: false, reason: 'quietPeriod', waitMs: policy.quietBeforeInstallMs - idleFor };
  return { install: true };
}
