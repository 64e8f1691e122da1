import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  const csp = directives(buildContentSecurityPolicy());

  it('allows only the app itself to run scripts and styles, with nothing inline', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(buildContentSecurityPolicy()).not.toContain('unsafe-inline');
    expect(buildContentSecurityPolicy()).not.toContain('unsafe-eval');
  });

  it('locks down objects, framing, base and forms', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('allows images from the app, data: and blob:', () => {
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('lets the renderer reach the central service on loopback by default', () => {
    expect(csp.get('connect-src')).toEqual(expect.arrayContaining(["'self'", 'http://127.0.0.1:*', 'http://localhost:*']));
  });

  it('accepts a configured service origin and refuses directive injection', () => {
    const custom = directives(buildContentSecurityPolicy({ connectSources: ['https://api.conserje.app'] }));
    expect(custom.get('connect-src')).toEqual(["'self'", 'https://api.conserje.app']);
    expect(() => buildContentSecurityPolicy({ connectSources: ["https://x; script-src 'unsafe-inline'"] })).toThrow();
  });
});
