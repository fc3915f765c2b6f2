import { readEvents, SseParser } from './sseParser';

export type StreamState = 'connecting' | 'open' | 'retrying' | 'closed';

export interface StreamOptions<T> {
  url?: string;
  /** The access token to send now (refreshed when about to expire); null when signed out. */
  token: () => Promise<string | null>;
  /** The server refused `token`: get another one (null when the session is over). */
  renewToken: (rejected: string) => Promise<string | null>;
  onNotification: (notification: T) => void;
  onState: (state: StreamState) => void;
  /** milliseconds to wait before the attempt-th reconnection (0-based) */
  backoff?: (attempt: number) => number;
  /** nothing at all (not even the 15-second heartbeat comment) for this long: the connection is dead */
  silenceLimitMs?: number;
}

export interface StreamHandle {
  /** Drop the current connection and connect again now (new token, back online). */
  reconnect(): void;
  close(): void;
}

/** 1 s, 2 s, 4 s … up to 30 s, each with up to a quarter more at random so that a restarted server is not stormed. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 1_000 * 2 ** attempt);
  return base + Math.random() * base * 0.25;
}

class Rejected extends Error {}

function closedReason(data: string): string | undefined {
  try {
    return (JSON.parse(data) as { reason?: string }).reason;
  } catch {
    return undefined;
  }
}

/**
 * The live notifications: GET /api/notifications/stream read with fetch() (EventSource cannot send the
 * Authorization header), kept open for as long as the handle is: reconnects with backoff after any failure or end,
 * with Last-Event-ID so that the server replays what was missed meanwhile.
 */
export function openNotificationStream<T>(options: StreamOptions<T>): StreamHandle {
  const {
    url = '/api/notifications/stream',
    backoff = defaultBackoff,
    silenceLimitMs = 45_000,
  } = options;
  let closed = false;
  let attempt = 0;
  let lastEventId: string | undefined;
  let connection: AbortController | null = null;
  let wake: (() => void) | null = null;
  let now = false;
  /** Set when the server closed this stream because the member opened too many: wait what it asked before coming back. */
  let pushedOutFor: number | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function connectOnce(): Promise<void> {
    const controller = new AbortController();
    connection = controller;
    const token = await options.token();
    if (!token) throw new Rejected('signed out');
    if (controller.signal.aborted) return;
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store', credentials: 'same-origin' });
    if (response.status === 401) {
      await options.renewToken(token);
      throw new Rejected('token refused');
    }
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);

    attempt = 0;
    options.onState('open');
    let silence = setTimeout(() => controller.abort(), silenceLimitMs);
    const parser = new SseParser();
    try {
      await readEvents(
        response.body,
        parser,
        (event) => {
          if (event.id) lastEventId = event.id;
          if (event.event === 'closed') {
            // TOKEN_EXPIRED and TOKEN_REVOKED: come back at once with a fresh token; TOO_MANY_STREAMS: a newer tab
            // took this stream's place, and coming back at once would push that one out in turn
            if (closedReason(event.data) === 'TOO_MANY_STREAMS') pushedOutFor = parser.retry ?? 60_000;
            return;
          }
          if (event.event !== 'notification') return;
          try {
            options.onNotification(JSON.parse(event.data) as T);
          } catch {
            // one unreadable event must not end the stream
          }
        },
        () => {
          clearTimeout(silence);
          silence = setTimeout(() => controller.abort(), silenceLimitMs);
        },
      );
    } finally {
      clearTimeout(silence);
    }
  }

  async function run() {
    while (!closed) {
      options.onState(attempt === 0 ? 'connecting' : 'retrying');
      try {
        await connectOnce();
      } catch {
        // aborted, refused, offline or cut: all end in the wait below
      }
      if (closed) break;
      options.onState('retrying');
      const wait = pushedOutFor ?? backoff(attempt);
      pushedOutFor = null;
      if (!now) await sleep(wait);
      // a reconnect asked for during the wait (token renewed, back online) starts afresh, without backoff
      if (now) {
        now = false;
        attempt = 0;
        continue;
      }
      attempt += 1;
    }
    options.onState('closed');
  }

  void run();

  return {
    reconnect() {
      if (closed) return;
      attempt = 0;
      now = true;
      connection?.abort();
      wake?.();
    },
    close() {
      closed = true;
      connection?.abort();
      wake?.();
    },
  };
}
