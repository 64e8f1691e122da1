// Shared setup for unit tests: an in-memory IndexedDB for Dexie.
import 'fake-indexeddb/auto';
