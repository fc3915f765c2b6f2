import { data, notificationsApi, postsApi } from '../../api/client';
import type { HandoverThread as GeneratedThread, HandoverThreadsPage as GeneratedPage } from '../../api/generated/posts';
import type { HandoverWatch as GeneratedWatch, TakeOverResult as GeneratedResult } from '../../api/generated/notifications';

// The handover calls of posts-service and notifications-service, on the generated clients, with the fields the
// screens rely on made required (the services always send them).

/** What the predecessor did in a thread during the job. */
export type ThreadRole = NonNullable<GeneratedThread['role']>;

/** One thread of the predecessor's: `open` is a question without a chosen answer; `solved` is there for questions. */
export type HandoverThread = GeneratedThread & { postId: string; title: string; open: boolean; role: ThreadRole };

export type HandoverThreadsPage = Omit<GeneratedPage, 'items' | 'nextCursor'> & {
  items: HandoverThread[];
  nextCursor?: string | null;
};

export interface WatchTarget {
  type: 'post' | 'channel';
  id: string;
}

export type HandoverWatch = Omit<GeneratedWatch, 'target' | 'alreadyWatchedBySuccessor'> & {
  target: WatchTarget;
  alreadyWatchedBySuccessor: boolean;
};

export type TakeOverResult = GeneratedResult & { copied: number; alreadyWatching: number };

/** `GET /api/posts/handovers/{handoverId}/threads`: open questions first. 404 while posts-service has not heard of it. */
export async function fetchHandoverThreads(handoverId: string, cursor?: string, limit = 20): Promise<HandoverThreadsPage> {
  const page = await data(postsApi.GET('/api/posts/handovers/{handoverId}/threads', {
    params: { path: { handoverId }, query: { limit, cursor } },
  }));
  return { ...page, items: (page.items ?? []) as HandoverThread[], nextCursor: page.nextCursor ?? null };
}

/** `GET /api/notifications/handovers/{handoverId}/watches`: the predecessor's watches, channels first. */
export async function fetchHandoverWatches(handoverId: string): Promise<HandoverWatch[]> {
  const list = await data(notificationsApi.GET('/api/notifications/handovers/{handoverId}/watches', {
    params: { path: { handoverId } },
  }));
  return (list.items ?? []).filter((watch) => watch.target?.id) as HandoverWatch[];
}

/** `POST /api/notifications/handovers/{handoverId}/take-over-watches` (the successor only): all of them. */
export async function takeOverWatches(handoverId: string): Promise<TakeOverResult> {
  const result = await data(notificationsApi.POST('/api/notifications/handovers/{handoverId}/take-over-watches', {
    params: { path: { handoverId } },
  }));
  return { ...result, copied: result.copied ?? 0, alreadyWatching: result.alreadyWatching ?? 0 };
}
