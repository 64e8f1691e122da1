import path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security/origins';

// Maps an app://conserje/... request URL to a file inside the built renderer, or refuses it.
// Chromium normalises URLs before they reach the handler, but the check does not rely on that:
// anything that even looks like an escape attempt is refused outright (legitimate Vite assets
// never contain dot segments, backslashes, NUL or encoded separators), and the resolved path is
// then verified to lie inside the root.

export type AssetPathResult =
  | { ok: true; filePath: string }
  | { ok: false; status: 400 | 403 | 404; reason: AssetRejection };

export type AssetRejection =
  | 'malformedUrl'
  | 'foreignOrigin'
  | 'suspiciousPath'
  | 'badEncoding'
  | 'outsideRoot'
  | 'directory';

const DEFAULT_DOCUMENT = 'index.html';

// Checked on the raw URL text: traversal and separator tricks, literal or percent-encoded.
const SUSPICIOUS_RAW = [
  /\\/, // backslash: a separator on Windows
  /%5c/i, // encoded backslash
  /%2f/i, // encoded slash: would smuggle a separator past segment checks
  /%00|\u0000/i, // NUL
  /%2e/i, // encoded dot: no real asset needs it, and %2e%2e is a classic traversal
  /(^|\/)\.\.?(\/|$|\?|#)/, // literal dot segments
];

export function resolveAssetPath(requestUrl: string, rootDir: string): AssetPathResult {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return reject(400, 'malformedUrl');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return reject(403, 'foreignOrigin');

  const rawPath = rawPathOf(requestUrl);
  if (SUSPICIOUS_RAW.some((pattern) => pattern.test(rawPath))) return reject(400, 'suspiciousPath');

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return reject(400, 'badEncoding');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return reject(400, 'suspiciousPath');

  const relative = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  if (relative === '') return resolveInside(rootDir, DEFAULT_DOCUMENT);
  if (relative.endsWith('/')) return reject(404, 'directory');

  const segments = relative.split('/');
  // Dot segments, empty segments (a//b) and dotfiles are never part of the build output.
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return reject(400, 'suspiciousPath');
  // A drive letter or UNC-looking start would make path.resolve ignore the root on Windows.
  if (/^[a-zA-Z]:/.test(relative) || path.isAbsolute(relative)) return reject(400, 'suspiciousPath');

  return resolveInside(rootDir, relative);
}

function resolveInside(rootDir: string, relative: string): AssetPathResult {
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  if (filePath !== root && filePath.startsWith(root + path.sep)) return { ok: true, filePath };
  return reject(403, 'outsideRoot');
}

/** The path part of the URL exactly as written (before any normalisation by URL parsing). */
function rawPathOf(requestUrl: string): string {
  const afterScheme = requestUrl.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\\]*/, '');
  const end = afterScheme.search(/[?#]/);
  return end === -1 ? afterScheme : afterScheme.slice(0, end);
}

function reject(status: 400 | 403 | 404, reason: AssetRejection): AssetPathResult {
  return { ok: false, status, reason };
}
