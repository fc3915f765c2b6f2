import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PostView } from '../../api/generated/posts';
import { formatDateTime, formatRelative } from '../../shared/format';
import { AuthorName } from './AuthorName';
import { AuthorOrganization } from './AuthorOrganization';
import { KindBadge } from './KindBadge';
import { SolvedBadge } from './SolvedBadge';

/** One post in a list: enough to decide whether to open it. */
export function PostCard({ post, headingLevel = 3, channelLabel }: {
  post: PostView;
  headingLevel?: 2 | 3;
  channelLabel?: string;
}) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const replies = post.replyCount ?? 0;
  return (
    <article className="card flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <KindBadge kind={post.kind} />
        {post.solved && <SolvedBadge />}
        {channelLabel && <span className="text-dns-14N-130 text-solid-gray-700">#{channelLabel}</span>}
      </div>
      <Heading className="text-std-18B-160">
        <Link to={`/posts/${post.id}`}>{post.title}</Link>
      </Heading>
      <p className="flex flex-wrap gap-x-3 text-dns-14N-130 text-solid-gray-700">
        <span>
          <AuthorName author={post.author} link={false} />
          <AuthorOrganization current={post.author?.organization} atPosting={post.authorOrganizationAtPosting} />
        </span>
        <time dateTime={post.createdAt} title={formatDateTime(post.createdAt)}>
          {formatRelative(post.createdAt)}
        </time>
        <span>{t('posts.card.replies', { count: replies })}</span>
      </p>
    </article>
  );
}
