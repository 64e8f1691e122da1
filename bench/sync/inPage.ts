// Runs INSIDE a desk page of the sync benchmarks (bundled by esbuild into an IIFE and added as an
// init script, so it is there before the app's scripts on every load). It only observes:
//   - every fetch the page makes (URL path, method, start, when the answer's headers arrived,
//     status): enrollment, pushes, pulls, the poke stream;
//   - every transaction the app opens on its database (stores, mode, start, `complete`);
//   - once `watch(ids)` is called, the commit time of the transaction that put each of those
//     package ids into the `packages` store, and (MutationObserver) when a waiting-list row
//     `#waiting-<id>` for it appears in the DOM;
//   - the app's sync log lines (console `[renderer:sync.*]`, e.g. sync.pulled with its replay counts);
//   - `online`/`offline` events.
// Times are epoch milliseconds with sub-millisecond precision (performance.timeOrigin + now), so
// two desks (two Chromium processes on one machine) can be compared; `clockSkew()` tells how far
// that clock is from Date.now() in this page.
// Plus raw-IndexedDB helpers (no Dexie, no app code) for counts, reads and the bulk-insert baseline.

export interface FetchRecord {
  path: string;
  method: string;
  start: number;
  /** The answer's headers arrived (fetch resolved); null while pending or failed. */
  headers: number | null;
  status: number | null;
  failed: boolean;
}
export interface TxRecord {
  mode: IDBTransactionMode;
  stores: string[];
  start: number;
  end: number | null;
  aborted: boolean;
}
export interface SyncLogRecord {
  code: string;
  fields: Record<string, unknown>;
  t: number;
}
export interface SyncBenchLog {
  fetches: FetchRecord[];
  tx: TxRecord[];
  /** Package id -> commit time of the transaction that first put it, for watched ids. */
  committed: Record<string, number>;
  /** Package id -> time its `#waiting-<id>` row first appeared, for watched ids. */
  shown: Record<string, number>;
  syncLog: SyncLogRecord[];
  online: number[];
  offline: number[];
}

export interface StoreSchema {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}
export interface BulkBaselineResult {
  totalMs: number;
  perTableMs: Record<string, number>;
  rows: number;
}

export interface SyncBenchApi {
  now(): number;
  clockSkew(): number;
  log(): SyncBenchLog;
  clear(): void;
  watch(ids: readonly string[]): void;
  counts(dbName: string): Promise<Record<string, number>>;
  meta(dbName: string, key: string): Promise<unknown>;
  /** Values of one field of every row of a store (e.g. the shortCode of every package). */
  fieldValues(dbName: string, store: string, field: string): Promise<unknown[]>;
  /**
   * Reads `tables` of `sourceDb` into memory (for a baseline elsewhere) and returns every store's
   * schema and the row counts; `stagedSlice` then hands the rows out in pieces small enough for
   * the automation protocol, and `stage` collects them in the baseline page.
   */
  stageExport(sourceDb: string, tables: string[]): Promise<{ schema: StoreSchema[]; counts: Record<string, number> }>;
  stagedSlice(table: string, from: number, to: number): unknown[];
  stage(table: string, rows: unknown[]): number;
  dropStaged(): void;
  /**
   * The staged rows into a fresh database with `schema`'s stores and indexes: one strict
   * transaction per table, or with `pageSize` one per that many rows (as sync's pages come).
   */
  rawBulkBaseline(targetDb: string, schema: StoreSchema[], pageSize?: number): Promise<BulkBaselineResult>;
  deleteDatabase(name: string): Promise<void>;
}

declare global {
  interface Window {
    __syncBench?: SyncBenchApi;
  }
}

const APP_DB = 'conserje-desk';
const now = (): number => performance.timeOrigin + performance.now();
const log: SyncBenchLog = { fetches: [], tx: [], committed: {}, shown: {}, syncLog: [], online: [], offline: [] };
const watched = new Set<string>();
let staged: Record<string, unknown[]> = {};

// ---- fetch ---------------------------------------------------------------------------------
const originalFetch = window.fetch.bind(window);
window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const record: FetchRecord = { path: new URL(url, location.href).pathname, method: init?.method ?? (input instanceof Request ? input.method : 'GET'), start: now(), headers: null, status: null, failed: false };
  log.fetches.push(record);
  try {
    const response = await originalFetch(input, init);
    record.headers = now();
    record.status = response.status;
    return response;
  } catch (error) {
    record.failed = true;
    record.headers = now();
    throw error;
  }
};

// ---- transactions and watched package writes -----------------------------------------------
const originalTransaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>): IDBTransaction {
  const tx = originalTransaction.apply(this, args);
  if (this.name === APP_DB) {
    const record: TxRecord = { mode: tx.mode, stores: Array.from(tx.objectStoreNames), start: now(), end: null, aborted: false };
    log.tx.push(record);
    tx.addEventListener('complete', () => (record.end = now()));
    tx.addEventListener('abort', () => {
      record.aborted = true;
      record.end = now();
    });
  }
  return tx;
};

type PutMethod = (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest<IDBValidKey>;
for (const op of ['put', 'add'] as const) {
  const original = IDBObjectStore.prototype[op] as PutMethod;
  (IDBObjectStore.prototype as unknown as Record<string, PutMethod>)[op] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = key === undefined ? original.call(this, value) : original.call(this, value, key);
    if (watched.size > 0 && this.name === 'packages' && this.transaction.db.name === APP_DB) {
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && watched.has(id) && log.committed[id] === undefined) {
        this.transaction.addEventListener('complete', () => {
          log.committed[id] ??= now();
        });
      }
    }
    return request;
  };
}

// ---- DOM rows, sync log, network events ----------------------------------------------------
function noteRow(element: Element): void {
  const id = element.id.startsWith('waiting-') ? element.id.slice('waiting-'.length) : null;
  if (id && watched.has(id) && log.shown[id] === undefined) log.shown[id] = now();
}

const observer = new MutationObserver((records) => {
  if (watched.size === 0) return;
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (!(node instanceof Element)) continue;
      noteRow(node);
      for (const row of node.querySelectorAll('[id^="waiting-"]')) noteRow(row);
    }
  }
});
const startObserving = () => observer.observe(document, { subtree: true, childList: true });
if (document.documentElement) startObserving();
else document.addEventListener('DOMContentLoaded', startObserving, { once: true });

for (const level of ['debug', 'info', 'warn', 'error'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && first.startsWith('[renderer:sync.')) {
      log.syncLog.push({ code: first.slice('[renderer:'.length, -1), fields: (args[1] ?? {}) as Record<string, unknown>, t: now() });
    }
    original(...args);
  };
}
window.addEventListener('online', () => log.online.push(now()));
window.addEventListener('offline', () => log.offline.push(now()));

// ---- raw IndexedDB helpers -----------------------------------------------------------------
function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

function openExisting(name: string): Promise<IDBDatabase> {
  return request(indexedDB.open(name));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error(`deleting ${name} is blocked`));
  });
}

function createWithSchema(name: string, schema: readonly StoreSchema[]): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      for (const store of schema) {
        const created = open.result.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
        for (const index of store.indexes) created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

const api: SyncBenchApi = {
  now,
  clockSkew: () => now() - Date.now(),
  log: () => log,
  clear() {
    log.fetches.length = 0;
    log.tx.length = 0;
    log.syncLog.length = 0;
    log.online.length = 0;
    log.offline.length = 0;
    log.committed = {};
    log.shown = {};
  },
  watch(ids) {
    for (const id of ids) watched.add(id);
  },
  async counts(dbName) {
    const db = await openExisting(dbName);
    try {
      const names = Array.from(db.objectStoreNames);
      const tx = db.transaction(names, 'readonly');
      const counts: Record<string, number> = {};
      for (const name of names) counts[name] = await request(tx.objectStore(name).count());
      return counts;
    } finally {
      db.close();
    }
  },
  async meta(dbName, key) {
    const db = await openExisting(dbName);
    try {
      if (!db.objectStoreNames.contains('meta')) return undefined;
      const entry = (await request(db.transaction('meta', 'readonly').objectStore('meta').get(key))) as { value?: unknown } | undefined;
      return entry?.value;
    } finally {
      db.close();
    }
  },
  async fieldValues(dbName, store, field) {
    const db = await openExisting(dbName);
    try {
      const rows = (await request(db.transaction(store, 'readonly').objectStore(store).getAll())) as Record<string, unknown>[];
      return rows.map((row) => row[field]);
    } finally {
      db.close();
    }
  },
  async stageExport(sourceDb, tables) {
    const source = await openExisting(sourceDb);
    try {
      const names = Array.from(source.objectStoreNames);
      const schemaTx = source.transaction(names, 'readonly');
      const schema: StoreSchema[] = names.map((name) => {
        const store = schemaTx.objectStore(name);
        return {
          name,
          keyPath: store.keyPath,
          autoIncrement: store.autoIncrement,
          indexes: Array.from(store.indexNames).map((indexName) => {
            const index = store.index(indexName);
            return { name: indexName, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
          }),
        };
      });
      staged = {};
      const tx = source.transaction(tables, 'readonly');
      for (const table of tables) staged[table] = await request(tx.objectStore(table).getAll());
      return { schema, counts: Object.fromEntries(Object.entries(staged).map(([table, rows]) => [table, rows.length])) };
    } finally {
      source.close();
    }
  },
  stagedSlice: (table, from, to) => (staged[table] ?? []).slice(from, to),
  stage(table, rows) {
    const into = (staged[table] ??= []);
    for (const row of rows) into.push(row);
    return into.length;
  },
  dropStaged() {
    staged = {};
  },
  async rawBulkBaseline(targetDb, schema, pageSize) {
    // Plain put() calls, not awaited one by one, no validation, no Dexie.
    await deleteDatabase(targetDb);
    const target = await createWithSchema(targetDb, schema);
    const result: BulkBaselineResult = { totalMs: 0, perTableMs: {}, rows: 0 };
    for (const [table, tableRows] of Object.entries(staged)) {
      const start = performance.now();
      const step = pageSize ?? Math.max(1, tableRows.length);
      for (let from = 0; from < tableRows.length || from === 0; from += step) {
        const tx = target.transaction(table, 'readwrite', { durability: 'strict' });
        const store = tx.objectStore(table);
        for (const row of tableRows.slice(from, from + step)) store.put(row);
        await done(tx);
        if (tableRows.length === 0) break;
      }
      const elapsed = performance.now() - start;
      result.perTableMs[table] = elapsed;
      result.totalMs += elapsed;
      result.rows += tableRows.length;
    }
    target.close();
    return result;
  },
  deleteDatabase,
};

window.__syncBench = api;
