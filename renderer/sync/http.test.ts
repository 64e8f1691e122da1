import { describe, expect, it } from 'vitest';
import { MAX_PUSH_BODY_BYTES, PROTOCOL_HEADER, SCHEMA_HEADER, type PushedMutation } from '../../shared/sync/protocol';
import { SyncFailure, pullChanges, retryAfterMs, type SyncTransport } from './http';
import { fitIntoOneBody } from './SyncClient';

function transport(respond: () => Response | Promise<Response>, seen: Array<{ url: string; headers: Record<string, string> }> = []): SyncTransport {
  return {
    baseUrl: 'https://central.test/api/',
    authHeaders: async () => ({ authorization: 'Bearer secret' }),
    fetch: async (url, init) => {
      seen.push({ url, headers: init.headers });
      return respond();
    },
  };
}

const pull = { protocolVersion: 1 as const, schemaVersion: 1 as const, deskId: 'desk-1', cursor: 0, limit: 10 };

async function failureOf(promise: Promise<unknown>): Promise<SyncFailure> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SyncFailure);
  return error as SyncFailure;
}

describe('sync HTTP', () => {
  it('posts to the endpoint with the protocol, schema and device headers', async () => {
    const seen: Array<{ url: string; headers: Record<string, string> }> = [];
    const response = await pullChanges(transport(() => Response.json({ changes: [], cursor: 0, hasMore: false, lastProcessedSeq: 0 }), seen), pull, 0);
    expect(response.hasMore).toBe(false);
    expect(seen[0]?.url).toBe('https://central.test/api/sync/pull');
    expect(seen[0]?.headers).toMatchObject({ [PROTOCOL_HEADER]: '1', [SCHEMA_HEADER]: '1', authorization: 'Bearer secret', 'content-type': 'application/json' });
  });

  it.each([
    [() => Promise.reject(new TypeError('Failed to fetch')), 'network', undefined],
    [() => new Response('busy', { status: 503, headers: { 'retry-after': '12' } }), 'temporary', undefined],
    [() => new Response('slow down', { status: 429 }), 'temporary', undefined],
    [() => Response.json({ error: 'schemaOutdated', message: 'update' }, { status: 426 }), 'updateRequired', 'schemaOutdated'],
    [() => Response.json({ error: 'wrongBuilding', message: 'no' }, { status: 403 }), 'notEnrolled', 'wrongBuilding'],
    [() => Response.json({ error: 'bodyTooLarge', message: 'big' }, { status: 413 }), 'tooLarge', 'bodyTooLarge'],
    [() => Response.json({ error: 'malformedRequest', message: 'bad' }, { status: 400 }), 'refused', 'malformedRequest'],
    [() => new Response('no', { status: 401 }), 'notEnrolled', undefined],
    [() => Response.json({ changes: 'nope' }), 'badResponse', undefined],
  ] as const)('classifies answer %# as %s', async (respond, kind, code) => {
    const failure = await failureOf(pullChanges(transport(respond), pull, 0));
    expect(failure.kind).toBe(kind);
    expect(failure.detail.code).toBe(code);
  });

  it('reads Retry-After in seconds or as a date', async () => {
    expect(retryAfterMs('12', 0)).toBe(12_000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:30 GMT', 10_000)).toBe(20_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    const failure = await failureOf(pullChanges(transport(() => new Response('', { status: 503, headers: { 'retry-after': '7' } })), pull, 0));
    expect(failure.detail.retryAfterMs).toBe(7_000);
  });

  it('says "not enrolled" without a request when the desk holds no credential', async () => {
    const seen: Array<{ url: string; headers: Record<string, string> }> = [];
    const failure = await failureOf(pullChanges({ ...transport(() => Response.json({}), seen), authHeaders: async () => null }, pull, 0));
    expect(failure.kind).toBe('notEnrolled');
    expect(seen).toEqual([]);
  });

  it('keeps a push body under the size limit, sending at least one mutation', () => {
    const big = (seq: number): PushedMutation => ({ id: `m${seq}`, seq, name: 'recordSignIn', args: { pad: 'x'.repeat(300_000) }, staffId: 's', at: '2026-03-02T10:00:00.000Z' });
    expect(fitIntoOneBody([big(1), big(2), big(3), big(4)], 'desk-1').map((m) => m.seq)).toEqual([1, 2, 3]);
    const huge: PushedMutation = { ...big(1), args: { pad: 'x'.repeat(MAX_PUSH_BODY_BYTES) } };
    expect(fitIntoOneBody([huge, big(2)], 'desk-1')).toEqual([huge]);
  });
});
