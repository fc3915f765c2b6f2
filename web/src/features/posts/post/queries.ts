import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { data, postsApi } from '../../../api/client';

export const postKey = (id: string) => ['post', id] as const;
export const repliesKey = (id: string) => ['replies', id] as const;
export const revisionsKey = (id: string) => ['post', id, 'revisions'] as const;

export function usePost(id: string) {
  return useQuery({
    queryKey: postKey(id),
    queryFn: () => data(postsApi.GET('/api/posts/{id}', { params: { path: { id } } })),
    // a thread is live: whoever opens it sees it as it is now (the cached copy shows meanwhile)
    staleTime: 0,
  });
}

// Large pages: a thread is read whole, and a mail's link to a late reply needs every page up to it.
const REPLY_PAGE = 50;

export function useReplies(postId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: repliesKey(postId),
    queryFn: ({ pageParam }) =>
      data(postsApi.GET('/api/posts/{postId}/replies', {
        params: { path: { postId }, query: { limit: REPLY_PAGE, cursor: pageParam } },
      })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: 0,
  });
}
