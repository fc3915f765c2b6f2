import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import type { UnansweredQuestion } from '../../api/generated/posts';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { TextField } from '../../shared/ui/TextField';
import { AnswerTimesChart } from './AnswerTimesChart';

/** The service's default threshold; the manager may look at younger or older questions for a while. */
const DEFAULT_HOURS = 48;
const MAX_HOURS = 8760;

/** Questions nobody but their author has replied to, oldest first, and how long first answers take week by week. */
export function UnansweredQuestions() {
  const { t } = useTranslation();
  const [hours, setHours] = useState(DEFAULT_HOURS);
  const questions = useInfiniteQuery({
    queryKey: ['console', 'unanswered', hours],
    queryFn: ({ pageParam }) => data(postsApi.GET('/api/moderation/unanswered', {
      params: { query: { limit: 20, cursor: pageParam, olderThanHours: hours } },
    })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = questions.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <>
      <p className="mb-4 text-std-16N-170">{t('console.unanswered.lead', { count: hours })}</p>
      <ThresholdForm hours={hours} onChange={setHours} />
      {questions.isPending ? (
        <Loading />
      ) : questions.isError ? (
        <ErrorAlert error={questions.error} onRetry={() => void questions.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t('console.unanswered.empty')}</p>
      ) : (
        <ol aria-label={t('console.unanswered.list')} className="flex flex-col gap-4">
          {items.map((question) => <li key={question.postId}><UnansweredQuestion question={question} /></li>)}
        </ol>
      )}
      <LoadMoreButton pages={questions} />
      <AnswerTimesChart />
    </>
  );
}

/** How long a question must have waited to be listed; applied on submit so typing does not query on every digit. */
function ThresholdForm({ hours, onChange }: { hours: number; onChange: (hours: number) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(hours));
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = Number(value.trim());
    const valid = value.trim() !== '' && Number.isInteger(parsed) && parsed >= 0 && parsed <= MAX_HOURS;
    setInvalid(!valid);
    if (valid) onChange(parsed);
  };
  return (
    <form onSubmit={submit} noValidate className="mb-2 flex flex-wrap items-end gap-3">
      <div className="w-full max-w-md">
        <TextField label={t('console.unanswered.threshold')} hint={t('console.unanswered.thresholdHint', { max: MAX_HOURS })}
          error={invalid ? t('console.unanswered.thresholdInvalid', { max: MAX_HOURS }) : undefined}
          type="number" inputMode="numeric" min={0} max={MAX_HOURS} step={1} value={value}
          onChange={(event) => setValue(event.target.value)} />
      </div>
      <button type="submit" className="btn-secondary mb-5">{t('console.unanswered.applyThreshold')}</button>
    </form>
  );
}

/** 「3 日前」: how long the question has been waiting, from the service's count of hours. */
function Age({ hours }: { hours: number }) {
  const { t } = useTranslation();
  return <>{hours >= 24 ? t('console.unanswered.ageDays', { count: Math.floor(hours / 24) }) : t('console.unanswered.ageHours', { count: Math.max(Math.floor(hours), 0) })}</>;
}

function UnansweredQuestion({ question }: { question: UnansweredQuestion }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const postId = question.postId ?? '';
  const titleId = `unanswered-${postId}`;
  const panelId = `suggested-${postId}`;
  return (
    <article aria-labelledby={titleId} className="card">
      <h3 id={titleId} className="text-std-16B-170">
        <Link to={`/posts/${postId}`}>{question.title}</Link>
      </h3>
      <p className="text-dns-14N-130 text-solid-gray-800">
        <span className="font-bold"><Age hours={question.ageHours ?? 0} /></span>
        {t('console.separator')}
        <time dateTime={question.createdAt}>{formatDateTime(question.createdAt)}</time>
        {t('console.separator')}
        {question.author?.displayName || t('common.formerMember')}
        {question.channel && <>{t('console.separator')}#{question.channel}</>}
      </p>
      <button type="button" className="btn-secondary mt-3" aria-expanded={asking} aria-controls={panelId}
        aria-describedby={titleId} onClick={() => setAsking((open) => !open)}>
        {t('console.unanswered.findAnswerers')}
      </button>
      <div id={panelId}>{asking && <SuggestedAnswerers postId={postId} title={question.title ?? ''} />}</div>
    </article>
  );
}

function SuggestedAnswerers({ postId, title }: { postId: string; title: string }) {
  const { t } = useTranslation();
  const suggested = useQuery({
    queryKey: ['console', 'suggested-answerers', postId],
    queryFn: () => data(postsApi.GET('/api/posts/{postId}/suggested-answerers', {
      params: { path: { postId }, query: { limit: 5 } },
    })),
  });
  if (suggested.isPending) return <Loading />;
  if (suggested.isError) return <ErrorAlert error={suggested.error} onRetry={() => void suggested.refetch()} />;
  const items = suggested.data.items ?? [];
  if (items.length === 0) return <p className="mt-3 text-std-16N-170">{t('console.unanswered.noSuggestions')}</p>;
  return (
    <ul aria-label={t('console.unanswered.suggestedFor', { title })} className="mt-3 flex flex-col gap-3">
      {items.map((person) => (
        <li key={person.memberId} className="rounded-8 border border-solid-gray-200 p-3">
          <p>
            <Link to={`/members/${person.memberId}`} className="text-std-16B-170">{person.displayName}</Link>
            {person.organization && <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{person.organization}</span>}
          </p>
          <p className="text-dns-14N-130 text-solid-gray-800">
            {t('console.unanswered.answeredCount', { count: person.answeredCount ?? 0 })}
            {person.examplePostId && (
              <>{t('console.separator')}<Link to={`/posts/${person.examplePostId}`}>{t('console.unanswered.example')}</Link></>
            )}
          </p>
          {person.handle && (
            <p className="mt-1">
              <Link to={`/posts/${postId}?mention=${encodeURIComponent(person.handle)}`} className="inline-flex min-h-11 items-center">
                {t('console.unanswered.mention', { handle: person.handle })}
              </Link>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
