import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, done, postsApi } from '../../api/client';
import type { DecisionView, ReportedPostView } from '../../api/generated/posts';
import { useAnnounce } from '../../app/Announcer';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { TextArea } from '../../shared/ui/TextArea';

const STATES = ['OPEN', 'HIDDEN', 'ALL'] as const;
type ReportState = (typeof STATES)[number];
const reportsKey = ['console', 'reports'] as const;
const decisionsKey = ['console', 'decisions'] as const;

function useReports(state: ReportState) {
  return useInfiniteQuery({
    queryKey: [...reportsKey, state],
    queryFn: ({ pageParam }) =>
      data(postsApi.GET('/api/moderation/reports', { params: { query: { state, limit: 20, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Reported posts, one entry per post with all its reports (the service groups them, newest report first). */
export function ReportsQueue() {
  const { t } = useTranslation();
  const [state, setState] = useState<ReportState>('OPEN');
  const reports = useReports(state);
  const items = reports.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <>
      <div className="mb-4 max-w-xs">
        <label htmlFor="console-report-state" className="field-label">{t('console.reports.state')}</label>
        <select id="console-report-state" className="field-input" value={state}
          onChange={(event) => setState(event.target.value as ReportState)}>
          {STATES.map((option) => <option key={option} value={option}>{t(`console.reports.states.${option}`)}</option>)}
        </select>
      </div>
      {reports.isPending ? (
        <Loading />
      ) : reports.isError ? (
        <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t('console.reports.empty')}</p>
      ) : (
        <ul className="space-y-4">
          {items.map((item) => <ReportedPost key={item.postId} item={item} />)}
        </ul>
      )}
      <LoadMoreButton pages={reports} />
      <DecisionHistory />
    </>
  );
}

function ReportedPost({ item }: { item: ReportedPostView }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const title = item.title ?? '';
  const postId = item.postId ?? '';
  const [reason, setReason] = useState('');
  const decide = useMutation({
    // no reason written, no body: the service keeps "REPORTS"/"MODERATOR" as it did before reasons existed
    mutationFn: (action: 'hide' | 'unhide') => {
      const body = reason.trim() ? { reason: reason.trim() } : undefined;
      return action === 'hide'
        ? done(postsApi.POST('/api/posts/{postId}/hide', { params: { path: { postId } }, body }))
        : done(postsApi.POST('/api/posts/{postId}/unhide', { params: { path: { postId } }, body }));
    },
    onSuccess: (_, action) => {
      setReason('');
      announce(t(action === 'hide' ? 'console.reports.hidden' : 'console.reports.unhidden', { title }), {
        to: `/posts/${postId}`,
        label: title,
      });
      void queryClient.invalidateQueries({ queryKey: reportsKey });
      void queryClient.invalidateQueries({ queryKey: decisionsKey });
      void queryClient.invalidateQueries({ queryKey: ['post', postId] });
    },
  });
  const headingId = `report-${postId}`;
  return (
    <li>
      <article aria-labelledby={headingId} className={`card ${item.hidden ? 'border-2 border-solid-gray-600 bg-solid-gray-50' : ''}`}>
        <h3 id={headingId} className="text-std-18B-160">
          <Link to={`/posts/${postId}`}>{title}</Link>
        </h3>
        <p className="my-2 break-words text-std-16N-170">{item.excerpt}</p>
        <p className="text-dns-14N-130 text-solid-gray-700">
          {t('console.reports.author', { name: item.author?.displayName ?? t('common.formerMember') })}
          {item.channel && <>{t('console.separator')}{t('console.reports.channel', { channel: item.channel })}</>}
        </p>
        <p className="mt-1 text-std-16B-170">
          {t('console.reports.counts', { total: item.reportCount ?? 0, open: item.openReportCount ?? 0 })}
          {t('console.separator')}
          {item.hidden
            ? t('console.reports.hiddenState', { time: formatDateTime(item.hiddenAt) })
            : t('console.reports.visibleState')}
        </p>
        {item.hidden && item.hiddenReason && (
          <p className="text-std-16N-170">{t('console.reports.hiddenReason', { reason: item.hiddenReason })}</p>
        )}
        <h4 className="mt-3 text-std-16B-170">{t('console.reports.reasons')}</h4>
        <ul className="mt-1 list-disc pl-6">
          {(item.reports ?? []).map((report) => (
            <li key={report.reportId} className="text-std-16N-170">
              {report.reason?.trim() || t('console.reports.noReason')}
              <span className="ml-2 text-dns-14N-130 text-solid-gray-700">
                <time dateTime={report.at}>{formatDateTime(report.at)}</time>
              </span>
            </li>
          ))}
        </ul>
        <div className="mt-3 max-w-xl">
          <TextArea label={t('console.reports.reason')} hint={t('console.reports.reasonHint')} maxLength={500} rows={2}
            className="field-input min-h-20" value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <ErrorAlert error={decide.error} />
        <div className="flex flex-wrap gap-3">
          {item.hidden ? (
            <>
              <button type="button" className="btn-secondary" disabled={decide.isPending} onClick={() => decide.mutate('unhide')}>
                {t('console.reports.unhide')}
              </button>
              {(item.openReportCount ?? 0) > 0 && (
                // the service hid it by itself after several reports; hiding again confirms it and closes the reports
                <button type="button" className="btn-danger" disabled={decide.isPending} onClick={() => decide.mutate('hide')}>
                  {t('console.reports.keepHidden')}
                </button>
              )}
            </>
          ) : (
            <button type="button" className="btn-danger" disabled={decide.isPending} onClick={() => decide.mutate('hide')}>
              {t('console.reports.hide')}
            </button>
          )}
        </div>
      </article>
    </li>
  );
}

const ACTIONS = ['HIDE', 'UNHIDE', 'AUTO_HIDE', 'OUTDATED_CONFIRMED', 'OUTDATED_CLEARED'] as const;

/** Every hide, unhide and automatic hide, newest first, so that a decision can be looked up and explained later. */
function DecisionHistory() {
  const { t } = useTranslation();
  const decisions = useInfiniteQuery({
    queryKey: decisionsKey,
    queryFn: ({ pageParam }) =>
      data(postsApi.GET('/api/moderation/decisions', { params: { query: { limit: 20, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = decisions.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <section aria-labelledby="console-decisions" className="mt-8">
      <h3 id="console-decisions" className="mb-2 text-std-18B-160">{t('console.reports.history')}</h3>
      {decisions.isPending ? (
        <Loading />
      ) : decisions.isError ? (
        <ErrorAlert error={decisions.error} onRetry={() => void decisions.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t('console.reports.historyEmpty')}</p>
      ) : (
        <ol aria-label={t('console.reports.history')} className="space-y-2">
          {items.map((decision, index) => <Decision key={`${decision.postId}-${decision.at}-${index}`} decision={decision} />)}
        </ol>
      )}
      <LoadMoreButton pages={decisions} />
    </section>
  );
}

function Decision({ decision }: { decision: DecisionView }) {
  const { t } = useTranslation();
  const action = ACTIONS.find((known) => known === decision.action);
  return (
    <li className="rounded-8 border border-solid-gray-200 p-3">
      <p className="text-std-16N-170">
        <span className="font-bold">{action ? t(`console.reports.actions.${action}`) : decision.action}</span>
        {t('console.separator')}
        <Link to={`/posts/${decision.postId}`}>{decision.title || t('console.reports.untitled')}</Link>
      </p>
      {decision.note && <p className="text-std-16N-170">{t('console.reports.note', { note: decision.note })}</p>}
      <p className="text-dns-14N-130 text-solid-gray-700">
        <time dateTime={decision.at}>{formatDateTime(decision.at)}</time>
        {decision.channel && <>{t('console.separator')}#{decision.channel}</>}
        {action === 'AUTO_HIDE' && <>{t('console.separator')}{t('console.reports.byService')}</>}
      </p>
    </li>
  );
}
