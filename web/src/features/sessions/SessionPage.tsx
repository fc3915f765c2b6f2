import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { Markdown } from '../../shared/Markdown';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { AuthorName } from '../posts/AuthorName';
import { KindBadge } from '../posts/KindBadge';
import { usePost } from '../posts/post/queries';
import { ReactionBar } from '../posts/post/ReactionBar';
import { Thread } from '../posts/post/Thread';
import { SessionFacts } from './SessionFacts';
import { RsvpControl } from './RsvpControl';

/** One study session: what and when, the RSVP, and its thread (the session is a post, so it has one). */
export default function SessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { member } = useAuth();
  const post = usePost(id);

  if (post.isPending || !member) {
    return (
      <>
        <PageTitle visuallyHidden>{t('sessions.loading')}</PageTitle>
        <Loading />
      </>
    );
  }
  if (post.isError || !post.data.session) {
    const missing = post.isError ? asApiError(post.error).status === 404 : true;
    return (
      <>
        <PageTitle>{t(missing ? 'sessions.notFound' : 'sessions.error')}</PageTitle>
        {post.isError && !missing && <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />}
        <p><Link to="/sessions">{t('sessions.backToList')}</Link></p>
      </>
    );
  }

  const view = post.data;
  const session = view.session!;
  return (
    <div className="max-w-3xl">
      <article>
        <header>
          <p className="mb-2 flex flex-wrap items-center gap-3">
            <KindBadge kind={view.kind} />
            <Link to="/sessions">{t('sessions.backToList')}</Link>
          </p>
          <PageTitle>{view.title ?? ''}</PageTitle>
          <p className="mb-3 text-dns-16N-130 text-solid-gray-800">
            {t('sessions.organizer')}<AuthorName author={view.author} />
          </p>
        </header>
        <section aria-label={t('sessions.factsLabel')} className="card mb-4">
          <SessionFacts session={session} />
        </section>
        <RsvpControl post={view} />
        <Markdown source={view.body ?? ''} className="mt-4" />
        <ReactionBar post={view} memberId={member.memberId} />
      </article>
      <Thread post={view} memberId={member.memberId} />
    </div>
  );
}
