import type { EventLog } from '../logging/eventLog';
import { toExternalUrl } from './externalUrl';
import { isTrustedUrl, type TrustedOrigins } from './origins';

// Locks down every WebContents the app creates (main window, label window, anything else):
// no <webview>, no new windows, no navigation away from the app's own origin.

interface PreventableEvent {
  preventDefault(): void;
}

interface NavigationEvent extends PreventableEvent {
  url: string;
}

/**
 * The slice of Electron's WebContents this module uses, so tests can pass a small fake and the
 * real WebContents still type-checks against it.
 */
export interface GuardableContents {
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  trusted: TrustedOrigins;
  openExternal: (url: string) => Promise<void>;
  log: Pick<EventLog, 'warn'>;
}

export function guardWebContents(contents: GuardableContents, options: NavigationGuardOptions): void {
  const { trusted, log } = options;

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('security.webview_blocked');
  });

  contents.setWindowOpenHandler(({ url }) => {
    const external = toExternalUrl(url);
    if (external === null) {
      log.warn('security.window_open_blocked', { scheme: schemeOf(url) });
    } else {
      options.openExternal(external).catch(() => log.warn('security.open_external_failed', { scheme: schemeOf(url) }));
    }
    return { action: 'deny' };
  });

  const keepInsideApp = (kind: string) => (event: NavigationEvent) => {
    if (isTrustedUrl(event.url, trusted)) return;
    event.preventDefault();
    log.warn('security.navigation_blocked', { kind, scheme: schemeOf(event.url) });
  };
  contents.on('will-navigate', keepInsideApp('navigate'));
  // will-navigate fires for the main frame only; subframes (iframes) are covered here.
  contents.on('will-frame-navigate', keepInsideApp('frame'));
  contents.on('will-redirect', keepInsideApp('redirect'));
}

/** Only the scheme is logged: URLs can carry personal data in their path or query. */
function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match?.[1]?.toLowerCase() ?? 'invalid';
}
