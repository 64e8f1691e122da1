import type { AppInfo, Bridge, DeskActivity, PrinterInfo, SaveDiagnosticsRequest, SaveDiagnosticsResult } from '../../shared/bridge/contract';
import type { LabelPrinter } from '../printing/labelPrinter';
import type { DeviceSecretStore } from '../secrets/deviceSecretStore';
import type { SettingsStore } from '../settings/settingsStore';

// The main process's implementation of the bridge contract. Arguments arrive already validated
// (registerBridgeHandlers parses them), so each method only delegates to its service.

export interface MainBridgeServices {
  appInfo: () => AppInfo;
  rendererLog: (...args: Parameters<Bridge['log']>) => void;
  settings: SettingsStore;
  secrets: DeviceSecretStore;
  printer: Pick<LabelPrinter, 'printLabel'>;
  listPrinters: () => Promise<PrinterInfo[]>;
  /** The renderer's report of what the desk is doing (display awake, when updates may restart). */
  deskActivity: (activity: DeskActivity) => void;
  saveDiagnostics: (request: SaveDiagnosticsRequest) => Promise<SaveDiagnosticsResult>;
  /** Restarts the app soon after the reply has been sent. */
  restartApp: () => void;
}

export function createMainBridge(services: MainBridgeServices): Bridge {
  const bridge = {
    getAppInfo: async () => services.appInfo(),
    log: async (level, code, fields) => {
      services.rendererLog(level, code, fields);
      return null;
    },
    getSettings: () => services.settings.get(),
    updateSettings: (patch) => services.settings.update(patch),
    listPrinters: () => services.listPrinters(),
    printLabel: (request) => services.printer.printLabel(request),
    storeDeviceSecret: async (secret) => {
      await services.secrets.store(secret);
      return null;
    },
    readDeviceSecret: () => services.secrets.read(),
    clearDeviceSecret: async () => {
      await services.secrets.clear();
      return null;
    },
    setDeskActivity: async (activity) => {
      services.deskActivity(activity);
      return null;
    },
    saveDiagnostics: (request) => services.saveDiagnostics(request),
    restartApp: async () => {
      services.restartApp();
      return null;
    },
  } satisfies Bridge;
  return bridge;
}
