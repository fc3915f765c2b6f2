import { useMutation, useQueryClient } from '@tanstack/react-query';
import { data, postsApi } from '../../../api/client';
import type { PostView } from '../../../api/generated/posts';
import { postKey, repliesKey } from '../post/queries';

/** Choosing a reply as the answer (or taking the choice back): the question and its thread change together. */
export function useChooseAnswer(postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (replyId: string | null) => replyId
      ? data(postsApi.PUT('/api/posts/{postId}/answer', { params: { path: { postId } }, body: { replyId } }))
      : data(postsApi.DELETE('/api/posts/{postId}/answer', { params: { path: { postId } } })),
    onSuccess: (post: PostView) => {
      queryClient.setQueryData(postKey(postId), post);
      void queryClient.invalidateQueries({ queryKey: repliesKey(postId) });
      void queryClient.invalidateQueries({ queryKey: ['search'] });
      void queryClient.invalidateQueries({ queryKey: ['posts'] });
    },
  });
}
