import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { PackageKind } from '../../../shared/domain/model';

/** A scanned (or hand-entered) package that still needs a recipient before it is saved. */
export interface ReceiveDraft {
  key: string;
  trackingNumber: string | null;
  carrier: string;
  carrierName: string | null;
  format: string | null;
  formatName: string | null;
  kind: PackageKind;
  hint: 'carrierUnknown' | 'checksumInvalid' | null;
}

export interface ReceiveBatch {
  startedAt: string;
  packageIds: string[];
}

interface ReceiveState {
  /** Scanned packages waiting for a recipient, oldest first; the first one is being assigned. */
  drafts: ReceiveDraft[];
  batch: ReceiveBatch | null;
  lastLocation: string | null;
  lastSavedPackageId: string | null;
  enqueue(draft: ReceiveDraft): void;
  dropActive(): void;
  startBatch(now: Date): void;
  endBatch(): ReceiveBatch | null;
  recordSaved(packageId: string, location: string | null): void;
}

// The batch and the last shelf survive a restart (localStorage); unsaved drafts are physical
// parcels still in the doorperson's hands, so they stay in memory only.
export const useReceive = create<ReceiveState>()(
  persist(
    (set, get) => ({
      drafts: [],
      batch: null,
      lastLocation: null,
      lastSavedPackageId: null,
      enqueue: (draft) => set({ drafts: [...get().drafts, draft] }),
      dropActive: () => set({ drafts: get().drafts.slice(1) }),
      startBatch: (now) => set({ batch: { startedAt: now.toISOString(), packageIds: [] } }),
      endBatch: () => {
        const batch = get().batch;
        set({ batch: null });
        return batch;
      },
      recordSaved: (packageId, location) => {
        const batch = get().batch;
        set({
          drafts: get().drafts.slice(1),
          lastLocation: location ?? get().lastLocation,
          lastSavedPackageId: packageId,
          batch: batch ? { ...batch, packageIds: [...batch.packageIds, packageId] } : null,
        });
      },
    }),
    {
      name: 'conserje.receive',
      partialize: (state) => ({ batch: state.batch, lastLocation: state.lastLocation, lastSavedPackageId: state.lastSavedPackageId }),
    },
  ),
);
