import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, membersApi, postsApi } from '../../api/client';
import type { PublicProfile } from '../../api/generated/members';
import { useAuth } from '../../auth/AuthProvider';
import { Markdown } from '../../shared/Markdown';
import { formatDate, formatDateTime, formatRelative } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { formatDay } from '../handover/dates';
import { PositionHistory } from '../handover/PositionHistory';
import { InterestLinks } from './InterestLinks';
import { profileKey } from './profileKey';

const RECENT_POSTS = 10;

export default function MemberProfilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const profile = useQuery({
    queryKey: profileKey(id),
    queryFn: () => data(membersApi.GET('/api/members/{id}', { params: { path: { id } } })),
  });
  if (profile.isPending) return <Loading />;
  if (profile.isError) {
    return (
      <>
        <PageTitle>{t('members.profile.notFoundTitle')}</PageTitle>
        <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />
      </>
    );
  }
  return <Profile profile={profile.data} />;
}

function Profile({ profile }: { profile: PublicProfile }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const own = member?.memberId === profile.id;
  const former = profile.status === 'DEACTIVATED';
  const name = former ? t('common.formerMember') : profile.displayName ?? '';
  const facts: [string, string | undefined][] = [
    [t('members.fields.organization'), profile.organization],
    [t('members.fields.prefecture'), profile.prefecture],
    [t('members.fields.department'), profile.department],
    [t('members.fields.memberSince'), formatDate(profile.memberSince)],
  ];
  return (
    <div className="max-w-3xl">
      <PageTitle>{name}</PageTitle>
      {!former && <p className="-mt-3 mb-4 text-std-16N-170 text-solid-gray-800">@{profile.handle}</p>}
      {own && (
        <p className="mb-6">
          <Link to="/settings/account" className="btn-secondary no-underline">{t('members.profile.edit')}</Link>
        </p>
      )}
      <dl className="card mb-8 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-std-16B-170">{label}</dt>
              <dd className="text-std-16N-170">{value}</dd>
            </div>
          ))}
      </dl>
      {!former && profile.positionFrom && (
        <p className="-mt-6 mb-8 text-std-16N-170 text-solid-gray-800">
          {t('members.profile.since', { from: formatDay(profile.positionFrom) })}
        </p>
      )}
      {!former && (profile.history ?? []).length > 0 && (
        <section aria-labelledby="history-heading" className="mb-8">
          <h2 id="history-heading" className="section-title mb-2">{t('members.profile.history')}</h2>
          <PositionHistory history={profile.history ?? []} label={t('members.profile.history')} />
        </section>
      )}
      <section aria-labelledby="bio-heading" className="mb-8">
        <h2 id="bio-heading" className="section-title mb-2">{t('members.profile.bio')}</h2>
        {profile.bio ? <Markdown source={profile.bio} /> : <p className="text-solid-gray-700">{t('members.profile.noBio')}</p>}
      </section>
      {(profile.interests ?? []).length > 0 && (
        <section aria-labelledby="interests-heading" className="mb-8">
          <h2 id="interests-heading" className="section-title mb-2">{t('members.fields.interests')}</h2>
          <InterestLinks interests={profile.interests ?? []} />
        </section>
      )}
      {profile.id && <RecentPosts authorId={profile.id} />}
    </div>
  );
}

function RecentPosts({ authorId }: { authorId: string }) {
  const { t } = useTranslation();
  const posts = useQuery({
    queryKey: ['posts', { author: authorId, limit: RECENT_POSTS }],
    queryFn: () => data(postsApi.GET('/api/posts', { params: { query: { author: authorId, limit: RECENT_POSTS } } })),
  });
  const items = posts.data?.items ?? [];
  return (
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading" className="section-title mb-3">{t('members.profile.recentPosts')}</h2>
      {posts.isPending ? (
        <Loading />
      ) : posts.isError ? (
        <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170 text-solid-gray-800">{t('members.profile.noPosts')}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {items.map((post) => (
            <li key={post.id} className="card">
              <p className="mb-1 flex flex-wrap gap-x-3 text-dns-14N-130 text-solid-gray-800">
                {post.kind && <span className="rounded-4 bg-solid-gray-100 px-2">{t(`kinds.${post.kind}`)}</span>}
                <time dateTime={post.createdAt} title={formatDateTime(post.createdAt)}>{formatRelative(post.createdAt)}</time>
                <span>{t('members.profile.replies', { count: post.replyCount ?? 0 })}</span>
              </p>
              <Link to={`/posts/${post.id}`} className="text-std-17B-170">{post.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
