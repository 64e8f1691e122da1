import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Rejection } from '../../shared/sync/protocol';

/**
 * - local: no central service configured yet: the desk works alone ("working locally").
 * - online: the last sync succeeded; offline: the service cannot be reached (retrying).
 * - syncing: pushing or pulling right now.
 * - error: the service answered with a failure; the client retries with backoff.
 * - updateRequired: this app speaks an older protocol or schema: sync stops until it is updated.
 * - notEnrolled: the desk has no valid device credential (never enrolled, or revoked): sync stops.
 */
export type SyncState = 'local' | 'online' | 'offline' | 'syncing' | 'error' | 'updateRequired' | 'notEnrolled';

/** Keys under `sync.errors.` in shared/i18n: the UI translates them in the staff member's language. */
export type SyncErrorKey =
  | 'unreachable'
  | 'serverUnavailable'
  | 'updateRequired'
  | 'notEnrolled'
  | 'revoked'
  | 'sequenceGap'
  | 'requestRefused'
  | 'badResponse'
  | 'storage';

export interface SyncError {
  key: SyncErrorKey;
  params: Record<string, string | number>;
  at: string;
}

export interface SyncStatus {
  state: SyncState;
  /** Only the window holding the Web Lock syncs; the others mirror its persisted status. */
  role: 'leader' | 'follower' | 'none';
  pendingCount: number;
  lastSuccessAt: string | null;
  lastError: SyncError | null;
  nextRetryAt: string | null;
  /** This desk's rejections the staff has not acknowledged yet, newest first. */
  rejections: Rejection[];
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'local',
  role: 'none',
  pendingCount: 0,
  lastSuccessAt: null,
  lastError: null,
  nextRetryAt: null,
  rejections: [],
};

export type SyncStatusStore = StoreApi<SyncStatus>;

export function createSyncStatusStore(initial: Partial<SyncStatus> = {}): SyncStatusStore {
  return createStore<SyncStatus>(() => ({ ...INITIAL_SYNC_STATUS, ...initial }));
}

/** The app's one sync status (each test makes its own store). */
export const syncStatusStore = createSyncStatusStore();

export function useSyncStatus<T>(selector: (status: SyncStatus) => T): T {
  return useStore(syncStatusStore, selector);
}
