// What the sync client needs from its surroundings, as small interfaces with a browser
// implementation each: tests pass fakes (a manual clock, no locks, the fake server's pokes).

/** Clock and timers. */
export interface SyncTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** In [0, 1): the jitter of the backoff. */
  random(): number;
}

export const browserTimers: SyncTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  random: () => Math.random(),
};

/**
 * Leader election between windows: `work` runs while this window holds the lock, and the lock is
 * held until the promise it returns settles. Windows that wait for it just read the database.
 */
export interface SyncLocks {
  request(name: string, work: () => Promise<void>): Promise<void>;
}

/** Web Locks (navigator.locks): exclusive, released when the window closes or crashes. */
export function webLocks(locks: LockManager): SyncLocks {
  return { request: (name, work) => locks.request(name, { mode: 'exclusive' }, work) };
}

/** No other window to coordinate with (tests, or a browser without Web Locks). */
export const soleWindowLocks: SyncLocks = { request: (_name, work) => work() };

export interface PokeHandlers {
  onOpen(): void;
  /** The building's version moved: pull now. */
  onPoke(): void;
  onError(): void;
}

export interface PokeConnection {
  close(): void;
}

/** Opens the server's poke stream (Server-Sent Events). */
export type PokeConnector = (url: string, handlers: PokeHandlers) => PokeConnection;

/** Whether the machine has a network at all, and when that changes. */
export interface NetworkSignals {
  isOnline(): boolean;
  subscribe(onOnline: () => void, onOffline: () => void): () => void;
}

export const browserNetwork: NetworkSignals = {
  isOnline: () => navigator.onLine,
  subscribe(onOnline, onOffline) {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  },
};

/** Always online, never changes: for tests that do not exercise the network signals. */
export const alwaysOnline: NetworkSignals = { isOnline: () => true, subscribe: () => () => undefined };

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half and all
 * of min(cap, base × 2^(n−1)), so desks that lost the server together do not return together.
 */
export function backoffDelay(failures: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(failures, 1) - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
