import type { PokeConnector } from './environment';
import { syncHeaders, type SyncTransport } from './http';

/**
 * The poke stream (Server-Sent Events) read with fetch rather than EventSource: EventSource cannot
 * send headers, and the device credential must travel in one (never in a URL, where logs keep
 * it). Every event counts as a poke, whatever its type or data; comments (keep-alives) do not.
 * The stream ending, an HTTP error or a network error all call `onError` once; the client
 * reconnects with its own backoff.
 */
export function fetchPokeStream(transport: SyncTransport): PokeConnector {
  return (url, handlers) => {
    const controller = new AbortController();
    let closed = false;
    const fail = () => {
      if (closed) return;
      closed = true;
      controller.abort();
      handlers.onError();
    };
    void (async () => {
      let response: Response;
      try {
        const headers = { accept: 'text/event-stream', ...(await syncHeaders(transport)) };
        response = await transport.fetch(url, { method: 'GET', headers, signal: controller.signal });
      } catch {
        return fail();
      }
      if (!response.ok || !response.body) return fail();
      if (closed) return;
      handlers.onOpen();
      const parser = new EventStreamParser(() => {
        if (!closed) handlers.onPoke();
      });
      try {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value);
        }
      } catch {
        // aborted by close(), or the connection broke: either way, below
      }
      fail();
    })();
    return {
      close: () => {
        closed = true;
        controller.abort();
      },
    };
  };
}

/** The part of the text/event-stream format a poke needs: which blank line ends an event. */
export class EventStreamParser {
  private pending = '';
  private inEvent = false;

  constructor(private readonly onEvent: () => void) {}

  push(chunk: string): void {
    const lines = (this.pending + chunk).split(/\r\n|\r|\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (this.inEvent) this.onEvent();
        this.inEvent = false;
      } else if (!line.startsWith(':')) {
        const field = line.includes(':') ? line.slice(0, line.indexOf(':')) : line;
        if (field === 'event' || field === 'data') this.inEvent = true;
      }
    }
  }
}
