import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomicWrite';

// "Start at login" on Linux desktops: an XDG autostart entry, $XDG_CONFIG_HOME/autostart/
// (default ~/.config/autostart), which GNOME, KDE, Xfce, LXQt and others run at session start.
// Electron's app.setLoginItemSettings does nothing on Linux, hence this module.
// Spec: https://specifications.freedesktop.org/autostart-spec/ and the Desktop Entry spec's Exec key.

export const AUTOSTART_FILE_NAME = 'app.conserje.desk.desktop';

/** $XDG_CONFIG_HOME/autostart; a relative XDG_CONFIG_HOME is invalid per the spec and ignored. */
export function autostartDirectory(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const configured = env.XDG_CONFIG_HOME?.trim();
  const base = configured !== undefined && configured !== '' && path.isAbsolute(configured) ? configured : path.join(homeDir, '.config');
  return path.join(base, 'autostart');
}

export interface LaunchTarget {
  /** process.execPath: the app binary (packaged) or the Electron binary (development). */
  execPath: string;
  /** process.env.APPIMAGE when running from an AppImage. */
  appImage?: string | undefined;
  isPackaged: boolean;
  /** app.getAppPath(): the app folder Electron needs as its argument in development. */
  appPath: string;
}

/** The command that starts this app again, as argv. */
export function launchCommand(target: LaunchTarget): string[] {
  // An AppImage runs from a temporary mount (/tmp/.mount_XXXX) that is gone at the next login:
  // the AppImage file itself is what must be started.
  if (target.appImage !== undefined && target.appImage !== '') return [target.appImage];
  return target.isPackaged ? [target.execPath] : [target.execPath, target.appPath];
}

const EXEC_RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One argument of an Exec line: quoted when it holds a reserved character, with " ` $ \ escaped
 * inside the quotes, and % doubled (field codes start with %).
 */
export function quoteExecArgument(argument: string): string {
  if (/[\u0000-\u001f\u007f]/.test(argument)) throw new Error('autostart: control character in the launch command');
  const percent = argument.replace(/%/g, '%%');
  if (percent !== '' && !EXEC_RESERVED.test(percent)) return percent;
  return `"${percent.replace(/["`$\\]/g, '\\$&')}"`;
}

/** The value of the Exec key. Desktop entry string values escape a backslash once more (\\). */
export function execValue(argv: readonly string[]): string {
  return argv.map(quoteExecArgument).join(' ').replace(/\\/g, '\\\\');
}

export function autostartEntry(argv: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Conserje',
    `Exec=${execValue(argv)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export type AutostartChange = 'written' | 'removed' | 'unchanged';

/** Writes or removes the entry so it matches `enabled`; rewrites it when the command changed. */
export async function syncLinuxAutostart(enabled: boolean, directory: string, argv: readonly string[]): Promise<AutostartChange> {
  const file = path.join(directory, AUTOSTART_FILE_NAME);
  const current = await readFile(file, 'utf8').catch(() => null);
  if (!enabled) {
    if (current === null) return 'unchanged';
    await rm(file, { force: true });
    return 'removed';
  }
  const entry = autostartEntry(argv);
  if (current === entry) return 'unchanged';
  await mkdir(directory, { recursive: true });
  await writeFileAtomic(file, entry);
  return 'written';
}
