import type { App, Settings } from 'electron';
import type { EventLog } from '../logging/eventLog';
import { autostartDirectory, launchCommand, syncLinuxAutostart, type LaunchTarget } from './linuxAutostart';

// The "Start at login" desk setting, applied to the operating system: a login item on Windows
// (the per-user Run registry key) and macOS, an XDG autostart entry on Linux and other Unixes.
// Applied at every start as well as on change, so the entry follows the app when it moves (a new
// AppImage file, a reinstall in another folder).

export interface StartAtLoginDeps {
  platform: NodeJS.Platform;
  app: Pick<App, 'setLoginItemSettings'>;
  launch: LaunchTarget;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  log: Pick<EventLog, 'info' | 'warn'>;
}

/** What app.setLoginItemSettings gets on Windows and macOS. */
export function loginItemSettings(enabled: boolean, platform: NodeJS.Platform, launch: LaunchTarget): Settings {
  if (platform !== 'win32') return { openAtLogin: enabled };
  // In development the Electron binary needs the app folder as its argument.
  const [binary = launch.execPath, ...args] = launchCommand({ ...launch, appImage: undefined });
  return { openAtLogin: enabled, path: binary, args };
}

export async function applyStartAtLogin(enabled: boolean, deps: StartAtLoginDeps): Promise<void> {
  try {
    if (deps.platform === 'win32' || deps.platform === 'darwin') {
      deps.app.setLoginItemSettings(loginItemSettings(enabled, deps.platform, deps.launch));
      deps.log.info('workstation.start_at_login', { enabled, change: 'applied' });
      return;
    }
    const change = await syncLinuxAutostart(enabled, autostartDirectory(deps.env, deps.homeDir), launchCommand(deps.launch));
    if (change !== 'unchanged') deps.log.info('workstation.start_at_login', { enabled, change });
  } catch (error: unknown) {
    // A read-only home or a locked registry must not stop the desk; the setting simply has no effect.
    deps.log.warn('workstation.start_at_login_failed', { enabled, error });
  }
}
