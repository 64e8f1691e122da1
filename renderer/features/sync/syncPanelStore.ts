import { create } from 'zustand';

interface SyncPanelState {
  open: boolean;
  show(): void;
  hide(): void;
  toggle(): void;
}

/** Whether the sync panel (F8) is open: the status bar and the Shell's shortcut share it. */
export const useSyncPanel = create<SyncPanelState>((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
  toggle: () => set((state) => ({ open: !state.open })),
}));
