// Runs INSIDE the desk page: bundled by esbuild (IIFE) and added with page.addScriptTag. It reads
// units and residents straight from the desk's IndexedDB (raw API), builds the app's recipient
// index (the same shared/ code the Receive screen uses) and times searches with performance.now().

import type { Resident, Unit } from '../../shared/domain/model';
import { buildRecipientIndex } from '../../shared/search/recipients';

export interface LookupRun {
  queries: string[];
  builds: number;
  warmup: number;
  limit: number;
}

export interface LookupResult {
  buildMs: number[];
  searchMs: number[];
  /** Resident ids of the results of each query, best first, to compare with Node's. */
  results: string[][];
  residents: number;
  units: number;
}

declare global {
  interface Window {
    __deskLookup?: { run(run: LookupRun): Promise<LookupResult> };
  }
}

function readAll<T>(db: IDBDatabase, store: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(store, 'readonly').objectStore(store).getAll();
    req.onsuccess = () => resolve(req.result as T[]);
    req.onerror = () => reject(req.error);
  });
}

async function run({ queries, builds, warmup, limit }: LookupRun): Promise<LookupResult> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('conserje-desk');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const units = await readAll<Unit>(db, 'units');
  const residents = await readAll<Resident>(db, 'residents');
  db.close();

  const buildMs: number[] = [];
  // Every build is timed, the first (cold JIT, as in the app after a load) included.
  const start = performance.now();
  let index = buildRecipientIndex(units, residents);
  buildMs.push(performance.now() - start);
  for (let build = 1; build < builds; build++) {
    const start = performance.now();
    index = buildRecipientIndex(units, residents);
    buildMs.push(performance.now() - start);
  }
  for (const query of queries.slice(0, warmup)) index.search(query, limit);

  const searchMs: number[] = [];
  const results: string[][] = [];
  for (const query of queries) {
    const start = performance.now();
    const matches = index.search(query, limit);
    searchMs.push(performance.now() - start);
    results.push(matches.map((match) => match.resident.id));
  }
  return { buildMs, searchMs, results, residents: residents.length, units: units.length };
}

window.__deskLookup = { run };
