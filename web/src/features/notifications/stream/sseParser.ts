/**
 * Server-Sent Events as the HTML standard reads them (https://html.spec.whatwg.org/#event-stream-interpretation),
 * for a stream read with fetch(): EventSource would do this itself, but it cannot send an Authorization header.
 * Chunks may split a line, a CRLF pair or a UTF-8 character anywhere.
 */
export interface SseEvent {
  /** `message` when the stream names none */
  event: string;
  data: string;
  /** the last id the stream set, to send back as Last-Event-ID when reconnecting */
  id?: string;
}

const LINE_END = /[\r\n]/g;

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventType = '';
  private lastEventId: string | undefined;
  private retryMs: number | undefined;
  private afterCr = false;

  /** The reconnection time the server asked for with `retry:`, if any. */
  get retry(): number | undefined {
    return this.retryMs;
  }

  get lastId(): string | undefined {
    return this.lastEventId;
  }

  /** Feeds decoded text; returns the events completed by it, in order. */
  push(text: string): SseEvent[] {
    // a CR ends its line at once; an LF right after it (perhaps in this next chunk) belongs to that CRLF
    if (this.afterCr && text.startsWith('\n')) text = text.slice(1);
    this.afterCr = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      LINE_END.lastIndex = start;
      const found = LINE_END.exec(this.buffer);
      if (!found) break;
      const at = found.index;
      const line = this.buffer.slice(start, at);
      if (this.buffer[at] === '\r') {
        if (at === this.buffer.length - 1) this.afterCr = true;
        start = at + (this.buffer[at + 1] === '\n' ? 2 : 1);
      } else {
        start = at + 1;
      }
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null; // a comment: the server's heartbeat
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
      // unknown fields are ignored, as the standard says
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const data = this.data;
    const event = this.eventType || 'message';
    this.data = [];
    this.eventType = '';
    if (data.length === 0) return null;
    return { event, data: data.join('\n'), id: this.lastEventId };
  }
}

/** Reads a byte stream to its end, calling `onEvent` for each event and `onChunk` for anything at all (liveness). */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  parser: SseParser,
  onEvent: (event: SseEvent) => void,
  onChunk: () => void = () => {},
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      onChunk();
      for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
    }
  } finally {
    reader.releaseLock();
  }
}
