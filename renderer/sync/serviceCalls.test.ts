import { describe, expect, it } from 'vitest';
import type { SyncTransport } from './http';
import { ONLINE_PIN_TIMEOUT_MS, searchPackageHistory, verifyPinOnline } from './serviceCalls';

function transport(respond: (url: string, body: unknown, signal: AbortSignal | undefined) => Response | Promise<Response>): SyncTransport {
  return {
    baseUrl: 'https://central.test/api',
    authHeaders: async () => ({ authorization: 'Bearer secret' }),
    fetch: async (url, init) => respond(url, init.body ? JSON.parse(init.body) : undefined, init.signal),
  };
}

describe('the online PIN check', () => {
  it('asks the service and maps its answer', async () => {
    const seen: unknown[] = [];
    const accept = transport((url, body) => {
      seen.push([url, body]);
      return Response.json({ ok: true, role: 'doorperson', lockedForSeconds: 0 });
    });
    expect(await verifyPinOnline(accept, 's-ana', '1111', 0)).toEqual({ kind: 'accepted' });
    expect(seen).toEqual([['https://central.test/api/staff/verify-pin', { staffId: 's-ana', pin: '1111' }]]);
    expect(await verifyPinOnline(transport(() => Response.json({ ok: false, role: null, lockedForSeconds: 0 })), 's-ana', '0000', 0)).toEqual({ kind: 'refused' });
    expect(await verifyPinOnline(transport(() => Response.json({ ok: false, role: null, lockedForSeconds: 60 })), 's-ana', '0000', 0)).toEqual({ kind: 'locked', seconds: 60 });
  });

  it('reports "unavailable" (check on the desk) when there is no service, no network, a fault or nonsense', async () => {
    expect(await verifyPinOnline(null, 's-ana', '1111', 0)).toEqual({ kind: 'unavailable', reason: 'notConfigured' });
    expect(await verifyPinOnline(transport(() => Promise.reject(new TypeError('Failed to fetch'))), 's-ana', '1111', 0)).toMatchObject({ kind: 'unavailable', reason: 'network' });
    expect(await verifyPinOnline(transport(() => new Response('down', { status: 503 })), 's-ana', '1111', 0)).toMatchObject({ kind: 'unavailable', reason: 'temporary' });
    expect(await verifyPinOnline(transport(() => Response.json({ ok: 'yes' })), 's-ana', '1111', 0)).toMatchObject({ kind: 'unavailable', reason: 'badResponse' });
  });

  it('gives up after ONLINE_PIN_TIMEOUT_MS instead of freezing the sign-in', async () => {
    let timeout: number | null = null;
    const slow = transport((_url, _body, signal) => {
      timeout = signal ? ONLINE_PIN_TIMEOUT_MS : null;
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError'))));
    });
    const started = Date.now();
    expect(await verifyPinOnline(slow, 's-ana', '1111', 0)).toMatchObject({ kind: 'unavailable', reason: 'network' });
    expect(Date.now() - started).toBeLessThan(ONLINE_PIN_TIMEOUT_MS + 1_500);
    expect(timeout).toBe(ONLINE_PIN_TIMEOUT_MS);
  });
});

describe('the history search', () => {
  it('posts the query and validates the page', async () => {
    const page = await searchPackageHistory(
      transport((url, body) => {
        expect(url).toBe('https://central.test/api/history/packages');
        expect(body).toEqual({ query: { by: 'unit', unitId: 'u-1' }, limit: 50 });
        return Response.json({ packages: [], nextBefore: null });
      }),
      { query: { by: 'unit', unitId: 'u-1' }, limit: 50 },
      0,
    );
    expect(page).toEqual({ packages: [], nextBefore: null });
  });
});
