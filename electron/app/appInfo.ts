import type { AppInfo } from '../../shared/bridge/contract';

export function electronAppInfo(appVersion: string, platform: NodeJS.Platform): AppInfo {
  return { appVersion, platform, host: 'electron', secretStorage: 'os-keychain' };
}
