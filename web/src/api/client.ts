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
 *
 * Every POST carries an Idempotency-Key, one per call (a call is one action of the person): the services run a POST
 * once per key and answer a repeat with the first result. So a POST that got no answer (lost connection) or a 502, 503
 * or 504 from the gateway is sent once more by itself, under the same key: if the first one did arrive, the repeat
 * only fetches its result. A POST whose screen sets its own key (a draft's key, kept across the person's own retries)
 * is left to that screen's retry.
 */
export async function authorizedFetch(input: Request): Promise<Response> {
  const keyedHere = input.method === 'POST' && !input.headers.has(IDEMPOTENCY_KEY);
  const original = keyedHere ? withHeader(input, IDEMPOTENCY_KEY, crypto.randomUUID()) : input;
  const attempt = keyedHere ? sendRetryingOnce : sendTo;
  const token = await session.freshAccessToken();
  const response = await attempt(copyOf(original), token);
  if (response.status === 401 && token) {
    const renewed = await session.refreshAfterRejection(token);
    if (renewed) return attempt(copyOf(original), renewed);
  }
  return response;
}

export const IDEMPOTENCY_KEY = 'Idempotency-Key';
const TRANSIENT = new Set([502, 503, 504]);
/** A moment for the gateway or the service to come back before the single repeat. */
export const RETRY_DELAY_MS = 300;

function sendTo(request: Request, token: string | null): Promise<Response> {
  return send(withToken(request, token));
}

/** A fresh copy to send, leaving `request` unread for a later attempt (a Request's body can be read only once). */
function copyOf(request: Request): Request {
  return new Request(request.clone());
}

async function sendRetryingOnce(request: Request, token: string | null): Promise<Response> {
  const repeat = copyOf(request);
  try {
    const response = await sendTo(request, token);
    if (!TRANSIENT.has(response.status)) return response;
  } catch (error) {
    if (!(error instanceof ApiError && error.isNetwork)) throw error;
  }
  await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
  return sendTo(repeat, token);
}

function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

function withToken(request: Request, token: string | null): Request {
  return token ? withHeader(request, 'Authorization', `Bearer ${token}`) : request;
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
