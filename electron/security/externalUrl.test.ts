import { describe, expect, it } from 'vitest';
import { toExternalUrl } from './externalUrl';

// shell.openExternal hands a URL to the OS, which may start any registered program: only plain web
// and mail links get through (navigationGuard.test.ts covers the wiring to window.open).

describe('toExternalUrl: what may reach shell.openExternal', () => {
  it.each([
    ['HTTPS://Example.com/Track?id=1', 'https://example.com/Track?id=1'],
    ['  https://example.com/  ', 'https://example.com/'],
    ['https://xn--bcher-kva.example/', 'https://xn--bcher-kva.example/'],
    ['mailto:desk@example.com?subject=Package%20waiting&body=Shelf%20A1', 'mailto:desk@example.com?subject=Package%20waiting&body=Shelf%20A1'],
    ['mailto:a@example.com?CC=b@example.com', 'mailto:a@example.com?CC=b@example.com'],
  ])('accepts %s as %s', (raw, expected) => {
    expect(toExternalUrl(raw)).toBe(expected);
  });

  it.each([
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'jav\tascript:alert(1)',
    'ftp://example.com/file',
    'ssh://host',
    'tel:+15551234567',
    'zoommtg://zoom.us/join?confno=1',
    'search-ms:query=x&crumb=location:\\\\evil\\share',
    'http://',
    'https://:443/',
    'https://user@example.com/',
    'mailto:a@example.com?attach=/home/desk/.ssh/id_rsa',
    'mailto:a@example.com?Attachment=C:\\Users\\desk\\secrets.txt',
    'mailto:a@example.com?subject=x&x-attach=1',
  ])('refuses %s', (raw) => {
    expect(toExternalUrl(raw)).toBeNull();
  });
});
