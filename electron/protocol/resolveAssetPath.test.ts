import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAssetPath } from './resolveAssetPath';

const root = path.resolve('/srv/conserje/dist/renderer');

function isInsideRoot(filePath: string): boolean {
  return filePath.startsWith(root + path.sep);
}

describe('resolveAssetPath', () => {
  it.each([
    ['app://conserje/', 'index.html'],
    ['app://conserje', 'index.html'],
    ['app://conserje/index.html', 'index.html'],
    ['app://conserje/label.html#%7B%22label%22%3A1%7D', 'label.html'],
    ['app://conserje/assets/index-Bx1.js?v=3', path.join('assets', 'index-Bx1.js')],
    ['app://conserje/assets/Fira%20Sans.woff2', path.join('assets', 'Fira Sans.woff2')],
  ])('serves %s from %s', (url, relative) => {
    expect(resolveAssetPath(url, root)).toEqual({ ok: true, filePath: path.join(root, relative) });
  });

  it.each([
    'app://conserje/../../etc/passwd',
    'app://conserje/assets/../../../etc/passwd',
    'app://conserje/%2e%2e/%2e%2e/etc/passwd',
    'app://conserje/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://conserje/.%2e/secret',
    'app://conserje/assets/..%2f..%2fsecret',
    'app://conserje/index.html%00.png',
    'app://conserje/assets/a%00',
    'app://conserje/..\\..\\windows\\win.ini',
    'app://conserje/assets\\..\\..\\secret',
    'app://conserje/%5c%5cserver%5cshare',
    'app://conserje/C:/Windows/win.ini',
    'app://conserje/C:%5cWindows',
    'app://conserje//etc/passwd',
    'app://conserje/.env',
    'app://conserje/assets/.git/config',
    'app://conserje/%E0%A4%A',
  ])('refuses %s', (url) => {
    const result = resolveAssetPath(url, root);
    expect(result.ok).toBe(false);
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAssetPath('app://evil/index.html', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAssetPath('file:///etc/passwd', root)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAssetPath('not a url', root)).toMatchObject({ ok: false, status: 400 });
  });

  it('treats a directory URL as not found', () => {
    expect(resolveAssetPath('app://conserje/assets/', root)).toMatchObject({ ok: false, status: 404 });
  });

  it('never resolves outside the root, whatever the input', () => {
    const probes = ['..', '%2e%2e', '.%2E', '%252e%252e', '\\', '%5C', '%00', '/', '//', 'a/../..', '~', '%7e', 'C:', '\u2025'];
    for (const a of probes) {
      for (const b of probes) {
        const result = resolveAssetPath(`app://conserje/${a}/${b}/etc/passwd`, root);
        if (result.ok) expect(isInsideRoot(result.filePath)).toBe(true);
      }
    }
  });
});
