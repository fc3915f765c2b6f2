import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PostView } from '../../api/generated/posts';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { MyStatus, SessionFacts } from './SessionFacts';
import { sortSessions, useMyPrefecture, useSessions, type SessionScope } from './queries';

export default function SessionsPage() {
  const { t } = useTranslation();
  const prefecture = useMyPrefecture();
  return (
    <div className="max-w-3xl">
      <PageTitle>{t('sessions.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('sessions.lead')}</p>
      <SessionList scope="upcoming" prefecture={prefecture} />
      <SessionList scope="past" prefecture={prefecture} />
    </div>
  );
}

function SessionList({ scope, prefecture }: { scope: SessionScope; prefecture: string | undefined }) {
  const { t } = useTranslation();
  const sessions = useSessions(scope);
  const items = sortSessions(sessions.data?.pages.flatMap((page) => page.items ?? []) ?? [], scope);
  const headingId = `sessions-${scope}`;
  return (
    <section aria-labelledby={headingId} className="mb-10">
      <h2 id={headingId} className="section-title mb-3">{t(`sessions.${scope}`)}</h2>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t(`sessions.${scope}Empty`)}</p>
      ) : (
        <ul aria-labelledby={headingId} className="flex flex-col gap-4">
          {items.map((post) => (
            <li key={post.id}>
              <SessionCard post={post} nearby={!!prefecture && post.session?.prefecture === prefecture} />
            </li>
          ))}
        </ul>
      )}
      <LoadMoreButton pages={sessions} />
    </section>
  );
}

function SessionCard({ post, nearby }: { post: PostView; nearby: boolean }) {
  const { t } = useTranslation();
  const titleId = `session-${post.id}`;
  return (
    <article aria-labelledby={titleId} className={`card ${nearby ? 'border-2 border-blue-900 bg-blue-50' : ''}`}>
      {/* the highlight is said in words too: colour alone would be lost on some */}
      {nearby && (
        <p className="mb-2 inline-block rounded-4 bg-blue-900 px-2 text-dns-14B-130 leading-6 text-white">
          {t('sessions.nearby')}
        </p>
      )}
      <h3 id={titleId} className="mb-2 text-std-18B-160">
        <Link to={`/sessions/${post.id}`}>{post.title}</Link>
      </h3>
      {post.session && (
        <>
          <SessionFacts session={post.session} />
          <div className="mt-2"><MyStatus session={post.session} /></div>
        </>
      )}
    </article>
  );
}
