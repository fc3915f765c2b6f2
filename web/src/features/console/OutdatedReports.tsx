import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import type { FlaggedPostView } from '../../api/generated/posts';
import { useAnnounce } from '../../app/Announcer';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { useOutdatedReview } from '../posts/outdated/useOutdatedReview';

/** Posts members reported as outdated (要確認), newest report first: confirm that they are, or close the reports. */
export function OutdatedReports() {
  const { t } = useTranslation();
  const flagged = useInfiniteQuery({
    queryKey: ['console', 'outdated'],
    queryFn: ({ pageParam }) => data(postsApi.GET('/api/moderation/outdated-flags', {
      params: { query: { status: 'OPEN', limit: 20, cursor: pageParam } },
    })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = flagged.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <>
      <p className="mb-4 text-std-16N-170">{t('console.outdated.lead')}</p>
      {flagged.isPending ? (
        <Loading />
      ) : flagged.isError ? (
        <ErrorAlert error={flagged.error} onRetry={() => void flagged.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t('console.outdated.empty')}</p>
      ) : (
        <ul aria-label={t('console.outdated.list')} className="flex flex-col gap-4">
          {items.map((post) => <li key={post.postId}><FlaggedPost post={post} /></li>)}
        </ul>
      )}
      <LoadMoreButton pages={flagged} />
    </>
  );
}

function FlaggedPost({ post }: { post: FlaggedPostView }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const postId = post.postId ?? '';
  const review = useOutdatedReview(postId);
  const headingId = `outdated-${postId}`;
  const confirmed = post.outdated?.status === 'CONFIRMED';
  const decide = (decision: 'confirm' | 'clear') => review.mutate({ decision }, {
    onSuccess: () => announce(t(decision === 'confirm' ? 'console.outdated.confirmed' : 'console.outdated.cleared', { title: post.title })),
  });
  const open = (post.flags ?? []).filter((flag) => flag.status === 'OPEN');
  return (
    <article aria-labelledby={headingId} className="card">
      <h3 id={headingId} className="text-std-16B-170"><Link to={`/posts/${postId}`}>{post.title}</Link></h3>
      <p className="text-dns-14N-130 text-solid-gray-800">
        {confirmed ? t('console.outdated.stateConfirmed') : t('console.outdated.stateFlagged')}
        {t('console.separator')}{post.author?.displayName || t('common.formerMember')}
        {post.channel && <>{t('console.separator')}#{post.channel}</>}
      </p>
      {open.length > 0 && (
        <ul aria-label={t('console.outdated.reports', { title: post.title })} className="mt-2 flex flex-col gap-2">
          {open.map((flag) => (
            <li key={flag.flagId} className="rounded-8 border border-solid-gray-200 p-3 text-std-16N-170">
              <p>{flag.reason}</p>
              {flag.link && <p><a href={flag.link} rel="noopener noreferrer" target="_blank">{flag.link}</a></p>}
              <p className="text-dns-14N-130 text-solid-gray-700"><time dateTime={flag.at}>{formatDateTime(flag.at)}</time></p>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={review.error} />
      <div className="mt-3 flex flex-wrap gap-3">
        {!confirmed && (
          <button type="button" className="btn-secondary" aria-describedby={headingId} disabled={review.isPending} onClick={() => decide('confirm')}>
            {t('posts.outdated.confirm')}
          </button>
        )}
        <button type="button" className="btn-tertiary" aria-describedby={headingId} disabled={review.isPending} onClick={() => decide('clear')}>
          {t('posts.outdated.clear')}
        </button>
      </div>
    </article>
  );
}
