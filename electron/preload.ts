import { contextBridge, ipcRenderer } from 'electron';
// Imports from channels.ts, not contract.ts: the contract's zod schemas must not be bundled here.
import { BRIDGE_GLOBAL, bridgeChannel } from '../shared/bridge/channels';
import type { Bridge, BridgeMethod } from '../shared/bridge/contract';

// The preload runs sandboxed with context isolation: it may only require('electron'), and what it
// exposes is copied into the page's world by contextBridge. It exposes exactly the bridge contract
// (one function per method, each forwarding to its own IPC channel) and never ipcRenderer itself,
// so the page cannot send arbitrary messages. The main process validates everything again.

// A compile-time-only tag recording which method's channel a forwarder uses (no run-time value).
declare const channelOf: unique symbol;
type Forwarder<M extends BridgeMethod> = Bridge[M] & { readonly [channelOf]: M };
type EachOnItsOwnChannel = { [M in BridgeMethod]: { readonly [channelOf]: M } };

function forward<M extends BridgeMethod>(method: M): Forwarder<M> {
  const channel = bridgeChannel(method);
  // ipcRenderer.invoke is typed Promise<any>; the main process validates every result against the
  // contract's result schema before replying, which is what makes this cast true.
  const invoke = (...args: Parameters<Bridge[M]>) => ipcRenderer.invoke(channel, ...args);
  return invoke as unknown as Forwarder<M>;
}

// Listed by hand, not generated from BRIDGE_METHODS, so the compiler checks the wiring: the
// `satisfies` fails on a missing or extra method, on a wrong signature, and on a method forwarded
// to another method's channel. preload.test.ts checks the same at run time against BRIDGE_METHODS.
const bridge = {
  getAppInfo: forward('getAppInfo'),
  log: forward('log'),
  getSettings: forward('getSettings'),
  updateSettings: forward('updateSettings'),
  listPrinters: forward('listPrinters'),
  printLabel: forward('printLabel'),
  storeDeviceSecret: forward('storeDeviceSecret'),
  readDeviceSecret: forward('readDeviceSecret'),
  clearDeviceSecret: forward('clearDeviceSecret'),
  setDeskActivity: forward('setDeskActivity'),
  saveDiagnostics: forward('saveDiagnostics'),
  restartApp: forward('restartApp'),
} satisfies Bridge & EachOnItsOwnChannel;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
