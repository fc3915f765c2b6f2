import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, notificationsApi } from '../../api/client';
import type { AnnouncementProgress as AnnouncementProgressView } from '../../api/generated/notifications';
import { ApiError } from '../../api/problem';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

const FAST_MS = 1_000;
const SLOW_MS = 5_000;
const FAST_FOR_MS = 120_000;

/**
 * An announcement's fan-out as notifications-service counts it: who it is for, how many inboxes hold it, and how its
 * mails and Slack messages are going. It polls until nothing waits any more: every second at first, then every five
 * seconds (a fan-out to 100,000 members takes a while to mail). A 404 means the service has not seen the post yet.
 */
export function AnnouncementProgress({ postId, startedAt }: { postId: string; startedAt: number }) {
  const { t } = useTranslation();
  const progress = useQuery({
    queryKey: ['console', 'announcement-progress', postId],
    queryFn: async () => {
      try {
        return await data(notificationsApi.GET('/api/notifications/announcements/{postId}/progress', {
          params: { path: { postId } },
        }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: (query) => (query.state.data?.state === 'DONE' ? false
      : Date.now() - startedAt < FAST_FOR_MS ? FAST_MS : SLOW_MS),
  });
  const view = progress.data;
  return (
    <section aria-labelledby="announcement-progress" className="mt-4 rounded-8 border border-blue-300 bg-blue-50 p-4">
      <h3 id="announcement-progress" className="text-std-16B-170">{t('console.announce.progress')}</h3>
      <p role="status" aria-label={t('console.announce.progressState')} className="mt-1 text-std-16N-170">
        {!view ? t('console.announce.waiting') : t(`console.announce.state${view.state}`, {
          recipients: view.recipients ?? 0,
          time: formatDateTime(view.finishedAt),
        })}
      </p>
      {view && <ProgressTable view={view} />}
      <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />
    </section>
  );
}

function ProgressTable({ view }: { view: AnnouncementProgressView }) {
  const { t } = useTranslation();
  const recipients = view.recipients ?? 0;
  const rows = [
    // members who switched announcements off get no notice: once the fan-out is over, nothing waits for them
    { key: 'inbox', done: view.inboxStored ?? 0, planned: recipients, failed: 0,
      waiting: view.state === 'FANNING_OUT' ? Math.max(recipients - (view.inboxStored ?? 0), 0) : 0 },
    { key: 'mail', done: view.mail?.sent ?? 0, planned: view.mail?.planned ?? 0, failed: view.mail?.failed ?? 0, waiting: view.mail?.waiting ?? 0 },
    { key: 'slack', done: view.slack?.posted ?? 0, planned: view.slack?.planned ?? 0, failed: view.slack?.failed ?? 0, waiting: view.slack?.waiting ?? 0 },
  ];
  return (
    <table className="mt-3 w-full max-w-2xl text-left text-std-16N-170">
      <caption className="sr-only">{t('console.announce.tableCaption', { recipients })}</caption>
      <thead>
        <tr className="border-b border-solid-gray-420">
          <th scope="col" className="py-1 pr-4">{t('console.announce.route')}</th>
          <th scope="col" className="py-1 pr-4">{t('console.announce.done')}</th>
          <th scope="col" className="py-1 pr-4">{t('console.announce.waitingCol')}</th>
          <th scope="col" className="py-1">{t('console.announce.failed')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-solid-gray-200">
            <th scope="row" className="py-1 pr-4 font-normal">{t(`console.announce.row_${row.key}`)}</th>
            <td className="py-1 pr-4">
              {t('console.announce.doneOf', { done: row.done, planned: row.planned })}
              {row.planned > 0 && <progress className="ml-2 align-middle" max={row.planned} value={row.done} aria-hidden="true" />}
            </td>
            <td className="py-1 pr-4">{row.waiting}</td>
            <td className={`py-1 ${row.failed > 0 ? 'font-bold text-error-2' : ''}`}>{row.failed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
