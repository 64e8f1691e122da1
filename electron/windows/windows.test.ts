import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { LABEL_PRESETS } from '../../shared/bridge/contract';
import { createBridgeWindowRegistry } from './bridgeWindows';
import { labelWindowOptions } from './labelWindow';
import { fakeTime } from '../testing/fakeTime';
import { recordingLog } from '../testing/recordingLog';
import { createMainWindow, mainWindowOptions } from './mainWindow';
import { recoverMainWindow, type RecoverableWindow } from './recoverMainWindow';

describe('mainWindowOptions', () => {
  it('starts hidden (shown when painted) with hardened preferences and the preload', () => {
    const options = mainWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs', devTools: false });
    expect(options.show).toBe(false);
    expect(options.kiosk).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p.cjs', devTools: false, kiosk: true }).kiosk).toBe(true);
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

describe('recoverMainWindow', () => {
  class FakeRecoverableWindow extends EventEmitter implements RecoverableWindow {
    destroyed = false;
    loads: string[] = [];
    crashedByUs = 0;
    readonly webContents = Object.assign(new EventEmitter(), { forcefullyCrashRenderer: () => void (this.crashedByUs += 1) });
    isDestroyed = () => this.destroyed;
    loadURL = (url: string) => {
      this.loads.push(url);
      return Promise.resolve();
    };
  }

  function setup() {
    const window = new FakeRecoverableWindow();
    const time = fakeTime();
    const gone = vi.fn();
    recoverMainWindow(window, {
      startUrl: 'app://conserje/index.html',
      crashPageUrl: 'app://conserje/crashed.html',
      log: recordingLog(),
      onRendererGone: gone,
      timers: time,
    });
    return { window, time, gone };
  }

  it('reloads the start page after a crash, and shows the crash page after a crash loop', () => {
    const { window, time, gone } = setup();
    for (let index = 0; index < 3; index += 1) {
      window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      time.advance(10_000);
    }
    expect(window.loads).toEqual(['app://conserje/index.html', 'app://conserje/index.html', 'app://conserje/crashed.html']);
    expect(gone).toHaveBeenCalledTimes(3);
  });

  it('terminates a renderer that stays hung, and does nothing for a closed window', () => {
    const { window, time } = setup();
    window.emit('unresponsive');
    time.advance(15_000);
    expect(window.crashedByUs).toBe(1);
    window.destroyed = true;
    window.emit('closed');
    window.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    time.advance(60_000);
    expect(window.loads).toEqual([]);
  });
});
