import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../api/generated/posts';
import { formatSessionTime } from './time';

/** When, where, how many: the facts a member decides on, as a description list. */
export function SessionFacts({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const full = (session.goingCount ?? 0) >= (session.capacity ?? 0);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-std-16N-170">
      <dt className="font-bold">{t('sessions.facts.when')}</dt>
      <dd>
        <time dateTime={session.startsAt}>{formatSessionTime(session.startsAt, session.endsAt)}</time>
      </dd>
      {session.place && (
        <>
          <dt className="font-bold">{t('sessions.facts.place')}</dt>
          <dd className="break-words">{session.place}</dd>
        </>
      )}
      {session.onlineUrl && (
        <>
          <dt className="font-bold">{t('sessions.facts.online')}</dt>
          <dd className="break-all">
            <a href={session.onlineUrl} rel="noopener noreferrer" target="_blank">{session.onlineUrl}</a>
          </dd>
        </>
      )}
      {session.prefecture && (
        <>
          <dt className="font-bold">{t('sessions.facts.prefecture')}</dt>
          <dd>{session.prefecture}</dd>
        </>
      )}
      <dt className="font-bold">{t('sessions.facts.capacity')}</dt>
      <dd>
        {t('sessions.facts.going', { going: session.goingCount ?? 0, capacity: session.capacity ?? 0 })}
        {full && <> {t('sessions.facts.full')}</>}
        {(session.waitlistCount ?? 0) > 0 && <> {t('sessions.facts.waitlist', { count: session.waitlistCount })}</>}
      </dd>
    </dl>
  );
}

/** The member's own place in a session, in words: 参加予定 / キャンセル待ち 2 番目. */
export function MyStatus({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  if (session.myStatus === 'GOING') {
    return <p className="text-std-16B-170 text-success-2">{t('sessions.status.going')}</p>;
  }
  if (session.myStatus === 'WAITLISTED') {
    return (
      <p className="text-std-16B-170 text-solid-gray-800">
        {session.myWaitlistPosition
          ? t('sessions.status.waitlisted', { position: session.myWaitlistPosition })
          : t('sessions.status.waitlistedNoPosition')}
      </p>
    );
  }
  return null;
}
