import type { App, BrowserWindow } from 'electron';

// One desk app per OS user: a second launch (double-clicked shortcut, autostart plus manual start)
// would run two sync engines over one database. It hands over to the running instance, which
// brings its window to the front.

export type SingleInstanceApp = Pick<App, 'requestSingleInstanceLock' | 'on'>;
export type FocusableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>;

/** Returns false when another instance holds the lock: the caller must quit at once. */
export function claimSingleInstance(app: SingleInstanceApp, currentWindow: () => FocusableWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = currentWindow();
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
