import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/problem';
import { formatDateTime, formatRelative } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { isPostKind } from '../posts/kinds';
import { KindBadge } from '../posts/KindBadge';
import type { HandoverThread } from './handoverApi';
import { openFirst, useHandoverThreads } from './queries';

/**
 * 前任者のスレッド: what the predecessor asked and answered in the job, open questions first. While posts-service has
 * not yet heard of the handover (404 for a moment after it was made), the successor is told to look again shortly.
 */
export function HandoverThreads({ handoverId, headingId }: { handoverId: string; headingId: string }) {
  const { t } = useTranslation();
  const threads = useHandoverThreads(handoverId);
  const items = openFirst(threads.data?.pages.flatMap((page) => page.items) ?? []);
  const openCount = items.filter((thread) => thread.open).length;

  let content;
  if (threads.isPending) {
    content = <Loading />;
  } else if (threads.isError && items.length === 0) {
    content = asApiError(threads.error).status === 404 ? (
      <StillArriving onReload={() => void threads.refetch()} reloading={threads.isFetching} />
    ) : (
      <ErrorAlert error={threads.error} onRetry={() => void threads.refetch()} />
    );
  } else if (items.length === 0) {
    content = <p className="text-std-16N-170">{t('handover.threads.empty')}</p>;
  } else {
    content = (
      <>
        {openCount > 0 && <p className="mb-3 text-std-16B-170">{t('handover.threads.openCount', { count: openCount })}</p>}
        <ul aria-labelledby={headingId} className="flex flex-col gap-3">
          {items.map((thread) => (
            <ThreadItem key={thread.postId} thread={thread} />
          ))}
        </ul>
        {threads.isFetchNextPageError && <ErrorAlert error={threads.error} />}
        <LoadMoreButton pages={threads} />
      </>
    );
  }
  return (
    <div className="mb-8">
      <h3 id={headingId} className="mb-2 text-std-18B-160">{t('handover.threads.heading')}</h3>
      <p className="mb-3 text-std-16N-170">{t('handover.threads.lead')}</p>
      {content}
    </div>
  );
}

export function StillArriving({ onReload, reloading }: { onReload: () => void; reloading: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="rounded-8 border border-blue-300 bg-blue-50 p-4">
      <p className="mb-2 text-std-16N-170">{t('handover.arriving')}</p>
      <button type="button" className="btn-secondary" disabled={reloading} onClick={onReload}>
        {reloading ? t('app.loading') : t('handover.reload')}
      </button>
    </div>
  );
}

function roleText(thread: HandoverThread): string {
  const question = thread.kind === 'QUESTION' ? 'question' : 'other';
  return `handover.threads.role.${question}.${thread.role}`;
}

function ThreadItem({ thread }: { thread: HandoverThread }) {
  const { t } = useTranslation();
  const isQuestion = thread.kind === 'QUESTION';
  return (
    <li className={`card ${thread.open ? 'border-2 border-orange-900' : ''}`}>
      <p className="mb-2 flex flex-wrap items-center gap-2">
        {isPostKind(thread.kind) && <KindBadge kind={thread.kind} />}
        {isQuestion && (thread.open ? (
          <span className="inline-block rounded-4 border border-orange-900 bg-orange-50 px-2 text-dns-14B-130 leading-6 text-orange-1100">
            {t('handover.threads.open')}
          </span>
        ) : thread.solved ? (
          <span className="inline-flex items-center gap-1 rounded-4 border border-green-900 bg-green-50 px-2 text-dns-14B-130 leading-6 text-green-1100">
            <span aria-hidden="true">✓</span>
            {t('handover.threads.solved')}
          </span>
        ) : null)}
        <span className="inline-block rounded-4 bg-solid-gray-100 px-2 text-dns-14N-130 leading-6 text-solid-gray-800">
          {t(roleText(thread))}
        </span>
      </p>
      <Link to={`/posts/${thread.postId}`} className="text-std-17B-170">{thread.title}</Link>
      <p className="mt-1 flex flex-wrap gap-x-3 text-dns-14N-130 text-solid-gray-800">
        <span>{t('handover.threads.replies', { count: thread.replyCount ?? 0 })}</span>
        {thread.lastActivityAt && (
          <span>
            {t('handover.threads.lastActivity')}
            <time dateTime={thread.lastActivityAt} title={formatDateTime(thread.lastActivityAt)}>
              {formatRelative(thread.lastActivityAt)}
            </time>
          </span>
        )}
      </p>
    </li>
  );
}
