import { vi } from 'vitest';

/**
 * A stand-in for the gateway in component tests (the browser tests use the real platform): answers by
 * "METHOD /path" (query string ignored unless the key has one) and records every request for assertions.
 */
export type FakeAnswer = { status?: number; body?: unknown } | ((request: Request) => { status?: number; body?: unknown });

export interface FakeApi {
  requests: Request[];
  bodies: unknown[];
  on(route: string, answer: FakeAnswer): FakeApi;
}

export function fakeApi(): FakeApi {
  const routes = new Map<string, FakeAnswer>();
  const api: FakeApi = {
    requests: [],
    bodies: [],
    on(route, answer) {
      routes.set(route, answer);
      return api;
    },
  };
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(new URL(String(input instanceof Request ? input.url : input), 'http://localhost'), input instanceof Request ? input : init);
    api.requests.push(request.clone());
    const text = await request.clone().text();
    api.bodies.push(text ? JSON.parse(text) : undefined);
    const url = new URL(request.url);
    const answer = routes.get(`${request.method} ${url.pathname}${url.search}`) ?? routes.get(`${request.method} ${url.pathname}`);
    if (!answer) {
      return new Response(JSON.stringify({ title: `no fake for ${request.method} ${url.pathname}`, status: 404 }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    const { status = 200, body } = typeof answer === 'function' ? answer(request) : answer;
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  return api;
}
