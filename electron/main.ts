import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import log from 'electron-log/main';
import { labelPageFragment, LABEL_PAGE } from '../shared/bridge/labelPage';
import { electronAppInfo } from './app/appInfo';
import { readDevServerSetting } from './app/devServer';
import { claimSingleInstance } from './app/singleInstance';
import { createMainBridge } from './ipc/mainBridge';
import { registerBridgeHandlers } from './ipc/registerBridgeHandlers';
import { configureMainLogging, createRendererLogSink, detachElectronLogIpc } from './logging/configureLogging';
import { createLabelPrinter } from './printing/labelPrinter';
import { listPrinters } from './printing/printers';
import { createAppRequestHandler } from './protocol/appRequestHandler';
import { handleAppScheme, registerAppScheme } from './protocol/appScheme';
import { createDeviceSecretStore } from './secrets/deviceSecretStore';
import { guardWebContents } from './security/navigationGuard';
import { appPageUrl, trustedOrigins } from './security/origins';
import { installPermissionPolicy } from './security/permissions';
import { createSenderValidator } from './security/senderValidation';
import { createSettingsStore } from './settings/settingsStore';
import { createBridgeWindowRegistry } from './windows/bridgeWindows';
import { labelWindowOptions } from './windows/labelWindow';
import { createMainWindow } from './windows/mainWindow';

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

  handleAppScheme(
    protocol,
    createAppRequestHandler({
      rootDir: path.join(appRoot, 'dist', 'renderer'),
      onRejected: (fields) => log.warn('protocol.rejected', fields),
    }),
  );
  installPermissionPolicy(session.defaultSession, trusted, (fields) => log.warn('security.permission_denied', fields));

  const registry = createBridgeWindowRegistry();
  const settings = createSettingsStore({ directory: userData, log });
  const secrets = createDeviceSecretStore({ directory: userData, cipher: safeStorage, platform: process.platform, log });
  const printer = createLabelPrinter({
    createWindow: (size) => new BrowserWindow(labelWindowOptions(size, mainWindow)),
    labelPageUrl: (request) => rendererPageUrl(LABEL_PAGE) + labelPageFragment(request),
    getSettings: () => settings.get(),
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
      listPrinters: () => listPrinters(mainWindow === null || mainWindow.isDestroyed() ? null : mainWindow.webContents),
    }),
    validateSender: createSenderValidator({ trusted, isBridgeWindow: (id) => registry.has(id) }),
    log,
  });

  // Load settings now so a recovered (corrupt) file is logged at startup, not at first use.
  void settings.get();

  const openMainWindow = (): void => {
    const window = createMainWindow(BrowserWindow, {
      preloadPath: path.join(appRoot, 'dist-electron', 'preload.cjs'),
      startUrl: rendererPageUrl('index.html'),
      devTools: !app.isPackaged,
      registry,
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };
  openMainWindow();
  app.on('activate', () => {
    if (mainWindow === null) openMainWindow();
  });
  log.info('app.started', { version: app.getVersion(), devServer: devServerUrl !== null });
}
