import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appPageUrl, isTrustedUrl, originOf, trustedOrigins } from './origins';

describe('origins', () => {
  it('computes origins for app:, http: and https:, including the custom scheme', () => {
    expect(originOf('app://conserje/index.html#x')).toBe(APP_ORIGIN);
    expect(originOf('APP://Conserje/')).toBe(APP_ORIGIN);
    expect(originOf('http://127.0.0.1:5173/a')).toBe('http://127.0.0.1:5173');
    expect(originOf('https://user:pw@example.com/')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });

  it('trusts the app, plus the dev server only when given', () => {
    expect([...trustedOrigins(null)]).toEqual([APP_ORIGIN]);
    expect(isTrustedUrl('http://localhost:5173/', trustedOrigins('http://localhost:5173/'))).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/', trustedOrigins(null))).toBe(false);
  });

  it('builds page URLs on the app origin', () => {
    expect(appPageUrl('label.html')).toBe('app://conserje/label.html');
  });
});
