import { getBridge } from '../bridge';
import { logEvent } from '../app/log';
import { deskDatabase } from '../data/database';
import { readServerConfig } from './config';
import { browserNetwork, soleWindowLocks, webLocks } from './environment';
import { fetchPokeStream } from './pokeStream';
import type { SyncTransport } from './http';
import { SyncClient } from './SyncClient';
import { syncStatusStore } from './syncStore';

// The app's one sync client, started once per window (the Shell asks for it) and kept running
// across screen locks and shift changes. Without a configured server it stays idle.

let started: Promise<SyncClient> | null = null;

export function startDeskSync(): Promise<SyncClient> {
  started ??= create().catch((error: unknown) => {
    started = null;
    throw error;
  });
  return started;
}

/** After enrollment writes the server config (or forgets it): a new client with the new settings. */
export async function restartDeskSync(): Promise<SyncClient> {
  const previous = started;
  started = null;
  const client = await previous?.catch(() => null);
  await client?.stop();
  return startDeskSync();
}

/** "Sync now" in the sync panel. */
export async function syncDeskNow(): Promise<void> {
  const client = await startDeskSync();
  await client.syncNow();
}

/** How this desk reaches its central service, or null while none is configured (not enrolled). */
export async function deskTransport(): Promise<SyncTransport | null> {
  const config = await readServerConfig(deskDatabase());
  return config
    ? {
        fetch: (url, init) => fetch(url, { ...init, cache: 'no-store', credentials: 'omit' }),
        baseUrl: config.baseUrl,
        authHeaders: deviceAuthHeaders,
      }
    : null;
}

async function create(): Promise<SyncClient> {
  const db = deskDatabase();
  const transport = await deskTransport();
  const client = new SyncClient({
    db,
    transport,
    store: syncStatusStore,
    locks: 'locks' in navigator && navigator.locks ? webLocks(navigator.locks) : soleWindowLocks,
    connectPoke: transport ? fetchPokeStream(transport) : null,
    network: browserNetwork,
    log: logEvent,
  });
  client.start();
  return client;
}

/** The device secret from the OS keychain (through the bridge) as a bearer credential. */
async function deviceAuthHeaders(): Promise<Record<string, string> | null> {
  const secret = await getBridge().readDeviceSecret();
  return secret ? { authorization: `Bearer ${secret}` } : null;
}
