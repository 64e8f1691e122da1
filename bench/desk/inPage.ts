// Runs INSIDE the desk page (bundled by esbuild into an IIFE and added as an init script, so it is
// there before the app's own scripts on every load). It only observes: it never calls app code.
//   - a capture-phase keydown listener on window, registered before the app's (scanner) listener;
//   - `input` events of the recipient field;
//   - once `observe()` is called, a MutationObserver that timestamps changes to the recipient
//     options list, the draft panel appearing and new rows in [data-testid=received-rows];
//   - every transaction the app opens on its database (stores, durability, start and
//     `complete` times), by wrapping IDBDatabase.prototype.transaction; once `observe()` is called,
//     every request too (get, getAll, count, put …: start and `success` times);
//   - long tasks (PerformanceObserver), as evidence of main-thread blocking.
// Plus raw-IndexedDB helpers for counts and for the baselines (no Dexie, no app code).
// Node reads all of it back with page.evaluate(() => window.__deskBench…).

export interface KeyRecord {
  key: string;
  t: number;
}
export interface InputRecord {
  value: string;
  t: number;
}
export interface RowRecord {
  t: number;
  count: number;
}
export interface TxRecord {
  mode: IDBTransactionMode;
  stores: string[];
  durability: string;
  start: number;
  end: number | null;
}
/** One IndexedDB request on the app's database (recorded only after `observe()`). */
export interface RequestRecord {
  op: string;
  store: string;
  index: string | null;
  start: number;
  /** When its `success` event fired (before the app's own handler). */
  end: number | null;
  /** Rows returned, for getAll. */
  rows: number | null;
}
export interface LongTaskRecord {
  start: number;
  duration: number;
}
export interface DeskBenchLog {
  keys: KeyRecord[];
  inputs: InputRecord[];
  options: number[];
  drafts: number[];
  rows: RowRecord[];
  tx: TxRecord[];
  requests: RequestRecord[];
  longTasks: LongTaskRecord[];
}

export interface StoreSchema {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}

export interface BulkBaselineResult {
  /** Total ms for all tables (one readwrite transaction per table, strict durability), per repeat. */
  totalMs: number[];
  perTableMs: Record<string, number[]>;
  rows: number;
}

export interface ExportedRows {
  schema: StoreSchema[];
  rows: Record<string, unknown[]>;
}

export interface DeskBenchApi {
  log(): DeskBenchLog;
  clear(): void;
  observe(): void;
  counts(dbName: string): Promise<Record<string, number>>;
  /** Every store's schema and the rows of `tables`, to rebuild the same database elsewhere. */
  exportRows(sourceDb: string, tables: string[]): Promise<ExportedRows>;
  rawBulkBaseline(targetDb: string, exported: ExportedRows, repeats: number): Promise<BulkBaselineResult>;
  rawCommitBaseline(targetDb: string, runs: number): Promise<number[]>;
  deleteDatabase(name: string): Promise<void>;
}

declare global {
  interface Window {
    __deskBench?: DeskBenchApi;
  }
}

const log: DeskBenchLog = { keys: [], inputs: [], options: [], drafts: [], rows: [], tx: [], requests: [], longTasks: [] };
let recordRequests = false;
const APP_DB = 'conserje-desk';

window.addEventListener('keydown', (event) => log.keys.push({ key: event.key, t: performance.now() }), { capture: true });
document.addEventListener(
  'input',
  (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.id === 'recipient-input') log.inputs.push({ value: target.value, t: performance.now() });
  },
  { capture: true },
);

const originalTransaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>): IDBTransaction {
  const tx = originalTransaction.apply(this, args);
  if (this.name === APP_DB) {
    const record: TxRecord = { mode: tx.mode, stores: Array.from(tx.objectStoreNames), durability: tx.durability, start: performance.now(), end: null };
    log.tx.push(record);
    tx.addEventListener('complete', () => (record.end = performance.now()));
  }
  return tx;
};

type RequestMethod = (this: IDBObjectStore | IDBIndex, ...args: unknown[]) => IDBRequest;

function recordRequestsOf(prototype: IDBObjectStore | IDBIndex, ops: readonly string[]): void {
  const methods = prototype as unknown as Record<string, RequestMethod>;
  for (const op of ops) {
    const original = methods[op];
    if (typeof original !== 'function') continue;
    methods[op] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]): IDBRequest {
      const req = original.apply(this, args);
      if (!recordRequests) return req;
      const store = this instanceof IDBIndex ? this.objectStore : this;
      if (store.transaction.db.name !== APP_DB) return req;
      const record: RequestRecord = { op, store: store.name, index: this instanceof IDBIndex ? this.name : null, start: performance.now(), end: null, rows: null };
      log.requests.push(record);
      req.addEventListener('success', () => {
        record.end = performance.now();
        record.rows = Array.isArray(req.result) ? req.result.length : null;
      });
      return req;
    };
  }
}
recordRequestsOf(IDBObjectStore.prototype, ['get', 'getAll', 'getAllKeys', 'count', 'put', 'add', 'delete', 'openCursor', 'openKeyCursor']);
recordRequestsOf(IDBIndex.prototype, ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']);

try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) log.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // long tasks are evidence only
}

let observer: MutationObserver | null = null;

function elementOf(node: Node): Element | null {
  return node instanceof Element ? node : node.parentElement;
}

function touchesOptions(record: MutationRecord): boolean {
  if (elementOf(record.target)?.closest('#recipient-options')) return true;
  for (const node of [...record.addedNodes, ...record.removedNodes]) {
    if (node instanceof Element && (node.id === 'recipient-options' || node.querySelector('#recipient-options'))) return true;
  }
  return false;
}

function onMutations(records: MutationRecord[]): void {
  const t = performance.now();
  let options = false;
  let draft = false;
  let row: RowRecord | null = null;
  for (const record of records) {
    if (!options && touchesOptions(record)) options = true;
    if (record.type !== 'childList') continue;
    for (const node of record.addedNodes) {
      if (!(node instanceof Element)) continue;
      if (!draft && (node.id === 'recipient-input' || node.querySelector('#recipient-input'))) draft = true;
      const list = node.matches('[data-testid=received-rows]') ? node : null;
      const parent = record.target instanceof Element && record.target.matches('[data-testid=received-rows]') ? record.target : null;
      if ((parent && node.classList.contains('received-row')) || list) row = { t, count: (parent ?? list)?.children.length ?? 0 };
    }
  }
  if (options) log.options.push(t);
  if (draft) log.drafts.push(t);
  if (row) log.rows.push(row);
}

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

function schemaOf(db: IDBDatabase, tables: readonly string[]): StoreSchema[] {
  const tx = db.transaction([...tables], 'readonly');
  return tables.map((name) => {
    const store = tx.objectStore(name);
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

const api: DeskBenchApi = {
  log: () => log,
  clear() {
    for (const list of Object.values(log) as unknown[][]) list.length = 0;
  },
  observe() {
    recordRequests = true;
    if (observer) return;
    observer = new MutationObserver(onMutations);
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'aria-selected'] });
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
  async exportRows(sourceDb, tables) {
    const source = await openExisting(sourceDb);
    try {
      // Every store and index of the app's database (outbox, meta … too), rows for `tables` only.
      const schema = schemaOf(source, Array.from(source.objectStoreNames));
      const rows: Record<string, unknown[]> = {};
      const tx = source.transaction(tables, 'readonly');
      for (const table of tables) rows[table] = await request(tx.objectStore(table).getAll());
      return { schema, rows };
    } finally {
      source.close();
    }
  },
  async rawBulkBaseline(targetDb, { schema, rows }, repeats) {
    const tables = Object.keys(rows);
    const result: BulkBaselineResult = { totalMs: [], perTableMs: Object.fromEntries(tables.map((table) => [table, []])), rows: 0 };
    for (let repeat = 0; repeat < repeats; repeat++) {
      await deleteDatabase(targetDb);
      const target = await createWithSchema(targetDb, schema);
      let total = 0;
      for (const table of tables) {
        const start = performance.now();
        const tx = target.transaction(table, 'readwrite', { durability: 'strict' });
        const store = tx.objectStore(table);
        for (const row of rows[table] ?? []) store.put(row);
        await done(tx);
        const elapsed = performance.now() - start;
        result.perTableMs[table]?.push(elapsed);
        total += elapsed;
      }
      target.close();
      result.totalMs.push(total);
    }
    result.rows = tables.reduce((sum, table) => sum + (rows[table]?.length ?? 0), 0);
    return result;
  },
  async rawCommitBaseline(targetDb, runs) {
    // What one "receive" commit writes, with the raw API: a package row, an event row, an outbox
    // row and the next-sequence meta row, in one strict transaction (the app's commit shape).
    const db = await openExisting(targetDb);
    const template = (await request(db.transaction('packages', 'readonly').objectStore('packages').get(IDBKeyRange.lowerBound(''))) ?? {}) as Record<string, unknown>;
    const event = (await request(db.transaction('events', 'readonly').objectStore('events').get(IDBKeyRange.lowerBound(''))) ?? {}) as Record<string, unknown>;
    const stores = ['packages', 'events', 'outbox', 'meta'].filter((name) => db.objectStoreNames.contains(name));
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      const id = `bench-${run}-${Math.random().toString(36).slice(2)}`;
      const start = performance.now();
      const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
      tx.objectStore('packages').put({ ...template, id, receivedAt: new Date().toISOString(), status: 'waiting' });
      tx.objectStore('events').put({ ...event, id: `e-${id}`, packageId: id });
      if (stores.includes('outbox')) tx.objectStore('outbox').put({ id, seq: 1_000_000 + run, name: 'receivePackage', args: { packageId: id }, staffId: 's', deskId: 'd', at: new Date().toISOString() });
      if (stores.includes('meta')) tx.objectStore('meta').put({ key: 'nextSeq', value: 1_000_001 + run });
      await done(tx);
      samples.push(performance.now() - start);
    }
    db.close();
    return samples;
  },
  deleteDatabase,
};

window.__deskBench = api;
