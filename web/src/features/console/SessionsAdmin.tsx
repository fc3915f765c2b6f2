import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PostView } from '../../api/generated/posts';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { sortSessions, useSessions, type SessionScope } from '../sessions/queries';
import { formatSessionTime } from '../sessions/time';
import { CreateSessionForm } from './CreateSessionForm';
import { SessionAttendees } from './SessionAttendees';

/** The console's 勉強会: schedule one, and see who is coming to (or came to) each. */
export function SessionsAdmin() {
  return (
    <>
      <CreateSessionForm />
      <ScheduledSessions scope="upcoming" />
      <ScheduledSessions scope="past" />
    </>
  );
}

function ScheduledSessions({ scope }: { scope: SessionScope }) {
  const { t } = useTranslation();
  // recent ones are enough here: marking attendance happens within days of a session
  const sessions = useSessions(scope, scope === 'past' ? 5 : 20);
  const items = sortSessions(sessions.data?.pages.flatMap((page) => page.items ?? []) ?? [], scope);
  const headingId = `console-sessions-${scope}`;
  return (
    <section aria-labelledby={headingId} className="mt-8">
      <h3 id={headingId} className="mb-3 text-std-18B-160">{t(`console.sessions.${scope}`)}</h3>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t(`console.sessions.${scope}Empty`)}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {items.map((session) => <li key={session.id}><ScheduledSession session={session} /></li>)}
        </ul>
      )}
      <LoadMoreButton pages={sessions} />
    </section>
  );
}

function ScheduledSession({ session }: { session: PostView }) {
  const { t } = useTranslation();
  const facts = session.session;
  const titleId = `console-session-${session.id}`;
  return (
    <article aria-labelledby={titleId} className="card">
      <h4 id={titleId} className="text-std-16B-170">
        <Link to={`/sessions/${session.id}`}>{session.title}</Link>
      </h4>
      {facts && (
        <p className="mb-2 text-dns-14N-130 text-solid-gray-800">
          <time dateTime={facts.startsAt}>{formatSessionTime(facts.startsAt, facts.endsAt)}</time>
          {t('console.separator')}
          {t('console.sessions.counts', { going: facts.goingCount ?? 0, capacity: facts.capacity ?? 0, waitlist: facts.waitlistCount ?? 0 })}
        </p>
      )}
      <SessionAttendees session={session} />
    </article>
  );
}
