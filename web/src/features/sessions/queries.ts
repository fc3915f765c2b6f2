import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { data, membersApi, postsApi } from '../../api/client';
import type { PostView } from '../../api/generated/posts';

export type SessionScope = 'upcoming' | 'past';
export const sessionsKey = ['sessions'] as const;

const byStart = (a: PostView, b: PostView) =>
  new Date(a.session?.startsAt ?? 0).getTime() - new Date(b.session?.startsAt ?? 0).getTime();

/** Upcoming: nearest first; past: most recent first (the service's order, kept when pages are joined). */
export function sortSessions(items: PostView[], scope: SessionScope): PostView[] {
  const sorted = [...items].sort(byStart);
  return scope === 'upcoming' ? sorted : sorted.reverse();
}

export function useSessions(scope: SessionScope, limit = 20) {
  return useInfiniteQuery({
    queryKey: [...sessionsKey, scope, limit],
    queryFn: ({ pageParam }) =>
      data(postsApi.GET('/api/sessions', { params: { query: { scope, limit, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The signed-in member's prefecture, to pick out the sessions near them (same cache as the account settings). */
export function useMyPrefecture(): string | undefined {
  const me = useQuery({
    queryKey: ['members', 'me'],
    queryFn: () => data(membersApi.GET('/api/members/me')),
    staleTime: 5 * 60_000,
  });
  return me.data?.prefecture || undefined;
}
