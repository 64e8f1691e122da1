import type { Session } from 'electron';
import { isTrustedUrl, type TrustedOrigins } from './origins';

// Chromium grants many permissions by default in Electron (notifications, media, geolocation...).
// The desk needs none of them, so the policy is deny-by-default with an explicit allow-list:
// only writing sanitized text to the clipboard (copying a short code or a unit number), and only
// for the app's own pages.

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string, trusted: TrustedOrigins): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedUrl(requestingUrl, trusted);
}

export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export function installPermissionPolicy(
  session: PermissionSession,
  trusted: TrustedOrigins,
  onDenied: (fields: { permission: string; kind: 'request' | 'check' }) => void,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, trusted);
    if (!allowed) onDenied({ permission, kind: 'request' });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, trusted),
  );
  // WebHID / WebUSB / Web Serial: the barcode scanner is a keyboard, so no device access at all.
  session.setDevicePermissionHandler(() => false);
}
