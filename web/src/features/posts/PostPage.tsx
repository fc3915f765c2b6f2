import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/problem';
import { isModerator, useAuth } from '../../auth/AuthProvider';
import { formatDateTime } from '../../shared/format';
import { Markdown } from '../../shared/Markdown';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { AuthorName } from './AuthorName';
import { AuthorOrganization } from './AuthorOrganization';
import { channelName, useChannels } from './channels';
import { ChosenAnswer } from './answer/ChosenAnswer';
import { OutdatedFlagButton } from './outdated/OutdatedFlagButton';
import { OutdatedNotice } from './outdated/OutdatedNotice';
import { KindBadge } from './KindBadge';
import { SolvedBadge } from './SolvedBadge';
import { DeletePost } from './post/DeletePost';
import { EditPostForm } from './post/EditPostForm';
import { usePost, useReplies } from './post/queries';
import { ReactionBar } from './post/ReactionBar';
import { ReportButton } from './post/ReportForm';
import { RevisionHistory } from './post/RevisionHistory';
import { Thread } from './post/Thread';
import { SubscriptionControl } from './SubscriptionControl';

export default function PostPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { member } = useAuth();
  const post = usePost(id);
  const channels = useChannels();
  // the same query as the thread's, started with it (a thread is fetched once, not twice)
  const replies = useReplies(id, post.isSuccess);
  const [editing, setEditing] = useState(false);

  if (post.isPending || !member) {
    return (
      <>
        <PageTitle visuallyHidden>{t('posts.post.loadingTitle')}</PageTitle>
        <Loading />
      </>
    );
  }
  if (post.isError) {
    if (asApiError(post.error).status === 404) return <PostNotFound />;
    return (
      <>
        <PageTitle>{t('posts.post.errorTitle')}</PageTitle>
        <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />
      </>
    );
  }

  const view = post.data;
  const mayChange = view.author?.id === member.memberId || isModerator(member);
  const channel = channels.data?.find((candidate) => candidate.slug === view.channel);
  // the services make the author and everyone who replied watch the thread, until they choose otherwise
  const repliedHere = replies.data?.pages.some((page) => page.items?.some((reply) => reply.author?.id === member.memberId));
  const watchesByDefault = view.author?.id === member.memberId || !!repliedHere;

  return (
    <>
      <article>
        <header>
          <p className="mb-2 flex flex-wrap items-center gap-2">
            <KindBadge kind={view.kind} />
            {view.solved && <SolvedBadge />}
            {view.channel && <Link to={`/channels/${view.channel}`}>#{channelName(channel, view.channel)}</Link>}
          </p>
          {view.hidden && (
            <p className="mb-3 rounded-8 border-2 border-warning-orange-1 bg-yellow-50 p-3 text-std-16B-170">
              {t('posts.post.hiddenNotice')}
            </p>
          )}
          <PageTitle>{view.title ?? ''}</PageTitle>
          <OutdatedNotice post={view} />
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-dns-16N-130 text-solid-gray-800">
            <span>
              <AuthorName author={view.author} />
              <AuthorOrganization current={view.author?.organization} atPosting={view.authorOrganizationAtPosting} />
            </span>
            <span>
              {t('posts.post.createdAt')}<time dateTime={view.createdAt}>{formatDateTime(view.createdAt)}</time>
            </span>
            {view.editedAt && (
              <span>
                {t('posts.post.editedAt')}<time dateTime={view.editedAt}>{formatDateTime(view.editedAt)}</time>
              </span>
            )}
          </p>
          {(view.tags?.length ?? 0) > 0 && (
            <ul aria-label={t('posts.tags.label')} className="mt-2 flex flex-wrap gap-2">
              {view.tags?.map((tag) => (
                <li key={tag} className="rounded-full border border-solid-gray-600 px-3 text-dns-14N-130">{tag}</li>
              ))}
            </ul>
          )}
        </header>

        {editing ? (
          <EditPostForm post={view} onDone={() => setEditing(false)} />
        ) : (
          <Markdown source={view.body ?? ''} className="mt-4" />
        )}
        <ChosenAnswer post={view} />

        <ReactionBar post={view} memberId={member.memberId} />

        <div className="flex flex-wrap items-start gap-2">
          <ReportButton postId={id} />
          <OutdatedFlagButton postId={id} />
          {mayChange && !editing && (
            <button type="button" className="btn-tertiary" onClick={() => setEditing(true)}>{t('common.edit')}</button>
          )}
          {mayChange && <DeletePost postId={id} channel={view.channel} />}
        </div>
        {mayChange && <RevisionHistory postId={id} />}
        <div className="my-4 max-w-xl">
          <SubscriptionControl target={{ type: 'post', id }} assumed={watchesByDefault ? 'WATCHING' : 'NORMAL'} />
        </div>
      </article>
      <Thread post={view} memberId={member.memberId} />
    </>
  );
}

function PostNotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('posts.post.notFoundTitle')}</PageTitle>
      <p>{t('posts.post.notFoundBody')}</p>
      <p className="mt-4 flex flex-wrap gap-4">
        <Link to="/">{t('errors.backHome')}</Link>
        <Link to="/search">{t('posts.post.goSearch')}</Link>
      </p>
    </>
  );
}
