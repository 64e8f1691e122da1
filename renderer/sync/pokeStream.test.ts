import { describe, expect, it, vi } from 'vitest';
import { PROTOCOL_HEADER } from '../../shared/sync/protocol';
import type { SyncTransport } from './http';
import { EventStreamParser, fetchPokeStream } from './pokeStream';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('EventStreamParser', () => {
  it('counts every event (named, data-less or not), not comments or retry lines, across chunk borders', () => {
    const events: number[] = [];
    const parser = new EventStreamParser(() => events.push(events.length));
    parser.push('retry: 3000\n\nevent: poke\ndata: connected\n\n: keep-alive\n\nevent: po');
    parser.push('ke\ndata: \n');
    expect(events).toHaveLength(1);
    parser.push('\r\ndata\r\n\r\n');
    expect(events).toHaveLength(3);
  });
});

describe('fetchPokeStream', () => {
  it('sends the credential and version headers, reports each poke, and an error when the stream ends', async () => {
    const seen: Array<Record<string, string>> = [];
    const transport: SyncTransport = {
      baseUrl: 'https://central.test/api',
      authHeaders: async () => ({ authorization: 'Bearer desk-1.secret' }),
      fetch: async (_url, init) => {
        seen.push(init.headers);
        return new Response(streamOf(['event: poke\ndata: connected\n\n', 'event: poke\ndata: \n\n']), { headers: { 'content-type': 'text/event-stream' } });
      },
    };
    const handlers = { onOpen: vi.fn(), onPoke: vi.fn(), onError: vi.fn() };
    fetchPokeStream(transport)('https://central.test/api/sync/poke', handlers);
    await vi.waitFor(() => expect(handlers.onError).toHaveBeenCalledTimes(1));
    expect(handlers.onOpen).toHaveBeenCalledTimes(1);
    expect(handlers.onPoke).toHaveBeenCalledTimes(2);
    expect(seen[0]).toMatchObject({ authorization: 'Bearer desk-1.secret', [PROTOCOL_HEADER]: '1', accept: 'text/event-stream' });
  });

  it('reports an error for a refused stream, and nothing after close()', async () => {
    const refused: SyncTransport = { baseUrl: 'x', authHeaders: async () => ({}), fetch: async () => new Response('no', { status: 401 }) };
    const handlers = { onOpen: vi.fn(), onPoke: vi.fn(), onError: vi.fn() };
    fetchPokeStream(refused)('x/sync/poke', handlers);
    await vi.waitFor(() => expect(handlers.onError).toHaveBeenCalledTimes(1));
    expect(handlers.onOpen).not.toHaveBeenCalled();

    const quiet = { onOpen: vi.fn(), onPoke: vi.fn(), onError: vi.fn() };
    const connection = fetchPokeStream({ ...refused, fetch: async () => new Response(streamOf(['event: poke\ndata: \n\n'])) })('x/sync/poke', quiet);
    connection.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(quiet.onError).not.toHaveBeenCalled();
    expect(quiet.onPoke).not.toHaveBeenCalled();
  });
});
