import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, done, postsApi } from '../../api/client';
import type { ReportedPostView } from '../../api/generated/posts';
import { useAnnounce } from '../../app/Announcer';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';

const STATES = ['OPEN', 'HIDDEN', 'ALL'] as const;
type ReportState = (typeof STATES)[number];
const reportsKey = ['console', 'reports'] as const;

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
      <p className="mb-4 text-dns-14N-130 text-solid-gray-700">{t('console.reports.noReasonField')}</p>
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
    </>
  );
}

function ReportedPost({ item }: { item: ReportedPostView }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const title = item.title ?? '';
  const postId = item.postId ?? '';
  const decide = useMutation({
    mutationFn: (action: 'hide' | 'unhide') =>
      action === 'hide'
        ? done(postsApi.POST('/api/posts/{postId}/hide', { params: { path: { postId } } }))
        : done(postsApi.POST('/api/posts/{postId}/unhide', { params: { path: { postId } } })),
    onSuccess: (_, action) => {
      announce(t(action === 'hide' ? 'console.reports.hidden' : 'console.reports.unhidden', { title }), {
        to: `/posts/${postId}`,
        label: title,
      });
      void queryClient.invalidateQueries({ queryKey: reportsKey });
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
          {item.channel && <> ・ {t('console.reports.channel', { channel: item.channel })}</>}
        </p>
        <p className="mt-1 text-std-16B-170">
          {t('console.reports.counts', { total: item.reportCount ?? 0, open: item.openReportCount ?? 0 })}
          {' ・ '}
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
        <ErrorAlert error={decide.error} />
        <div className="mt-3 flex flex-wrap gap-3">
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
