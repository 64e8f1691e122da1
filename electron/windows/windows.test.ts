import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { LABEL_PRESETS } from '../../shared/bridge/contract';
import { createBridgeWindowRegistry } from './bridgeWindows';
import { labelWindowOptions } from './labelWindow';
import { createMainWindow, mainWindowOptions } from './mainWindow';

describe('mainWindowOptions', () => {
  it('starts hidden (shown when painted) with hardened preferences and the preload', () => {
    const options = mainWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs', devTools: false });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
    });
  });
});

describe('labelWindowOptions', () => {
  it('is hidden, bridge-less and sized to the label at 96 px per inch', () => {
    const options = labelWindowOptions(LABEL_PRESETS['dk-62x100'], null);
    expect(options).toMatchObject({ show: false, width: 235, height: 378, focusable: false });
    expect(options.webPreferences?.preload).toBeUndefined();
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });
});

describe('createMainWindow', () => {
  class FakeWindow extends EventEmitter {
    static created: FakeWindow[] = [];
    readonly webContents = { id: 41 };
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      FakeWindow.created.push(this);
    }
  }

  it('registers the window for the bridge, loads the start page, shows when ready, forgets it when closed', () => {
    const registry = createBridgeWindowRegistry();
    const WindowClass = FakeWindow as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow;
    createMainWindow(WindowClass, { preloadPath: '/p.cjs', startUrl: 'app://conserje/index.html', devTools: false, registry });
    const window = FakeWindow.created[0];
    expect(registry.has(41)).toBe(true);
    expect(window?.loadURL).toHaveBeenCalledWith('app://conserje/index.html');
    expect(window?.show).not.toHaveBeenCalled();
    window?.emit('ready-to-show');
    expect(window?.show).toHaveBeenCalled();
    window?.emit('closed');
    expect(registry.has(41)).toBe(false);
  });
});
