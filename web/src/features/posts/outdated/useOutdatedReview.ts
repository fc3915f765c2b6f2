import { useMutation, useQueryClient } from '@tanstack/react-query';
import { data, postsApi } from '../../../api/client';
import type { PostView } from '../../../api/generated/posts';
import { postKey } from '../post/queries';

/** A moderator's decision on a 要確認 report: the information is indeed outdated (confirm), or it is not (clear). */
export function useOutdatedReview(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, note }: { decision: 'confirm' | 'clear'; note?: string }) => {
      const body = note ? { note } : {};
      return decision === 'confirm'
        ? data(postsApi.POST('/api/posts/{postId}/outdated-flags/confirm', { params: { path: { postId } }, body }))
        : data(postsApi.POST('/api/posts/{postId}/outdated-flags/clear', { params: { path: { postId } }, body }));
    },
    onSuccess: (post: PostView) => {
      queryClient.setQueryData(postKey(postId), post);
      void queryClient.invalidateQueries({ queryKey: ['console', 'outdated'] });
      void queryClient.invalidateQueries({ queryKey: ['search'] });
    },
  });
}
