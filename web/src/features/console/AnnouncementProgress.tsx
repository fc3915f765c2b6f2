import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { countByChannel, deliveriesSince } from './deliveryProgress';

const POLL_MS = 2_000;
const WATCH_MS = 120_000;

/**
 * The fan-out of an announcement as the delivery log shows it, updated every 2 seconds until nothing waits for a retry
 * (or for 2 minutes: a member whose mail server keeps refusing must not keep the page polling for ever).
 */
export function DeliveryProgress({ since, startedAt }: { since: string; startedAt: number }) {
  const { t } = useTranslation();
  const progress = useQuery({
    queryKey: ['console', 'deliveries', 'since', since],
    queryFn: async () => countByChannel(await deliveriesSince(since)),
    refetchInterval: (query) => (shouldPoll(query.state.data, startedAt) ? POLL_MS : false),
  });
  const counts = progress.data ?? [];
  const polling = shouldPoll(progress.data, startedAt);
  const timedOut = Date.now() - startedAt >= WATCH_MS;
  return (
    <div className="mt-4 rounded-8 border border-blue-300 bg-blue-50 p-4">
      <h3 className="text-std-16B-170">{t('console.announce.progress')}</h3>
      <p className="text-dns-14N-130 text-solid-gray-800">{t('console.announce.since', { time: formatDateTime(since) })}</p>
      <div role="status" aria-label={t('console.announce.progress')} className="mt-2 text-std-16N-170">
        {counts.length === 0 ? (
          <p>{t('console.announce.waiting')}</p>
        ) : (
          <ul>
            {counts.map((count) => (
              <li key={count.channel}>
                {t('console.announce.counts', {
                  channel: t(`console.announce.channel${count.channel}`, { defaultValue: count.channel }),
                  sent: count.SENT,
                  retrying: count.RETRYING,
                  failed: count.FAILED,
                })}
              </li>
            ))}
          </ul>
        )}
        <p className="text-dns-14N-130 text-solid-gray-800">
          {polling ? t('console.announce.polling') : timedOut ? t('console.announce.stopped') : t('console.announce.finished')}
        </p>
      </div>
      <ErrorAlert error={progress.error} />
      {!polling && (
        <button type="button" className="btn-secondary mt-2" onClick={() => void progress.refetch()}>
          {t('console.announce.refresh')}
        </button>
      )}
    </div>
  );
}

function shouldPoll(counts: ReturnType<typeof countByChannel> | undefined, startedAt: number): boolean {
  if (Date.now() - startedAt >= WATCH_MS) return false;
  // before the first delivery appears the fan-out has not started yet: keep looking
  if (!counts || counts.length === 0) return true;
  return counts.some((count) => count.RETRYING > 0);
}
