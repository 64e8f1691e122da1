import { describe, expect, it, vi } from 'vitest';
import { trustedOrigins } from './origins';
import { installPermissionPolicy, isPermissionAllowed, type PermissionSession } from './permissions';

const trusted = trustedOrigins(null);

describe('isPermissionAllowed', () => {
  it('allows sanitized clipboard writes for the app only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://conserje/index.html', trusted)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', trusted)).toBe(false);
  });

  it.each(['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen'])(
    'denies %s even to the app',
    (permission) => {
      expect(isPermissionAllowed(permission, 'app://conserje/index.html', trusted)).toBe(false);
    },
  );
});

describe('installPermissionPolicy', () => {
  it('installs request, check and device handlers that deny by default', () => {
    let request: ((wc: unknown, permission: string, callback: (ok: boolean) => void, details: { requestingUrl: string }) => void) | undefined;
    let check: ((wc: unknown, permission: string, origin: string) => boolean) | undefined;
    let device: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
      setDevicePermissionHandler: (handler: typeof device) => (device = handler),
    } as unknown as PermissionSession;
    const onDenied = vi.fn();
    installPermissionPolicy(session, trusted, onDenied);

    const callback = vi.fn();
    request?.(null, 'media', callback, { requestingUrl: 'app://conserje/' });
    request?.(null, 'clipboard-sanitized-write', callback, { requestingUrl: 'app://conserje/' });
    expect(callback.mock.calls).toEqual([[false], [true]]);
    expect(onDenied).toHaveBeenCalledWith({ permission: 'media', kind: 'request' });
    expect(check?.(null, 'notifications', 'app://conserje')).toBe(false);
    expect(check?.(null, 'clipboard-sanitized-write', 'app://conserje')).toBe(true);
    expect(device?.()).toBe(false);
  });
});
