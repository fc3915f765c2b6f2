import { afterEach, describe, expect, it, vi } from 'vitest';
import { openNotificationStream, type StreamState } from './notificationStream';

/** A response whose body is these server-sent-event lines, then the end of the stream. */
function streamOf(text: string) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return { status: 200, ok: true, body } as unknown as Response;
}

describe('openNotificationStream', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits as long as the server asks when a newer tab took its place, and comes back at once after a token expired', async () => {
    vi.useFakeTimers();
    const answers = [
      streamOf('retry: 60000\nevent: closed\ndata: {"reason":"TOO_MANY_STREAMS"}\n\n'),
      streamOf('event: closed\ndata: {"reason":"TOKEN_EXPIRED"}\n\n'),
    ];
    const fetchMock = vi.fn(async () => answers.shift() ?? new Promise<Response>(() => {}));
    vi.stubGlobal('fetch', fetchMock);
    const states: StreamState[] = [];
    const handle = openNotificationStream({
      token: async () => 'token',
      renewToken: async () => 'token',
      onNotification: () => {},
      onState: (state) => states.push(state),
      backoff: () => 10,
    });

    await vi.advanceTimersByTimeAsync(50);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // back after the minute; its stream closes because the token expired, and the next attempt follows after the
    // ordinary backoff (10 ms here), not another minute
    await vi.advanceTimersByTimeAsync(1_100);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    handle.close();
    expect(states).toContain('retrying');
  });
});
