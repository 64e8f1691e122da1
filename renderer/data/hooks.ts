import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
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

/** Units and residents with a search index, rebuilt only when the directory itself changes. */
export function useDirectory(): Directory | undefined {
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
