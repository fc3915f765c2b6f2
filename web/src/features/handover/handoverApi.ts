import { authorizedFetch } from '../../api/client';
import { problemOf } from '../../api/problem';

// ---------------------------------------------------------------------------------------------------------------
// Hand-written client for the handover endpoints of posts-service and notifications-service.
//
// TODO(api-snapshot): these endpoints are being built and are not in web/openapi/posts.json and
// web/openapi/notifications.json yet. Once `npm run api:snapshot` brings them in, delete this file and call
// `postsApi.GET('/api/posts/handovers/{handoverId}/threads', …)`, `notificationsApi.GET(…/watches)` and
// `notificationsApi.POST(…/take-over-watches)` with `data(…)` from src/api/client.ts, using the generated types.
// The calls go through the same `authorizedFetch` as the generated clients (access token, refresh and retry on 401,
// failures as ApiError), so nothing else changes when they move.
// ---------------------------------------------------------------------------------------------------------------

/** What the predecessor did in a thread during the job. */
export type ThreadRole = 'ASKED' | 'ANSWERED' | 'BOTH';

/** One thread of the predecessor's: `open` is a question without a chosen answer; `solved` is there for questions. */
export interface HandoverThread {
  postId: string;
  title: string;
  kind?: string;
  channel?: string;
  createdAt?: string;
  lastActivityAt?: string;
  replyCount?: number;
  solved?: boolean | null;
  open: boolean;
  role: ThreadRole;
}

export interface HandoverThreadsPage {
  /** the period the threads were taken from (`to` missing: up to now) */
  handoverId?: string;
  from?: string;
  to?: string | null;
  items: HandoverThread[];
  nextCursor?: string | null;
}

export interface WatchTarget {
  type: 'post' | 'channel';
  id: string;
}

export interface HandoverWatch {
  target: WatchTarget;
  /** the post's title or the channel's name ("日本語 / English" for channels), when the service knows it */
  title?: string | null;
  alreadyWatchedBySuccessor: boolean;
  /** the successor muted it: taking over leaves it muted */
  mutedBySuccessor?: boolean;
}

export interface TakeOverResult {
  copied: number;
  alreadyWatching: number;
  keptMuted?: number;
  skipped?: number;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  const response = await authorizedFetch(new Request(path, { ...init, headers, credentials: 'same-origin' }));
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const handoverPath = (handoverId: string) => encodeURIComponent(handoverId);

/** `GET /api/posts/handovers/{handoverId}/threads`: open questions first. 404 while posts-service has not heard of it. */
export async function fetchHandoverThreads(handoverId: string, cursor?: string, limit = 20): Promise<HandoverThreadsPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  const page = await call<Partial<HandoverThreadsPage> | undefined>(
    `/api/posts/handovers/${handoverPath(handoverId)}/threads?${query.toString()}`,
  );
  return { ...page, items: page?.items ?? [], nextCursor: page?.nextCursor ?? null };
}

/** `GET /api/notifications/handovers/{handoverId}/watches`: a list, or a list in `items`. */
export async function fetchHandoverWatches(handoverId: string): Promise<HandoverWatch[]> {
  const answer = await call<HandoverWatch[] | { items?: HandoverWatch[] } | undefined>(
    `/api/notifications/handovers/${handoverPath(handoverId)}/watches`,
  );
  const items = Array.isArray(answer) ? answer : answer?.items ?? [];
  return items.filter((watch) => watch?.target?.id);
}

/** `POST /api/notifications/handovers/{handoverId}/take-over-watches` (the successor only). */
export async function takeOverWatches(handoverId: string): Promise<TakeOverResult> {
  const result = await call<Partial<TakeOverResult> | undefined>(
    `/api/notifications/handovers/${handoverPath(handoverId)}/take-over-watches`,
    { method: 'POST' },
  );
  return { ...result, copied: result?.copied ?? 0, alreadyWatching: result?.alreadyWatching ?? 0 };
}
