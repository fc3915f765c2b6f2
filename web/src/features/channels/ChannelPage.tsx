import { useEffect } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { channelDescription, channelName, useChannels } from '../posts/channels';
import { PostCard } from '../posts/PostCard';
import { SolvedFilter } from '../posts/SolvedFilter';
import { SubscriptionControl } from '../posts/SubscriptionControl';
import { markChannelSeen } from './seenChannels';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';

export default function ChannelPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { member } = useAuth();
  const channels = useChannels();
  const channel = channels.data?.find((candidate) => candidate.slug === slug);
  const [params, setParams] = useSearchParams();
  const solvedParam = params.get('solved') ?? '';
  const solved = solvedParam === 'true' ? true : solvedParam === 'false' ? false : undefined;

  const feed = useInfiniteQuery({
    queryKey: ['posts', 'channel', slug, solvedParam],
    queryFn: ({ pageParam }) =>
      data(postsApi.GET('/api/posts', { params: { query: { channel: slug, solved, limit: 20, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!channel,
  });

  // Opening the channel is what "read" means for the unread markers on the home page.
  useEffect(() => {
    if (member && channel?.slug) markChannelSeen(member.memberId, channel.slug, channel.postCount ?? 0);
  }, [member, channel?.slug, channel?.postCount]);

  if (channels.isPending || !member) {
    return (
      <>
        <PageTitle visuallyHidden>{t('channels.loadingTitle')}</PageTitle>
        <Loading />
      </>
    );
  }
  if (channels.isError) {
    return (
      <>
        <PageTitle>{t('channels.errorTitle')}</PageTitle>
        <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />
      </>
    );
  }
  if (!channel) {
    return (
      <>
        <PageTitle>{t('channels.notFoundTitle')}</PageTitle>
        <p>{t('channels.notFoundBody')}</p>
        <p className="mt-4"><Link to="/">{t('errors.backHome')}</Link></p>
      </>
    );
  }

  const name = channelName(channel);
  const posts = feed.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  const mayPost = channel.postingPolicy !== 'MODERATORS' || member.roles.some((role) => role === 'MODERATOR' || role === 'ADMIN');

  return (
    <>
      <PageTitle>{t('channels.title', { name })}</PageTitle>
      {channelDescription(channel) && <p className="mb-4 text-solid-gray-800">{channelDescription(channel)}</p>}
      <div className="mb-6 flex flex-col gap-4 md:flex-row md:items-start md:justify-between">
        {mayPost ? (
          <Link to={`/posts/new?channel=${encodeURIComponent(slug)}`} className="btn-primary self-start">
            {t('channels.compose')}
          </Link>
        ) : (
          <p className="text-solid-gray-700">{t('channels.moderatorsOnly')}</p>
        )}
        <div className="md:max-w-md">
          <SubscriptionControl target={{ type: 'channel', id: slug }} />
        </div>
      </div>

      <section aria-labelledby="channel-posts">
        <h2 id="channel-posts" className="section-title mb-3">{t('channels.posts', { count: channel.postCount ?? 0 })}</h2>
        <div className="mb-4 max-w-xs">
          <SolvedFilter id="channel-solved" value={solvedParam} onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value) next.set('solved', value);
            else next.delete('solved');
            setParams(next, { replace: true });
          }} />
        </div>
        {feed.isPending && <Loading />}
        <ErrorAlert error={feed.error} onRetry={() => void feed.refetch()} />
        {feed.isSuccess && posts.length === 0 && <p>{t('channels.empty')}</p>}
        {posts.length > 0 && (
          <ul className="flex flex-col gap-3">
            {posts.map((post) => (
              <li key={post.id}><PostCard post={post} /></li>
            ))}
          </ul>
        )}
        <LoadMoreButton pages={feed} className="mt-4" />
      </section>
    </>
  );
}
