import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Settings } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLog } from '../testing/recordingLog';
import {
  AUTOSTART_FILE_NAME,
  autostartDirectory,
  autostartEntry,
  execValue,
  launchCommand,
  quoteExecArgument,
  syncLinuxAutostart,
} from './linuxAutostart';
import { applyStartAtLogin, loginItemSettings, type StartAtLoginDeps } from './startAtLogin';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'conserje-home-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const packaged = { execPath: '/opt/Conserje/conserje', isPackaged: true, appPath: '/opt/Conserje/resources/app.asar' };

describe('autostartDirectory', () => {
  it('uses $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartDirectory({ XDG_CONFIG_HOME: '/srv/desk/config' }, '/home/desk')).toBe('/srv/desk/config/autostart');
    expect(autostartDirectory({}, '/home/desk')).toBe('/home/desk/.config/autostart');
    expect(autostartDirectory({ XDG_CONFIG_HOME: '  ' }, '/home/desk')).toBe('/home/desk/.config/autostart');
  });

  it('ignores a relative XDG_CONFIG_HOME, as the spec requires', () => {
    expect(autostartDirectory({ XDG_CONFIG_HOME: 'config' }, '/home/desk')).toBe('/home/desk/.config/autostart');
  });
});

describe('launchCommand', () => {
  it('starts the AppImage file, not its temporary mount', () => {
    expect(launchCommand({ ...packaged, execPath: '/tmp/.mount_ConserXYZ/conserje', appImage: '/home/desk/Apps/Conserje-0.1.0.AppImage' })).toEqual([
      '/home/desk/Apps/Conserje-0.1.0.AppImage',
    ]);
  });

  it('starts the installed binary, or Electron with the app folder in development', () => {
    expect(launchCommand(packaged)).toEqual(['/opt/Conserje/conserje']);
    expect(launchCommand({ execPath: '/repo/node_modules/electron/dist/electron', isPackaged: false, appPath: '/repo' })).toEqual([
      '/repo/node_modules/electron/dist/electron',
      '/repo',
    ]);
  });
});

describe('Exec quoting (Desktop Entry spec)', () => {
  it.each([
    ['/opt/Conserje/conserje', '/opt/Conserje/conserje'],
    ['/home/desk/My Apps/Conserje.AppImage', '"/home/desk/My Apps/Conserje.AppImage"'],
    ['/home/desk/100%/c', '/home/desk/100%%/c'],
    ['/home/desk/a"b$c`d\\e', '"/home/desk/a\\"b\\$c\\`d\\\\e"'],
    ['', '""'],
  ])('%s -> %s', (argument, expected) => {
    expect(quoteExecArgument(argument)).toBe(expected);
  });

  it('escapes backslashes once more for the key file', () => {
    expect(execValue(['/a b/c"d'])).toBe('"/a b/c\\\\"d"');
  });

  it('refuses control characters', () => {
    expect(() => quoteExecArgument('/tmp/evil\nX-Hidden=true')).toThrow();
  });
});

describe('syncLinuxAutostart', () => {
  it('writes the entry, leaves it when unchanged, rewrites it when the app moved, and removes it', async () => {
    const directory = path.join(home, '.config', 'autostart');
    const file = path.join(directory, AUTOSTART_FILE_NAME);
    expect(await syncLinuxAutostart(true, directory, ['/opt/Conserje/conserje'])).toBe('written');
    const text = await readFile(file, 'utf8');
    expect(text).toBe(autostartEntry(['/opt/Conserje/conserje']));
    expect(text).toContain('[Desktop Entry]\nType=Application\n');
    expect(text).toContain('\nExec=/opt/Conserje/conserje\n');
    expect(await syncLinuxAutostart(true, directory, ['/opt/Conserje/conserje'])).toBe('unchanged');
    expect(await syncLinuxAutostart(true, directory, ['/home/desk/Conserje 2.AppImage'])).toBe('written');
    expect(await readFile(file, 'utf8')).toContain('\nExec="/home/desk/Conserje 2.AppImage"\n');
    expect(await syncLinuxAutostart(false, directory, ['/opt/Conserje/conserje'])).toBe('removed');
    await expect(stat(file)).rejects.toThrow();
    expect(await syncLinuxAutostart(false, directory, ['/opt/Conserje/conserje'])).toBe('unchanged');
  });
});

describe('applyStartAtLogin', () => {
  function deps(platform: NodeJS.Platform, env: Record<string, string> = {}) {
    const applied: Settings[] = [];
    const log = recordingLog();
    const value: StartAtLoginDeps = {
      platform,
      app: { setLoginItemSettings: (settings) => void applied.push(settings) },
      launch: packaged,
      env,
      homeDir: home,
      log,
    };
    return { value, applied, log };
  }

  it('uses login items on Windows and macOS', async () => {
    const windows = deps('win32');
    await applyStartAtLogin(true, windows.value);
    expect(windows.applied).toEqual([{ openAtLogin: true, path: '/opt/Conserje/conserje', args: [] }]);
    const mac = deps('darwin');
    await applyStartAtLogin(false, mac.value);
    expect(mac.applied).toEqual([{ openAtLogin: false }]);
  });

  it('passes the app folder to Electron on Windows in development', () => {
    expect(loginItemSettings(true, 'win32', { execPath: 'C:\\dev\\electron.exe', isPackaged: false, appPath: 'C:\\dev\\conserje' })).toEqual({
      openAtLogin: true,
      path: 'C:\\dev\\electron.exe',
      args: ['C:\\dev\\conserje'],
    });
  });

  it('writes the XDG entry on Linux, under XDG_CONFIG_HOME when set', async () => {
    const config = path.join(home, 'xdg');
    const linux = deps('linux', { XDG_CONFIG_HOME: config });
    await applyStartAtLogin(true, linux.value);
    expect(await readFile(path.join(config, 'autostart', AUTOSTART_FILE_NAME), 'utf8')).toContain('Exec=/opt/Conserje/conserje');
    expect(linux.applied).toEqual([]);
    expect(linux.log.calls).toContainEqual(['info', 'workstation.start_at_login', { enabled: true, change: 'written' }]);
  });

  it('logs and carries on when the entry cannot be written', async () => {
    await writeFile(path.join(home, '.config'), 'a file where a folder should be');
    const linux = deps('linux');
    await expect(applyStartAtLogin(true, linux.value)).resolves.toBeUndefined();
    expect(linux.log.calls.some(([level, code]) => level === 'warn' && code === 'workstation.start_at_login_failed')).toBe(true);
  });
});
