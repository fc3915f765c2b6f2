import createClient from 'openapi-fetch';
import type { paths as MembersPaths } from './generated/members';
import type { paths as PostsPaths } from './generated/posts';
import type { paths as NotificationsPaths } from './generated/notifications';
import { ApiError, networkError, type Problem } from './problem';
import { session } from '../auth/session';

/**
 * Every call of the web client goes through here: it adds the access token (refreshing it first when it is about to
 * expire), retries once after a refresh when the gateway says 401, and turns failures into ApiError, so that screens
 * only deal with data or a sentence to show.
 */
export async function authorizedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const token = await session.freshAccessToken();
  const response = await send(withToken(input, token));
  if (response.status === 401 && token) {
    const renewed = await session.refreshAfterRejection(token);
    if (renewed) return send(withToken(retry, renewed));
  }
  return response;
}

function withToken(request: Request, token: string | null): Request {
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

async function send(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    throw networkError();
  }
}

const options = { baseUrl: '', fetch: authorizedFetch, credentials: 'same-origin' as const };

export const membersApi = createClient<MembersPaths>(options);
export const postsApi = createClient<PostsPaths>(options);
export const notificationsApi = createClient<NotificationsPaths>(options);

// openapi-fetch has already read the body of a failed response into `error`; the response itself cannot be read again.
function failure(error: unknown, response: Response): ApiError {
  const problem = error && typeof error === 'object' ? (error as Problem) : {};
  return new ApiError(response.status, problem);
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem+json. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: body, error, response } = await call;
  if (error !== undefined || !response.ok) throw failure(error, response);
  return body as T;
}

/** For calls whose success has no body (204, 202). */
export async function done(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (error !== undefined || !response.ok) throw failure(error, response);
}

export { ApiError };
