import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { authorizedFetch, IDEMPOTENCY_KEY, membersApi } from './client';
import { session } from '../auth/session';

function keysOf(requests: Request[]): (string | null)[] {
  return requests.map((request) => request.headers.get(IDEMPOTENCY_KEY));
}

describe('the Idempotency-Key of every POST', () => {
  beforeEach(() => {
    vi.spyOn(session, 'freshAccessToken').mockResolvedValue('token-1');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends a new key with each POST, and none with other methods', async () => {
    const fake = fakeApi()
      .on('POST /api/members/invitations', { status: 201, body: {} })
      .on('GET /api/members/me', { status: 200, body: {} });
    await membersApi.POST('/api/members/invitations', { body: { email: 'a@example.lg.jp' } as never });
    await membersApi.POST('/api/members/invitations', { body: { email: 'a@example.lg.jp' } as never });
    await membersApi.GET('/api/members/me');

    const [first, second, get] = keysOf(fake.requests);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
    expect(get).toBeNull();
    expect(fake.requests[0].headers.get('Authorization')).toBe('Bearer token-1');
  });

  it('sends a POST once more under the same key after a 503, and answers with the repeat’s result', async () => {
    let calls = 0;
    const fake = fakeApi().on('POST /api/members/me/moves', () => {
      calls += 1;
      return calls === 1 ? { status: 503, body: { title: 'Unavailable', status: 503 } } : { status: 201, body: { id: 'm1' } };
    });
    const response = await authorizedFetch(new Request('/api/members/me/moves', { method: 'POST', body: '{"a":1}' }));

    expect(response.status).toBe(201);
    expect(fake.requests).toHaveLength(2);
    const [first, second] = keysOf(fake.requests);
    expect(first).toBeTruthy();
    expect(second).toBe(first);
    expect(fake.bodies).toEqual([{ a: 1 }, { a: 1 }]);
  });

  it('sends a POST once more under the same key after a lost connection, and only once', async () => {
    const requests: Request[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      requests.push(request);
      throw new TypeError('Failed to fetch');
    });
    await expect(authorizedFetch(new Request('/api/members/nudges', { method: 'POST', body: '{}' }))).rejects.toMatchObject({
      status: 0,
    });

    expect(requests).toHaveLength(2);
    const [first, second] = keysOf(requests);
    expect(first).toBeTruthy();
    expect(second).toBe(first);
  });

  it('does not repeat a POST the service answered, nor a GET that failed', async () => {
    const fake = fakeApi()
      .on('POST /api/members/invitations', { status: 422, body: { title: 'Invalid', status: 422 } })
      .on('GET /api/members/me', { status: 503, body: { title: 'Unavailable', status: 503 } });
    expect((await authorizedFetch(new Request('/api/members/invitations', { method: 'POST', body: '{}' }))).status).toBe(422);
    expect((await authorizedFetch(new Request('/api/members/me'))).status).toBe(503);

    expect(fake.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it('keeps the key a screen chose and leaves that POST’s retries to the screen', async () => {
    const fake = fakeApi().on('POST /api/posts', { status: 503, body: { title: 'Unavailable', status: 503 } });
    const response = await authorizedFetch(
      new Request('/api/posts', { method: 'POST', body: '{}', headers: { [IDEMPOTENCY_KEY]: 'draft-key-1' } }),
    );

    expect(response.status).toBe(503);
    expect(keysOf(fake.requests)).toEqual(['draft-key-1']);
  });

  it('sends the same key again after refreshing a rejected access token', async () => {
    vi.spyOn(session, 'refreshAfterRejection').mockResolvedValue('token-2');
    const fake = fakeApi().on('POST /api/members/invitations', (request) =>
      request.headers.get('Authorization') === 'Bearer token-2' ? { status: 201, body: {} } : { status: 401, body: {} },
    );
    const response = await authorizedFetch(new Request('/api/members/invitations', { method: 'POST', body: '{}' }));

    expect(response.status).toBe(201);
    const [first, second] = keysOf(fake.requests);
    expect(first).toBeTruthy();
    expect(second).toBe(first);
  });
});
