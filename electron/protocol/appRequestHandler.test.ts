import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppRequestHandler } from './appRequestHandler';
import { APP_SCHEME_DEFINITION, handleAppScheme, registerAppScheme } from './appScheme';

let workDir: string;
let rootDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'conserje-protocol-'));
  rootDir = path.join(workDir, 'renderer');
  await mkdir(path.join(rootDir, 'assets'), { recursive: true });
  await writeFile(path.join(rootDir, 'index.html'), '<!doctype html><title>Conserje</title>');
  await writeFile(path.join(rootDir, 'label.html'), '<!doctype html><title>label</title>');
  await writeFile(path.join(rootDir, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(rootDir, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(rootDir, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(path.join(rootDir, 'assets', 'data.bin'), 'x');
  // A file next to the root that traversal would reach.
  await writeFile(path.join(workDir, 'secret.txt'), 'secret');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('createAppRequestHandler', () => {
  it.each([
    ['app://conserje/', 'text/html; charset=utf-8'],
    ['app://conserje/label.html#%7B%7D', 'text/html; charset=utf-8'],
    ['app://conserje/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://conserje/assets/index-abc.css', 'text/css; charset=utf-8'],
    ['app://conserje/assets/logo.svg', 'image/svg+xml'],
    ['app://conserje/assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s with security headers', async (url, type) => {
    const response = await createAppRequestHandler({ rootDir })(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('returns the file body, and none for HEAD', async () => {
    const handler = createAppRequestHandler({ rootDir });
    expect(await (await handler(new Request('app://conserje/assets/index-abc.js'))).text()).toBe('console.log(1)');
    expect(await (await handler(new Request('app://conserje/index.html', { method: 'HEAD' }))).text()).toBe('');
  });

  it('does not cache HTML but caches hashed assets', async () => {
    const handler = createAppRequestHandler({ rootDir });
    expect((await handler(new Request('app://conserje/index.html'))).headers.get('cache-control')).toBe('no-cache');
    expect((await handler(new Request('app://conserje/assets/index-abc.js'))).headers.get('cache-control')).toContain('immutable');
  });

  it('answers 404 for a missing file and refuses traversal, reporting the reason', async () => {
    const onRejected = vi.fn();
    const handler = createAppRequestHandler({ rootDir, onRejected });
    expect((await handler(new Request('app://conserje/missing.js'))).status).toBe(404);
    // The URL parser (like Chromium's) folds %2e%2e away before the handler runs: still inside.
    const normalised = await handler(new Request('app://conserje/%2e%2e/secret.txt'));
    expect(normalised.status).toBe(404);
    // A raw URL that reaches the handler unnormalised is refused on sight.
    const raw = { method: 'GET', url: 'app://conserje/%2e%2e/secret.txt' } as Request;
    const traversal = await handler(raw);
    expect(traversal.status).toBe(400);
    expect(await traversal.text()).toBe('');
    expect(onRejected).toHaveBeenCalledWith({ reason: 'notFound', status: 404 });
    expect(onRejected).toHaveBeenCalledWith({ reason: 'suspiciousPath', status: 400 });
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await createAppRequestHandler({ rootDir })(new Request('app://conserje/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});

describe('app scheme registration', () => {
  it('registers app:// as standard, secure and fetchable, without bypassing CSP', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_DEFINITION]);
    expect(APP_SCHEME_DEFINITION).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_SCHEME_DEFINITION.privileges?.bypassCSP).toBeUndefined();
  });

  it('installs the handler for the app scheme', () => {
    const protocol = { handle: vi.fn() };
    const handler = createAppRequestHandler({ rootDir: '/nowhere' });
    handleAppScheme(protocol, handler);
    expect(protocol.handle).toHaveBeenCalledWith('app', handler);
  });
});
