import type { CustomScheme, Protocol } from 'electron';
import { APP_SCHEME } from '../security/origins';
import type { AppRequestHandler } from './appRequestHandler';

// app:// must be registered as privileged before the app is ready. "standard" gives it real
// origins (app://conserje), relative URL resolution, cookies and storage partitioned by origin,
// so IndexedDB and Web Locks behave as on the web; "secure" makes it a secure context (required for
// crypto.subtle and Web Locks); supportFetchAPI lets the renderer fetch its own assets.

export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    codeCache: true,
    // Not granted on purpose: bypassCSP, corsEnabled, allowServiceWorkers, stream.
  },
};

export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}

export function handleAppScheme(protocol: Pick<Protocol, 'handle'>, handler: AppRequestHandler): void {
  protocol.handle(APP_SCHEME, handler);
}
