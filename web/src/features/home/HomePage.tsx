import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import type { Claims } from '../../auth/session';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { seenCounts, unreadCount } from '../channels/seenChannels';
import { channelName, useChannels } from '../posts/channels';
import { PostCard } from '../posts/PostCard';

export default function HomePage() {
  const { t } = useTranslation();
  const { ready, member } = useAuth();
  if (!ready && !member) {
    return (
      <>
        <PageTitle visuallyHidden>{t('home.title')}</PageTitle>
        <Loading />
      </>
    );
  }
  return member ? <MemberHome member={member} /> : <GuestHome />;
}

function GuestHome() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('home.guest.title')}</PageTitle>
      <div className="max-w-3xl">
        <p className="text-std-18N-160">{t('home.guest.lead')}</p>
        <ul className="mt-4 list-disc pl-6">
          <li>{t('home.guest.point1')}</li>
          <li>{t('home.guest.point2')}</li>
          <li>{t('home.guest.point3')}</li>
        </ul>
        <p className="mt-4 text-solid-gray-800">{t('home.guest.who')}</p>
        <p className="mt-6 flex flex-wrap items-center gap-4">
          <Link to="/register" className="btn-primary">{t('home.guest.register')}</Link>
          <Link to="/login">{t('home.guest.login')}</Link>
        </p>
      </div>
    </>
  );
}

function MemberHome({ member }: { member: Claims }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <p className="mb-6">
        <Link to="/posts/new" className="btn-primary">{t('home.compose')}</Link>
      </p>
      <IntroductionInvite member={member} />
      <div className="grid gap-8 md:grid-cols-[16rem_1fr]">
        <ChannelList memberId={member.memberId} />
        <LatestPosts />
      </div>
    </>
  );
}

function IntroductionInvite({ member }: { member: Claims }) {
  const { t } = useTranslation();
  const introductions = useQuery({
    queryKey: ['posts', 'introduction', member.memberId],
    queryFn: () =>
      data(postsApi.GET('/api/posts', { params: { query: { author: member.memberId, kind: 'INTRODUCTION', limit: 1 } } })),
  });
  // Unknown (loading or failed) is not "not yet": the panel would nag someone who has already introduced themselves.
  if (!introductions.isSuccess || (introductions.data.items?.length ?? 0) > 0) return null;
  return (
    <section aria-labelledby="intro-invite" className="mb-8 rounded-12 border-2 border-blue-300 bg-blue-50 p-5">
      <h2 id="intro-invite" className="section-title">{t('home.intro.title', { name: member.displayName })}</h2>
      <p className="mt-2">{t('home.intro.body')}</p>
      <p className="mt-4 flex flex-wrap items-center gap-4">
        <Link to="/posts/new?channel=introductions&kind=INTRODUCTION" className="btn-primary">{t('home.intro.write')}</Link>
        <Link to="/welcome">{t('home.intro.guide')}</Link>
      </p>
    </section>
  );
}

function ChannelList({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const channels = useChannels();
  // read once per visit: the markers describe the state when the page was opened
  const [seen] = useState(() => seenCounts(memberId));
  return (
    <section aria-labelledby="home-channels">
      <h2 id="home-channels" className="section-title mb-3">{t('home.channels')}</h2>
      {channels.isPending && <Loading />}
      <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />
      {channels.data && (
        <ul className="flex flex-col gap-1">
          {channels.data.map((channel) => {
            const unread = unreadCount(seen, channel.slug, channel.postCount);
            const name = channelName(channel);
            return (
              <li key={channel.slug}>
                <Link
                  to={`/channels/${channel.slug}`}
                  className={`flex min-h-11 items-center justify-between gap-2 rounded-8 px-3 py-2 hover:bg-blue-50 ${unread > 0 ? 'font-bold' : ''}`}
                >
                  <span><span aria-hidden="true"># </span>{name}</span>
                  {unread > 0 && (
                    <span className="rounded-full bg-blue-900 px-2 text-oln-14B-100 leading-6 text-white">
                      <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                      <span className="sr-only">{t('home.unread', { count: unread })}</span>
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function LatestPosts() {
  const { t } = useTranslation();
  const channels = useChannels();
  const latest = useQuery({
    queryKey: ['posts', 'latest'],
    queryFn: () => data(postsApi.GET('/api/posts', { params: { query: { limit: 20 } } })),
  });
  const posts = latest.data?.items ?? [];
  return (
    <section aria-labelledby="home-latest">
      <h2 id="home-latest" className="section-title mb-3">{t('home.latest')}</h2>
      {latest.isPending && <Loading />}
      <ErrorAlert error={latest.error} onRetry={() => void latest.refetch()} />
      {latest.isSuccess && posts.length === 0 && <p>{t('home.noPosts')}</p>}
      {posts.length > 0 && (
        <ul className="flex flex-col gap-3">
          {posts.map((post) => (
            <li key={post.id}>
              <PostCard
                post={post}
                channelLabel={channelName(channels.data?.find((channel) => channel.slug === post.channel), post.channel)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
