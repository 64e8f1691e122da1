// The origins the app trusts. The packaged renderer is served from app://conserje (a privileged,
// standard custom scheme, see protocol/appScheme.ts); in development it may come from the Vite dev
// server on loopback. Everything else is foreign: no bridge, no navigation, no permissions.

export const APP_SCHEME = 'app';
export const APP_HOST = 'conserje';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The URL of a page of the built renderer, e.g. appPageUrl('index.html'). */
export function appPageUrl(page: string): string {
  return `${APP_ORIGIN}/${page}`;
}

/**
 * scheme://host[:port] of a URL, or null. Computed by hand because Node's URL reports the origin
 * of a non-special scheme such as app: as the string "null", while Chromium (where app: is
 * registered as standard) gives app://conserje.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export type TrustedOrigins = ReadonlySet<string>;

export function trustedOrigins(devServerUrl: string | null): TrustedOrigins {
  const origins = new Set([APP_ORIGIN]);
  const devOrigin = devServerUrl === null ? null : originOf(devServerUrl);
  if (devOrigin !== null) origins.add(devOrigin);
  return origins;
}

export function isTrustedUrl(url: string, trusted: TrustedOrigins): boolean {
  const origin = originOf(url);
  return origin !== null && trusted.has(origin);
}
