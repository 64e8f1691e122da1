import { z } from 'zod';
import { Language } from '../domain/model';

// Everything the renderer may ask of the desktop host. The preload exposes exactly this
// (`satisfies Bridge`), the main process validates every call against these schemas, and the
// browser build implements the same contract with web APIs.

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

/** Log lines carry an event code and opaque ids or numbers, never personal text. */
export const LogFields = z.record(
  z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.]{0,39}$/),
  z.union([z.string().max(200), z.number(), z.boolean(), z.null()]),
);
export type LogFields = z.infer<typeof LogFields>;

export const LogCode = z.string().regex(/^[a-z][a-zA-Z0-9_.-]{1,79}$/);

export const LabelSize = z.object({
  widthMm: z.number().min(20).max(200),
  heightMm: z.number().min(15).max(200),
});
export type LabelSize = z.infer<typeof LabelSize>;

export const LABEL_PRESETS = {
  'dk-62x29': { widthMm: 62, heightMm: 29 },
  'dk-62x100': { widthMm: 62, heightMm: 100 },
  '4x2in': { widthMm: 101.6, heightMm: 50.8 },
  '4x6in': { widthMm: 101.6, heightMm: 152.4 },
} as const satisfies Record<string, LabelSize>;

export const DeskSettings = z.object({
  schemaVersion: z.literal(2),
  deskName: z.string().trim().min(1).max(60),
  printerName: z.string().max(200).nullable(),
  labelSize: LabelSize,
  /** Print the shelf label right after a package is saved (silently when a printer is set). */
  autoPrintLabels: z.boolean(),
  idleLockMinutes: z.number().int().min(1).max(240),
  scannerPrefix: z.string().max(8),
  scannerSuffix: z.string().max(8),
  /** Keys slower than this (ms apart) are a person typing, not a scanner. */
  scannerMaxKeyGapMs: z.number().int().min(5).max(200),
  /** A code scanned again within this window is ignored, with a notice. */
  duplicateScanWindowMs: z.number().int().min(0).max(30_000),
  uiLanguageFallback: Language,
  // Version 2: the lobby workstation (desktop app only; the browser build stores them unused).
  /** Keep the display from sleeping while a staff member is signed in (and the desk unlocked). */
  keepDisplayAwake: z.boolean(),
  /** Start the app when the operating system user logs in. */
  startAtLogin: z.boolean(),
  /** Full-screen kiosk window: no title bar, taskbar or other windows over the desk. */
  kioskMode: z.boolean(),
});
export type DeskSettings = z.infer<typeof DeskSettings>;

export const DEFAULT_DESK_SETTINGS: DeskSettings = {
  schemaVersion: 2,
  deskName: 'Front desk',
  printerName: null,
  labelSize: LABEL_PRESETS['dk-62x29'],
  autoPrintLabels: false,
  idleLockMinutes: 5,
  scannerPrefix: '',
  scannerSuffix: '',
  scannerMaxKeyGapMs: 35,
  duplicateScanWindowMs: 2_500,
  uiLanguageFallback: 'en',
  keepDisplayAwake: true,
  startAtLogin: false,
  kioskMode: false,
};

export const DeskSettingsPatch = DeskSettings.omit({ schemaVersion: true }).partial();
export type DeskSettingsPatch = z.infer<typeof DeskSettingsPatch>;

/** What a shelf label shows. Built by shared/packages/label.ts from a package and its recipient. */
export const ShelfLabelData = z.object({
  unitLabel: z.string().min(1).max(16),
  recipientName: z.string().min(1).max(120),
  shortCode: z.string().regex(/^[0-9A-Z]{6}$/),
  receivedAtText: z.string().min(1).max(40),
  flags: z.array(z.string().min(1).max(24)).max(5),
  location: z.string().max(40).nullable(),
  carrierText: z.string().max(40),
  /** Translated captions, so the label page needs no catalog of its own. */
  captions: z.object({ received: z.string().min(1).max(24), shelf: z.string().min(1).max(24) }),
});
export type ShelfLabelData = z.infer<typeof ShelfLabelData>;

/** A title for a host dialog, translated by the renderer (the host has no catalogs). */
export const DialogTitle = z.string().trim().min(1).max(120);

export const PrintLabelRequest = z.object({
  label: ShelfLabelData,
  /** Print without a dialog to the configured printer; the browser build always shows one. */
  silent: z.boolean(),
  /** Title of the save dialog when the host falls back to a PDF (no printer installed at all). */
  pdfDialogTitle: DialogTitle.optional(),
});
export type PrintLabelRequest = z.infer<typeof PrintLabelRequest>;

export const PrintResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('printed'), printerName: z.string().nullable() }),
  z.object({ outcome: z.literal('dialogShown') }),
  z.object({ outcome: z.literal('cancelled') }),
  /** No printer is installed: the label was saved as a PDF file the user chose. */
  z.object({ outcome: z.literal('savedPdf') }),
  z.object({ outcome: z.literal('failed'), reason: z.string().max(200) }),
]);
export type PrintResult = z.infer<typeof PrintResult>;

export const PrinterInfo = z.object({
  name: z.string().max(200),
  displayName: z.string().max(200),
  isDefault: z.boolean(),
});
export type PrinterInfo = z.infer<typeof PrinterInfo>;

export const AppInfo = z.object({
  appVersion: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'browser']),
  /** Browser storage is weaker than the OS keychain; the UI says so where it matters. */
  secretStorage: z.enum(['os-keychain', 'browser-storage']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const DeviceSecret = z.string().min(16).max(512);

/**
 * What the desk is doing, reported by the renderer whenever it changes. The host keeps the display
 * awake while someone works and never restarts to install an update under them or while changes
 * still wait to reach the central service.
 */
export const DeskActivity = z.object({
  /** A staff member is signed in and the desk is not locked. */
  signedIn: z.boolean(),
  /** Outbox entries not yet acknowledged by the central service. */
  pendingChanges: z.number().int().min(0).max(1_000_000_000),
});
export type DeskActivity = z.infer<typeof DeskActivity>;

export const SaveDiagnosticsRequest = z.object({ dialogTitle: DialogTitle });
export type SaveDiagnosticsRequest = z.infer<typeof SaveDiagnosticsRequest>;

export const SaveDiagnosticsResult = z.discriminatedUnion('outcome', [
  /** Only the file's name comes back: its folder can hold the OS user's name. */
  z.object({ outcome: z.literal('saved'), fileName: z.string().min(1).max(255) }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('failed'), reason: z.string().max(200) }),
]);
export type SaveDiagnosticsResult = z.infer<typeof SaveDiagnosticsResult>;

const call = <A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R) => ({ args, result });

export const bridgeContract = {
  getAppInfo: call(z.tuple([]), AppInfo),
  log: call(z.tuple([LogLevel, LogCode, LogFields]), z.null()),
  getSettings: call(z.tuple([]), DeskSettings),
  updateSettings: call(z.tuple([DeskSettingsPatch]), DeskSettings),
  listPrinters: call(z.tuple([]), z.array(PrinterInfo)),
  printLabel: call(z.tuple([PrintLabelRequest]), PrintResult),
  storeDeviceSecret: call(z.tuple([DeviceSecret]), z.null()),
  readDeviceSecret: call(z.tuple([]), DeviceSecret.nullable()),
  clearDeviceSecret: call(z.tuple([]), z.null()),
  setDeskActivity: call(z.tuple([DeskActivity]), z.null()),
  saveDiagnostics: call(z.tuple([SaveDiagnosticsRequest]), SaveDiagnosticsResult),
  /** Restart the whole app (the crash screen's button); the browser build reloads the page. */
  restartApp: call(z.tuple([]), z.null()),
} as const;

export type BridgeMethod = keyof typeof bridgeContract;
export const BRIDGE_METHODS = Object.keys(bridgeContract) as BridgeMethod[];

export type Bridge = {
  [M in BridgeMethod]: (
    ...args: z.infer<(typeof bridgeContract)[M]['args']>
  ) => Promise<z.infer<(typeof bridgeContract)[M]['result']>>;
};

// Defined in channels.ts (no zod there) so the preload bundle stays tiny; re-exported here.
export { bridgeChannel, BRIDGE_GLOBAL } from './channels';
