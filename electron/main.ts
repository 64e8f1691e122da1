import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, protocol, safeStorage, session, shell, type SaveDialogOptions } from 'electron';
import { autoUpdater } from 'electron-updater';
import log from 'electron-log/main';
import { labelPageFragment, LABEL_PAGE } from '../shared/bridge/labelPage';
import { electronAppInfo } from './app/appInfo';
import { CRASH_PAGE } from './app/crashRecovery';
import { readDevServerSetting } from './app/devServer';
import { claimSingleInstance } from './app/singleInstance';
import { createDiagnosticsSaver } from './diagnostics/saveDiagnostics';
import { createMainBridge } from './ipc/mainBridge';
import { registerBridgeHandlers } from './ipc/registerBridgeHandlers';
import { configureMainLogging, createRendererLogSink, detachElectronLogIpc } from './logging/configureLogging';
import { createLabelPrinter } from './printing/labelPrinter';
import { listPrinters } from './printing/printers';
import { createPdfSaver } from './printing/savePdf';
import { createAppRequestHandler } from './protocol/appRequestHandler';
import { handleAppScheme, registerAppScheme } from './protocol/appScheme';
import { createDeviceSecretStore } from './secrets/deviceSecretStore';
import { guardWebContents } from './security/navigationGuard';
import { appPageUrl, trustedOrigins } from './security/origins';
import { installPermissionPolicy } from './security/permissions';
import { createSenderValidator } from './security/senderValidation';
import { observeSettings } from './settings/observeSettings';
import { createSettingsStore } from './settings/settingsStore';
import { createUpdateController } from './update/updateController';
import { createBridgeWindowRegistry } from './windows/bridgeWindows';
import { labelWindowOptions } from './windows/labelWindow';
import { createMainWindow } from './windows/mainWindow';
import { recoverMainWindow } from './windows/recoverMainWindow';
import { createPowerSaveController } from './workstation/powerSave';
import { applyStartAtLogin } from './workstation/startAtLogin';
import { createWorkstation } from './workstation/workstation';

// The only file that touches the real Electron objects: it wires them into the modules beside it,
// which take them as parameters and are unit-tested with fakes. Keep logic out of here.

// --- Before ready: things Electron only accepts at startup. -----------------------------------
registerAppScheme(protocol);
app.enableSandbox();

configureMainLogging(log, { verbose: !app.isPackaged });
detachElectronLogIpc(ipcMain);
log.errorHandler.startCatching({ showDialog: false });

const devServer = readDevServerSetting(process.env, app.isPackaged);
if (devServer.kind === 'rejected') log.error('app.dev_server_rejected', { reason: devServer.reason });
const devServerUrl = devServer.kind === 'devServer' ? devServer.url : null;
const trusted = trustedOrigins(devServerUrl);

/** A page of the renderer: from app://conserje, or from the Vite dev server in development. */
function rendererPageUrl(page: string): string {
  return devServerUrl === null ? appPageUrl(page) : new URL(page, devServerUrl).href;
}

let mainWindow: BrowserWindow | null = null;

if (!claimSingleInstance(app, () => mainWindow)) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { trusted, openExternal: (url) => shell.openExternal(url), log });
  });
  app.on('render-process-gone', (_event, _contents, details) => {
    log.error('app.renderer_gone', { reason: details.reason, exitCode: details.exitCode });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('app.start_failed', { error });
      app.quit();
    });
}

function start(): void {
  const userData = app.getPath('userData');
  const appRoot = app.getAppPath();
  const timers = {
    now: Date.now,
    setTimer: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
    clearTimer: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const liveMainWindow = (): BrowserWindow | null => (mainWindow === null || mainWindow.isDestroyed() ? null : mainWindow);
  const showSaveDialog = (options: SaveDialogOptions) => {
    const parent = liveMainWindow();
    return parent === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(parent, options);
  };

  handleAppScheme(
    protocol,
    createAppRequestHandler({
      rootDir: path.join(appRoot, 'dist', 'renderer'),
      onRejected: (fields) => log.warn('protocol.rejected', fields),
    }),
  );
  installPermissionPolicy(session.defaultSession, trusted, (fields) => log.warn('security.permission_denied', fields));

  // The feed comes from the `publish` entry of electron-builder.yml, baked into the packaged app;
  // when and whether to install is decided by the controller's policy (electron/update/).
  const updates = createUpdateController({ updater: autoUpdater, isPackaged: app.isPackaged, log, ...timers });
  const workstation = createWorkstation({
    powerSave: createPowerSaveController(powerSaveBlocker, log),
    applyStartAtLogin: (enabled) =>
      applyStartAtLogin(enabled, {
        platform: process.platform,
        app,
        launch: { execPath: process.execPath, appImage: process.env.APPIMAGE, isPackaged: app.isPackaged, appPath: appRoot },
        env: process.env,
        homeDir: os.homedir(),
        log,
      }),
    setKiosk: (enabled) => liveMainWindow()?.setKiosk(enabled),
    updates,
  });

  const registry = createBridgeWindowRegistry();
  const settings = observeSettings(createSettingsStore({ directory: userData, log }), (next) => {
    workstation.settingsChanged(next).catch((error: unknown) => log.error('workstation.apply_failed', { error }));
  });
  const secrets = createDeviceSecretStore({ directory: userData, cipher: safeStorage, platform: process.platform, log });
  const listInstalledPrinters = () => listPrinters(liveMainWindow()?.webContents ?? null);
  const printer = createLabelPrinter({
    createWindow: (size) => new BrowserWindow(labelWindowOptions(size, mainWindow)),
    labelPageUrl: (request) => rendererPageUrl(LABEL_PAGE) + labelPageFragment(request),
    getSettings: () => settings.get(),
    log,
    listPrinters: listInstalledPrinters,
    savePdf: createPdfSaver({ showSaveDialog, defaultDirectory: app.getPath('documents') }),
  });
  const saveDiagnostics = createDiagnosticsSaver({
    showSaveDialog,
    defaultDirectory: app.getPath('documents'),
    logDirectory: path.dirname(log.transports.file.getFile().path),
    versions: () => ({
      app: app.getVersion(),
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      node: process.versions.node,
      os: `${os.type()} ${os.release()}`,
      arch: process.arch,
      packaged: app.isPackaged,
    }),
    facts: () => ({
      locale: app.getLocale(),
      uptimeSeconds: Math.round(process.uptime()),
      settingsRecovery: settings.recovery()?.problem ?? null,
      kiosk: workstation.kioskMode(),
    }),
    getSettings: () => settings.get(),
    now: () => new Date(),
    log,
  });

  registerBridgeHandlers({
    ipcMain,
    implementation: createMainBridge({
      appInfo: () => electronAppInfo(app.getVersion(), process.platform),
      rendererLog: createRendererLogSink(log),
      settings,
      secrets,
      printer,
      listPrinters: listInstalledPrinters,
      deskActivity: (activity) => workstation.activityChanged(activity),
      saveDiagnostics,
      restartApp: () => {
        log.info('app.restart_requested');
        // After the bridge has replied. A downloaded update installs now (and starts the app).
        setTimeout(() => {
          if (updates.installNowIfDownloaded()) return;
          app.relaunch();
          app.quit();
        }, 100);
      },
    }),
    validateSender: createSenderValidator({ trusted, isBridgeWindow: (id) => registry.has(id) }),
    log,
  });

  // Load settings now so a recovered (corrupt) file is logged at startup, not at first use, and
  // the workstation settings (kiosk, start at login, display) are applied.
  void settings.get();

  const openMainWindow = (): void => {
    const startUrl = rendererPageUrl('index.html');
    const window = createMainWindow(BrowserWindow, {
      preloadPath: path.join(appRoot, 'dist-electron', 'preload.cjs'),
      startUrl,
      devTools: !app.isPackaged,
      registry,
      kiosk: workstation.kioskMode(),
    });
    recoverMainWindow(window, {
      startUrl,
      crashPageUrl: rendererPageUrl(CRASH_PAGE),
      log,
      // What the desk reported no longer holds: let the display sleep, and hold updates back.
      onRendererGone: () => workstation.activityChanged(null),
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
      workstation.activityChanged(null);
    });
    mainWindow = window;
  };
  openMainWindow();
  updates.start();
  app.on('activate', () => {
    if (mainWindow === null) openMainWindow();
  });
  app.on('will-quit', () => updates.dispose());
  log.info('app.started', { version: app.getVersion(), devServer: devServerUrl !== null });
}
