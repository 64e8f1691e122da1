import type { BridgeMethod, ShelfLabelData } from './contract';
import type { BridgeArgs } from './validation';

// One valid argument list per bridge method, for the conformance tests of every implementation
// (preload, Electron main handlers, browser bridge). Typed as a complete map, so adding a method
// to the contract fails type-checking until it has a sample here, and thus until it is tested.

export const SAMPLE_LABEL: ShelfLabelData = {
  unitLabel: '12B',
  recipientName: 'Ana Pérez',
  shortCode: 'K7P2QX',
  receivedAtText: '31 Jan 09:05',
  flags: ['fragile'],
  location: 'A1',
  carrierText: 'UPS',
  captions: { received: 'Received', shelf: 'Shelf' },
};

export const SAMPLE_DEVICE_SECRET = 'dev-secret-0123456789abcdef';

export const SAMPLE_ARGS: { readonly [M in BridgeMethod]: BridgeArgs<M> } = {
  getAppInfo: [],
  log: ['info', 'package.received', { packageId: 'p_123', count: 2, urgent: false, note: null }],
  getSettings: [],
  updateSettings: [{ deskName: 'Lobby north', idleLockMinutes: 10 }],
  listPrinters: [],
  printLabel: [{ label: SAMPLE_LABEL, silent: true }],
  storeDeviceSecret: [SAMPLE_DEVICE_SECRET],
  readDeviceSecret: [],
  clearDeviceSecret: [],
  setDeskActivity: [{ signedIn: true, pendingChanges: 3 }],
  saveDiagnostics: [{ dialogTitle: 'Save Conserje diagnostics' }],
  restartApp: [],
};

/** One invalid argument list per method (wrong arity or a value the schema refuses). */
export const INVALID_ARGS: { readonly [M in BridgeMethod]: readonly unknown[] } = {
  getAppInfo: ['unexpected'],
  log: ['loud', 'package.received', {}],
  getSettings: [{}],
  updateSettings: [{ idleLockMinutes: 0 }],
  listPrinters: [1],
  printLabel: [{ label: { ...SAMPLE_LABEL, shortCode: 'lower' }, silent: true }],
  storeDeviceSecret: ['short'],
  readDeviceSecret: [null],
  clearDeviceSecret: ['now'],
  setDeskActivity: [{ signedIn: 'yes', pendingChanges: -1 }],
  saveDiagnostics: [{ dialogTitle: '' }],
  restartApp: [true],
};
