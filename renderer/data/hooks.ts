import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import type { Building, Package, Resident, Staff, Unit } from '../../shared/domain/model';
import { buildRecipientIndex, type RecipientIndex } from '../../shared/search/recipients';
import { deskDatabase } from './database';

export function useBuilding(): Building | undefined {
  return useLiveQuery(() => deskDatabase().buildings.toCollection().first());
}

export interface Directory {
  units: Unit[];
  residents: Resident[];
  unitsById: Map<string, Unit>;
  residentsById: Map<string, Resident>;
  index: RecipientIndex;
}

const DirectoryContext = createContext<Directory | undefined>(undefined);

/**
 * Loads the directory once for the whole signed-in shell: every screen shares one copy of the
 * residents and one search index instead of reading and indexing them per component.
 */
export function DirectoryProvider({ children }: { children: ReactNode }) {
  return createElement(DirectoryContext.Provider, { value: useDirectoryQuery() }, children);
}

/** Units and residents with a search index (undefined while loading). Needs a DirectoryProvider. */
export function useDirectory(): Directory | undefined {
  return useContext(DirectoryContext);
}

/** Units and residents with a search index, rebuilt only when the directory itself changes. */
function useDirectoryQuery(): Directory | undefined {
  const units = useLiveQuery(() => deskDatabase().units.toArray());
  const residents = useLiveQuery(() => deskDatabase().residents.toArray());
  return useMemo(() => {
    if (!units || !residents) return undefined;
    return {
      units,
      residents,
      unitsById: new Map(units.map((unit) => [unit.id, unit])),
      residentsById: new Map(residents.map((resident) => [resident.id, resident])),
      index: buildRecipientIndex(units, residents),
    };
  }, [units, residents]);
}

export function useWaitingPackages(): Package[] | undefined {
  return useLiveQuery(async () => {
    const waiting = await deskDatabase().packages.where('[status+receivedAt]').between(['waiting', ''], ['waiting', '\uffff']).toArray();
    return waiting.reverse();
  });
}

export function useWaitingForUnit(unitId: string | null): Package[] | undefined {
  return useLiveQuery(async () => {
    if (!unitId) return [];
    const forUnit = await deskDatabase().packages.where('unitId').equals(unitId).toArray();
    return forUnit.filter((pkg) => pkg.status === 'waiting').sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }, [unitId]);
}

export function useReceivedSince(sinceIso: string): Package[] | undefined {
  return useLiveQuery(
    async () => (await deskDatabase().packages.where('receivedAt').aboveOrEqual(sinceIso).toArray()).reverse(),
    [sinceIso],
  );
}

export function usePendingMutationCount(): number | undefined {
  return useLiveQuery(() => deskDatabase().outbox.count());
}

export function useActiveStaff(): Staff[] | undefined {
  return useLiveQuery(async () => (await deskDatabase().staff.toArray()).filter((staff) => staff.active).sort((a, b) => a.displayName.localeCompare(b.displayName)));
}
