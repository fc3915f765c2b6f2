import { describe, expect, it } from 'vitest';
import { readEvents, SseParser, type SseEvent } from './sseParser';

const NOTICE = 'id:m-1:n-1\nevent:notification\ndata:{"id":"m-1:n-1","type":"MENTION","title":"窓口の件"}\n\n';

function pushAll(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('SseParser', () => {
  it('reads the notifications-service event (no space after the colon)', () => {
    expect(pushAll([NOTICE])).toEqual([
      { event: 'notification', id: 'm-1:n-1', data: '{"id":"m-1:n-1","type":"MENTION","title":"窓口の件"}' },
    ]);
  });

  it('gives the same events however the text is split into chunks', () => {
    const text = `:connected\n\n${NOTICE}: heartbeat\n\nevent: notification\ndata: second\n\n`;
    const whole = pushAll([text]);
    expect(whole).toHaveLength(2);
    for (let cut = 1; cut < text.length; cut += 1) {
      expect(pushAll([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(pushAll([...text])).toEqual(whole);
  });

  it('joins multi-line data with newlines and strips one leading space', () => {
    expect(pushAll(['data: first\ndata:  second\ndata\ndata: third\n\n'])).toEqual([
      { event: 'message', data: 'first\n second\n\nthird', id: undefined },
    ]);
  });

  it('accepts CRLF and CR line ends, also with the CRLF split between chunks', () => {
    expect(pushAll(['data: a\r', '\ndata: b\r\r\n'])).toEqual([{ event: 'message', data: 'a\nb', id: undefined }]);
    expect(pushAll(['data: x\r\r'])).toEqual([{ event: 'message', data: 'x', id: undefined }]);
  });

  it('skips comments and heartbeats, and blocks without data', () => {
    expect(pushAll([':connected\n\n:heartbeat\n\nevent: notification\n\nid: 7\n\n'])).toEqual([]);
  });

  it('keeps the last id for the following events and remembers retry', () => {
    const parser = new SseParser();
    expect(parser.push('id: 5\nretry: 3000\ndata: a\n\ndata: b\n\nretry: soon\n\n')).toEqual([
      { event: 'message', data: 'a', id: '5' },
      { event: 'message', data: 'b', id: '5' },
    ]);
    expect(parser.lastId).toBe('5');
    expect(parser.retry).toBe(3000);
  });

  it('does not dispatch an event before its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: notification\ndata: {"a":1}\n')).toEqual([]);
    expect(parser.push('\n')).toHaveLength(1);
  });
});

describe('readEvents', () => {
  it('decodes UTF-8 characters split between network chunks', async () => {
    const bytes = new TextEncoder().encode(NOTICE);
    // cut inside 窓 (3 bytes in UTF-8)
    const cut = new TextEncoder().encode(NOTICE.slice(0, NOTICE.indexOf('窓'))).length + 1;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    let chunks = 0;
    await readEvents(body, new SseParser(), (event) => events.push(event), () => (chunks += 1));
    expect(chunks).toBe(2);
    expect(JSON.parse(events[0].data)).toMatchObject({ title: '窓口の件' });
  });
});
