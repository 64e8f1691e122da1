import { describe, expect, it, vi } from 'vitest';
import { toExternalUrl } from './externalUrl';
import { guardWebContents, type GuardableContents } from './navigationGuard';
import { trustedOrigins } from './origins';

type Listener = (event: { url: string; preventDefault(): void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardableContents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const fire = (event: string, url = '') => {
    const preventDefault = vi.fn();
    listeners.get(event)?.({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => openHandler?.({ url });
  return { contents, fire, open };
}

function setup(devServer: string | null = null) {
  const fake = fakeContents();
  const openExternal = vi.fn(() => Promise.resolve());
  const log = { warn: vi.fn() };
  guardWebContents(fake.contents, { trusted: trustedOrigins(devServer), openExternal, log });
  return { ...fake, openExternal, log };
}

describe('guardWebContents', () => {
  it('prevents <webview> from attaching', () => {
    expect(setup().fire('will-attach-webview')).toBe(true);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: stays inside the app origin', (event) => {
    const { fire, log } = setup();
    expect(fire(event, 'app://conserje/label.html')).toBe(false);
    expect(fire(event, 'https://evil.example/phish')).toBe(true);
    expect(fire(event, 'file:///etc/passwd')).toBe(true);
    expect(fire(event, 'app://other/index.html')).toBe(true);
    expect(fire(event, 'http://127.0.0.1:5173/')).toBe(true);
    expect(log.warn).toHaveBeenCalledWith('security.navigation_blocked', expect.objectContaining({ scheme: 'https' }));
  });

  it('allows the dev server origin only when it is configured', () => {
    const { fire } = setup('http://127.0.0.1:5173/');
    expect(fire('will-navigate', 'http://127.0.0.1:5173/label.html')).toBe(false);
    expect(fire('will-navigate', 'http://127.0.0.1:5174/')).toBe(true);
  });

  it('denies every new window and hands safe links to the OS', async () => {
    const { open, openExternal } = setup();
    expect(open('https://carrier.example/track?id=1')).toEqual({ action: 'deny' });
    expect(open('mailto:desk@example.com')).toEqual({ action: 'deny' });
    expect(open('file:///C:/Windows/System32/calc.exe')).toEqual({ action: 'deny' });
    expect(open('app://conserje/index.html')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openExternal.mock.calls).toEqual([['https://carrier.example/track?id=1'], ['mailto:desk@example.com']]);
  });
});

describe('toExternalUrl', () => {
  it.each([
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['http://example.com', 'http://example.com/'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
  ])('accepts %s', (raw, expected) => {
    expect(toExternalUrl(raw)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://server/share',
    'ms-settings:privacy',
    'app://conserje/index.html',
    'https://user:pass@example.com/',
    'not a url',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (raw) => {
    expect(toExternalUrl(raw)).toBeNull();
  });
});
