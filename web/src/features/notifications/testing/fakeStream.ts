import { vi } from 'vitest';

/**
 * GET /api/notifications/stream for component tests: a text/event-stream body the test writes into, on top of the
 * fake gateway's other answers (fakeApi() must have been called first).
 */
export interface FakeStream {
  /** how many times the stream was opened */
  readonly opened: number;
  readonly lastRequest: Request | undefined;
  /** whether the client has dropped the latest connection */
  readonly aborted: boolean;
  send(text: string): void;
  notify(item: object): void;
  /** the server ends the stream */
  end(): void;
}

export function fakeStream(): FakeStream {
  const gateway = globalThis.fetch;
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const state = { opened: 0, lastRequest: undefined as Request | undefined, signal: undefined as AbortSignal | undefined };
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://localhost');
    if (url.pathname !== '/api/notifications/stream') return gateway(input, init);
    state.opened += 1;
    state.lastRequest = new Request(url, init);
    state.signal = init?.signal ?? undefined;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        c.enqueue(encoder.encode(':connected\n\n'));
        init?.signal?.addEventListener('abort', () => {
          try {
            c.error(new DOMException('aborted', 'AbortError'));
          } catch {
            // already closed
          }
        });
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  });
  return {
    get opened() {
      return state.opened;
    },
    get lastRequest() {
      return state.lastRequest;
    },
    get aborted() {
      return state.signal?.aborted ?? false;
    },
    send(text) {
      controller?.enqueue(encoder.encode(text));
    },
    notify(item) {
      const id = (item as { id?: string }).id;
      controller?.enqueue(encoder.encode(`${id ? `id:${id}\n` : ''}event:notification\ndata:${JSON.stringify(item)}\n\n`));
    },
    end() {
      controller?.close();
    },
  };
}
