import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { mainWindowWebPreferences } from '../security/webPreferences';
import type { BridgeWindowRegistry } from './bridgeWindows';

// The desk's main window: hardened webPreferences with the bridge preload, shown once painted
// (no white flash on a lobby screen), registered as a bridge window for the IPC sender check.

export interface MainWindowOptions {
  preloadPath: string;
  startUrl: string;
  devTools: boolean;
  registry: BridgeWindowRegistry;
  icon?: string;
  /** Full-screen kiosk (the desk setting); changed later with setKiosk. */
  kiosk?: boolean;
}

export function mainWindowOptions(options: Pick<MainWindowOptions, 'preloadPath' | 'devTools' | 'icon' | 'kiosk'>): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Conserje',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    kiosk: options.kiosk ?? false,
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    webPreferences: mainWindowWebPreferences({ preloadPath: options.preloadPath, devTools: options.devTools }),
  };
}

type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(BrowserWindowClass: BrowserWindowConstructor, options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(options));
  const webContentsId = window.webContents.id;
  options.registry.add(webContentsId);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => options.registry.remove(webContentsId));
  void window.loadURL(options.startUrl);
  return window;
}
