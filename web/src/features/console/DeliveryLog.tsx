import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, notificationsApi } from '../../api/client';
import type { DeliveryView } from '../../api/generated/notifications';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';

const STATUSES = ['', 'FAILED', 'RETRYING', 'SENT'] as const;
const CHANNELS = ['', 'EMAIL', 'SLACK'] as const;

/** Every mail and Slack delivery, newest first; failures stand out with the error the receiving side gave. */
export function DeliveryLog() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('');
  const [channel, setChannel] = useState<string>('');
  const log = useInfiniteQuery({
    queryKey: ['console', 'deliveries', 'log', status, channel],
    queryFn: ({ pageParam }) =>
      data(notificationsApi.GET('/api/notifications/deliveries', {
        params: { query: { status: status || undefined, channel: channel || undefined, limit: 20, cursor: pageParam } },
      })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = log.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <>
      <div className="mb-4 flex flex-wrap gap-4">
        <div className="w-full sm:w-56">
          <label htmlFor="console-delivery-status" className="field-label">{t('console.deliveries.status')}</label>
          <select id="console-delivery-status" className="field-input" value={status} onChange={(event) => setStatus(event.target.value)}>
            {STATUSES.map((option) => (
              <option key={option} value={option}>{option ? t(`console.deliveries.status${option}`) : t('console.deliveries.all')}</option>
            ))}
          </select>
        </div>
        <div className="w-full sm:w-56">
          <label htmlFor="console-delivery-channel" className="field-label">{t('console.deliveries.channel')}</label>
          <select id="console-delivery-channel" className="field-input" value={channel} onChange={(event) => setChannel(event.target.value)}>
            {CHANNELS.map((option) => (
              <option key={option} value={option}>{option ? t(`console.deliveries.channel${option}`) : t('console.deliveries.all')}</option>
            ))}
          </select>
        </div>
      </div>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t('console.deliveries.empty')}</p>
      ) : (
        <ul aria-label={t('console.deliveries.list')} className="space-y-2">
          {items.map((item) => <DeliveryRow key={item.id} item={item} />)}
        </ul>
      )}
      <LoadMoreButton pages={log} />
    </>
  );
}

function DeliveryRow({ item }: { item: DeliveryView }) {
  const { t } = useTranslation();
  const failed = item.status === 'FAILED';
  const label = (prefix: string, value: string | undefined) =>
    value ? t(`console.deliveries.${prefix}${value}`, { defaultValue: value }) : '';
  return (
    <li className={`rounded-8 border p-3 ${failed ? 'border-2 border-error-1 bg-red-50' : 'border-solid-gray-200'}`}>
      <p className="flex flex-wrap gap-x-3 text-std-16B-170">
        <span className={failed ? 'text-error-2' : ''}>{label('status', item.status)}</span>
        <span>{label('channel', item.channel)}</span>
        {item.kind && <span className="font-normal">{item.kind}</span>}
      </p>
      {item.subject && <p className="break-words text-std-16N-170">{item.subject}</p>}
      <p className="break-words text-dns-14N-130 text-solid-gray-800">
        {item.recipient && <>{t('console.deliveries.to', { recipient: item.recipient })}{t('console.separator')}</>}
        {t('console.deliveries.created', { time: formatDateTime(item.createdAt) })}
        {item.sentAt && <>{t('console.separator')}{t('console.deliveries.sentAt', { time: formatDateTime(item.sentAt) })}</>}
        {t('console.separator')}
        {t('console.deliveries.attempts', { count: item.attempts ?? 0 })}
      </p>
      {item.lastError && (
        <p className={`break-words text-std-16N-170 ${failed ? 'text-error-2' : 'text-solid-gray-800'}`}>
          {t('console.deliveries.lastError', { error: item.lastError })}
        </p>
      )}
    </li>
  );
}
