// Development mode: when VITE_DEV_SERVER_URL is set (by the dev script, e.g.
// VITE_DEV_SERVER_URL=http://127.0.0.1:5173), the main window loads the Vite dev server instead of
// app://conserje, so the renderer gets hot reloading. The URL would receive the full bridge, so it
// is honoured only in an unpackaged app and only on loopback: a stray environment variable on a
// lobby PC must not point the desk at a page on the network.

export type DevServerSetting =
  | { kind: 'none' }
  | { kind: 'devServer'; url: string }
  | { kind: 'rejected'; reason: 'packaged' | 'invalidUrl' | 'notLoopback' };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function readDevServerSetting(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): DevServerSetting {
  const raw = env.VITE_DEV_SERVER_URL?.trim();
  if (raw === undefined || raw === '') return { kind: 'none' };
  if (isPackaged) return { kind: 'rejected', reason: 'packaged' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'rejected', reason: 'invalidUrl' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'rejected', reason: 'invalidUrl' };
  if (!LOOPBACK_HOSTS.has(url.hostname)) return { kind: 'rejected', reason: 'notLoopback' };
  // Normalised with a trailing slash so page URLs can be built by relative resolution.
  return { kind: 'devServer', url: new URL('./', url).href };
}
