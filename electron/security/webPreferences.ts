import type { WebPreferences } from 'electron';

// The webPreferences of every window we open, built by pure functions so tests can pin them.
// Electron's secure defaults are restated explicitly: a future default change, or a copy-paste
// from an example, must not silently weaken a window that holds the desk's data.

const HARDENED: Readonly<WebPreferences> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  // Dropping a file on the window would navigate to file://; the navigation guard refuses it
  // too, this keeps it from being attempted.
  navigateOnDragDrop: false,
  // Off for privacy: on Linux, Chromium downloads dictionaries from Google, and notes about
  // residents should not be sent to a spelling service on any platform.
  spellcheck: false,
  safeDialogs: true,
};

export interface MainWindowPreferencesOptions {
  /** Absolute path of dist-electron/preload.cjs. */
  preloadPath: string;
  /** DevTools on a shared lobby PC give anyone at the keyboard the whole database: dev builds only. */
  devTools: boolean;
}

export function mainWindowWebPreferences(options: MainWindowPreferencesOptions): WebPreferences {
  return { ...HARDENED, preload: options.preloadPath, devTools: options.devTools };
}

/** The hidden label-printing window: no preload, so no bridge; JavaScript on to draw the barcode. */
export function labelWindowWebPreferences(): WebPreferences {
  return { ...HARDENED, devTools: false, javascript: true, backgroundThrottling: false };
}
