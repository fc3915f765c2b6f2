import { useTranslation } from 'react-i18next';
import type { PostView } from '../../../api/generated/posts';
import { isModerator, useAuth } from '../../../auth/AuthProvider';
import { useAnnounce } from '../../../app/Announcer';
import { formatDate } from '../../../shared/format';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useOutdatedReview } from './useOutdatedReview';

/**
 * Under a post's title: a banner while members have reported it 要確認 (a law or notice it rests on has changed), or,
 * more gently, a note when the laws and notices it cites are older than the platform's age limit (two years by
 * default). Moderators decide on reports here too.
 */
export function OutdatedNotice({ post }: { post: PostView }) {
  const { t } = useTranslation();
  const outdated = post.outdated;
  if (outdated?.status === 'FLAGGED' || outdated?.status === 'CONFIRMED') {
    const confirmed = outdated.status === 'CONFIRMED';
    return (
      <section aria-labelledby="outdated-banner" className="mt-3 rounded-8 border-2 border-warning-orange-1 bg-yellow-50 p-4">
        <h2 id="outdated-banner" className="text-std-16B-170">
          {confirmed ? t('posts.outdated.confirmedTitle') : t('posts.outdated.flaggedTitle')}
        </h2>
        <p className="mt-1 text-std-16N-170">
          {confirmed ? t('posts.outdated.confirmedBody') : t('posts.outdated.flaggedBody', { count: outdated.flags ?? 1 })}
        </p>
        {outdated.latestReason && <p className="mt-1 text-std-16N-170">{t('posts.outdated.reason', { reason: outdated.latestReason })}</p>}
        {outdated.latestLink && (
          <p className="mt-1"><a href={outdated.latestLink} rel="noopener noreferrer" target="_blank">
            {t('posts.outdated.link')}<span className="sr-only">{t('posts.composer.opensInNewTab')}</span>
          </a></p>
        )}
        {confirmed && outdated.note && <p className="mt-1 text-std-16N-170">{t('posts.outdated.note', { note: outdated.note })}</p>}
        <Review postId={post.id ?? ''} confirmed={confirmed} />
      </section>
    );
  }
  if (!post.mayBeOutdated) return null;
  return (
    <aside aria-labelledby="may-be-outdated" className="mt-3 rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4">
      <h2 id="may-be-outdated" className="text-std-16B-170">{t('posts.outdated.mayBeTitle')}</h2>
      <p className="mt-1 text-std-16N-170">{t('posts.outdated.mayBeBody')}</p>
      {(post.citations?.length ?? 0) > 0 && (
        <ul aria-label={t('posts.outdated.citations')} className="mt-2 list-disc pl-6 text-dns-14N-130">
          {post.citations?.map((citation, index) => (
            <li key={`${citation.text}-${index}`}>
              {citation.text}
              {citation.issuedOn && <span className="ml-2 text-solid-gray-700">{formatDate(citation.issuedOn)}</span>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function Review({ postId, confirmed }: { postId: string; confirmed: boolean }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const announce = useAnnounce();
  const review = useOutdatedReview(postId);
  if (!isModerator(member)) return null;
  const decide = (decision: 'confirm' | 'clear') => review.mutate({ decision }, {
    onSuccess: () => announce(t(decision === 'confirm' ? 'posts.outdated.confirmedDone' : 'posts.outdated.clearedDone')),
  });
  return (
    <div className="mt-3 flex flex-wrap gap-3">
      <ErrorAlert error={review.error} />
      {!confirmed && (
        <button type="button" className="btn-secondary" disabled={review.isPending} onClick={() => decide('confirm')}>
          {t('posts.outdated.confirm')}
        </button>
      )}
      <button type="button" className="btn-tertiary" disabled={review.isPending} onClick={() => decide('clear')}>
        {t('posts.outdated.clear')}
      </button>
    </div>
  );
}
