import type { BridgeMethod } from './contract';

// The bridge's transport names, kept free of zod (and of any other import with run-time code) so
// the sandboxed preload can bundle them without pulling the schema library into every window.
// contract.ts re-exports both, so the rest of the code imports them from the contract as before.

/** The IPC channel of a bridge method; one channel per method keeps handlers small and auditable. */
export function bridgeChannel(method: BridgeMethod): string {
  return `conserje:${method}`;
}

/** Name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'conserje';
