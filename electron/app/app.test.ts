import { describe, expect, it, vi } from 'vitest';
import { AppInfo } from '../../shared/bridge/contract';
import { electronAppInfo } from './appInfo';
import { readDevServerSetting } from './devServer';
import { claimSingleInstance, type FocusableWindow, type SingleInstanceApp } from './singleInstance';

describe('readDevServerSetting', () => {
  it('is off when VITE_DEV_SERVER_URL is unset or blank', () => {
    expect(readDevServerSetting({}, false)).toEqual({ kind: 'none' });
    expect(readDevServerSetting({ VITE_DEV_SERVER_URL: '  ' }, false)).toEqual({ kind: 'none' });
  });

  it('loads a loopback dev server in an unpackaged app', () => {
    expect(readDevServerSetting({ VITE_DEV_SERVER_URL: 'http://127.0.0.1:5173' }, false)).toEqual({
      kind: 'devServer',
      url: 'http://127.0.0.1:5173/',
    });
    expect(readDevServerSetting({ VITE_DEV_SERVER_URL: 'http://localhost:5173/' }, false)).toMatchObject({ kind: 'devServer' });
    expect(readDevServerSetting({ VITE_DEV_SERVER_URL: 'http://[::1]:5173/' }, false)).toMatchObject({ kind: 'devServer' });
  });

  it.each([
    [{ VITE_DEV_SERVER_URL: 'http://127.0.0.1:5173' }, true, 'packaged'],
    [{ VITE_DEV_SERVER_URL: 'http://192.168.1.20:5173' }, false, 'notLoopback'],
    [{ VITE_DEV_SERVER_URL: 'https://evil.example/' }, false, 'notLoopback'],
    [{ VITE_DEV_SERVER_URL: 'http://127.0.0.1.evil.example/' }, false, 'notLoopback'],
    [{ VITE_DEV_SERVER_URL: 'file:///tmp/index.html' }, false, 'invalidUrl'],
    [{ VITE_DEV_SERVER_URL: 'nonsense' }, false, 'invalidUrl'],
  ])('refuses %j (packaged: %s)', (env, packaged, reason) => {
    expect(readDevServerSetting(env, packaged)).toEqual({ kind: 'rejected', reason });
  });
});

describe('electronAppInfo', () => {
  it('reports the Electron host with keychain secret storage', () => {
    const info = electronAppInfo('0.1.0', 'linux');
    expect(info).toEqual({ appVersion: '0.1.0', platform: 'linux', host: 'electron', secretStorage: 'os-keychain' });
    expect(AppInfo.safeParse(info).success).toBe(true);
  });
});

describe('claimSingleInstance', () => {
  function fakeApp(gotLock: boolean) {
    let onSecond: (() => void) | undefined;
    const app = {
      requestSingleInstanceLock: () => gotLock,
      on: (event: string, listener: () => void) => {
        if (event === 'second-instance') onSecond = listener;
        return app;
      },
    } as unknown as SingleInstanceApp;
    return { app, secondLaunch: () => onSecond?.() };
  }

  function fakeWindow(minimized: boolean) {
    return {
      isDestroyed: () => false,
      isMinimized: () => minimized,
      restore: vi.fn<() => void>(),
      show: vi.fn<() => void>(),
      focus: vi.fn<() => void>(),
    } satisfies FocusableWindow;
  }

  it('tells a second instance to quit', () => {
    expect(claimSingleInstance(fakeApp(false).app, () => null)).toBe(false);
  });

  it('brings the first instance forward when a second one starts', () => {
    const { app, secondLaunch } = fakeApp(true);
    const window = fakeWindow(true);
    expect(claimSingleInstance(app, () => window)).toBe(true);
    secondLaunch();
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('ignores a second launch before the window exists', () => {
    const { app, secondLaunch } = fakeApp(true);
    claimSingleInstance(app, () => null);
    expect(() => secondLaunch()).not.toThrow();
  });
});
