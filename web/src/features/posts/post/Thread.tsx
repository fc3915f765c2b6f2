import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PostView, ReplyView } from '../../../api/generated/posts';
import { isModerator, useAuth } from '../../../auth/AuthProvider';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Loading } from '../../../shared/ui/Loading';
import { postKey, repliesKey, useReplies } from './queries';
import { ReplyForm } from './ReplyForm';
import { ReplyItem } from './ReplyItem';
import { LoadMoreButton } from '../../../shared/ui/LoadMoreButton';

const REPLY_HASH = /^#reply-(.+)$/;

export function Thread({ post, memberId }: { post: PostView; memberId: string }) {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const queryClient = useQueryClient();
  const { member } = useAuth();
  const postId = post.id ?? '';
  const replies = useReplies(postId, !!postId);
  const mayChooseAnswer = post.kind === 'QUESTION' && !post.hidden
    && (post.author?.id === memberId || isModerator(member));
  // replies this member just wrote: shown at once, even when later pages of the thread are not loaded yet
  const [posted, setPosted] = useState<ReplyView[]>([]);

  const loaded = replies.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  const shown = [...loaded, ...posted.filter((mine) => !loaded.some((reply) => reply.id === mine.id))];
  const target = REPLY_HASH.exec(hash)?.[1];
  const targetMissing = !!target && !loaded.some((reply) => reply.id === target);

  // A mail links to one reply: keep loading until it is on the page, then ScrollToHash takes over. When every page
  // is loaded and the reply is still missing, the cached thread is older than the reply: ask again, a few times.
  const refetchesForTarget = useRef(0);
  useEffect(() => {
    refetchesForTarget.current = 0;
  }, [target]);
  useEffect(() => {
    if (!targetMissing || replies.isFetching || replies.isError) return;
    if (replies.hasNextPage) {
      void replies.fetchNextPage();
    } else if (replies.isSuccess && refetchesForTarget.current < 3) {
      refetchesForTarget.current += 1;
      void replies.refetch();
      void queryClient.invalidateQueries({ queryKey: postKey(postId) });
    }
  }, [targetMissing, replies, queryClient, postId]);

  const count = Math.max(post.replyCount ?? 0, shown.length);

  return (
    <section aria-labelledby="thread-heading" className="mt-8">
      <h2 id="thread-heading" className="section-title mb-3">{t('posts.thread.title', { count })}</h2>
      {replies.isPending && <Loading />}
      <ErrorAlert error={replies.error} onRetry={() => void replies.refetch()} />
      {shown.length > 0 ? (
        <ol className="flex flex-col gap-3">
          {shown.map((reply) => (
            <li key={reply.id}>
              <ReplyItem reply={reply} postId={postId} mayChooseAnswer={mayChooseAnswer} />
            </li>
          ))}
        </ol>
      ) : (
        replies.isSuccess && <p className="text-solid-gray-700">{t('posts.thread.empty')}</p>
      )}
      <LoadMoreButton pages={replies} className="mt-3" />
      <ReplyForm
        postId={postId}
        memberId={memberId}
        onPosted={(reply) => {
          setPosted((current) => [...current, reply]);
          // the cached thread must include it too, for the next time this post is opened
          void queryClient.invalidateQueries({ queryKey: repliesKey(postId) });
          queryClient.setQueryData<PostView>(postKey(postId), (current) =>
            current ? { ...current, replyCount: (current.replyCount ?? 0) + 1 } : current);
        }}
      />
    </section>
  );
}
