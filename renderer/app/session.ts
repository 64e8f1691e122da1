import { create } from 'zustand';
import type { Staff } from '../../shared/domain/model';
import { managesStaff } from '../../shared/mutations/staff';
import type { DeskSession } from '../db/commit';

export type Screen = 'receive' | 'release' | 'waiting' | 'residents' | 'history' | 'bookings' | 'messages' | 'manage' | 'reports' | 'settings';

/** Screens only some roles see; the server checks the same roles on every mutation they make. */
export function canOpenScreen(staff: Pick<Staff, 'role'>, screen: Screen): boolean {
  return (screen !== 'manage' && screen !== 'reports') || managesStaff(staff.role);
}

interface SessionState {
  staff: Staff | null;
  /** Locked after idle time: the same person unlocks with their PIN, or someone else signs in. */
  locked: boolean;
  screen: Screen;
  /** A unit the release screen should open with (from the waiting list). */
  releaseUnitId: string | null;
  signIn(staff: Staff): void;
  updateStaff(staff: Staff): void;
  lock(): void;
  signOut(): void;
  go(screen: Screen, options?: { releaseUnitId?: string }): void;
}

export const useSession = create<SessionState>((set) => ({
  staff: null,
  locked: false,
  screen: 'receive',
  releaseUnitId: null,
  signIn: (staff) => set({ staff, locked: false }),
  // The same person with a changed row (preferences, a new PIN); a screen their role no longer
  // allows is left for the default one.
  updateStaff: (staff) => set((state) => ({ staff, screen: canOpenScreen(staff, state.screen) ? state.screen : 'receive' })),
  lock: () => set((state) => (state.staff ? { locked: true } : state)),
  signOut: () => set({ staff: null, locked: false, screen: 'receive', releaseUnitId: null }),
  go: (screen, options) => set({ screen, releaseUnitId: options?.releaseUnitId ?? null }),
}));

export function deskSessionOf(staff: Staff): DeskSession {
  return { staffId: staff.id, staffRole: staff.role };
}
