import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, done, notificationsApi } from '../../api/client';
import type { NotificationItem } from '../../api/generated/notifications';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { NotificationItemView } from './NotificationItemView';
import { notificationListKey, notificationsKey, unreadCountKey, type NotificationPages } from './queries';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';

const PAGE_SIZE = 20;

function useNotifications(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: [...notificationListKey, { unreadOnly }],
    queryFn: ({ pageParam }) =>
      data(
        notificationsApi.GET('/api/notifications', {
          params: { query: { unreadOnly: unreadOnly || undefined, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Marks notices read in every loaded list and lowers the count, before the server has answered. */
function markReadInCache(queryClient: ReturnType<typeof useQueryClient>, which: (item: NotificationItem) => boolean) {
  let changed = 0;
  queryClient.setQueriesData<NotificationPages>({ queryKey: notificationListKey }, (old) =>
    old && {
      ...old,
      pages: old.pages.map((page) => ({
        ...page,
        items: page.items?.map((item) => (!item.read && which(item) ? ((changed += 1), { ...item, read: true }) : item)),
      })),
    },
  );
  return changed;
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const notifications = useNotifications(unreadOnly);
  const listError = notifications.error;
  const items = notifications.data?.pages.flatMap((page) => page.items ?? []) ?? [];

  const readOne = useMutation({
    mutationFn: (id: string) => done(notificationsApi.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onMutate: (id) => {
      if (markReadInCache(queryClient, (item) => item.id === id) > 0) {
        queryClient.setQueryData<{ count?: number }>(unreadCountKey, (old) => ({ count: Math.max(0, (old?.count ?? 1) - 1) }));
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: unreadCountKey }),
  });

  const readAll = useMutation({
    mutationFn: () => done(notificationsApi.POST('/api/notifications/read-all')),
    onSuccess: () => {
      markReadInCache(queryClient, () => true);
      queryClient.setQueryData(unreadCountKey, { count: 0 });
      void queryClient.invalidateQueries({ queryKey: notificationsKey });
      announce(t('notifications.allRead'));
    },
  });

  const open = (item: NotificationItem) => {
    if (!item.read && item.id) readOne.mutate(item.id);
  };

  return (
    <div className="max-w-3xl">
      <PageTitle>{t('notifications.title')}</PageTitle>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <label className="flex min-h-11 cursor-pointer items-center gap-2 text-std-16N-170">
          <input
            type="checkbox"
            className="size-6"
            checked={unreadOnly}
            onChange={(event) => setParams(event.target.checked ? { unread: '1' } : {}, { replace: true })}
          />
          {t('notifications.unreadOnly')}
        </label>
        <button type="button" className="btn-secondary" disabled={readAll.isPending} onClick={() => readAll.mutate()}>
          {t('notifications.readAll')}
        </button>
      </div>
      <ErrorAlert error={readAll.error ?? readOne.error} />
      {notifications.isPending ? (
        <Loading />
      ) : notifications.isError ? (
        <ErrorAlert error={notifications.error} onRetry={() => void notifications.refetch()} />
      ) : (
        <>
          <ul aria-label={t('notifications.listName')} className="overflow-hidden rounded-12 border border-solid-gray-200">
            {items.map((item) => (
              <NotificationItemView key={item.id} item={item} onOpen={open} />
            ))}
          </ul>
          {items.length === 0 && (
            <p className="mt-4 text-std-16N-170 text-solid-gray-800">
              {unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}
            </p>
          )}
          <LoadMoreButton pages={notifications} className="mt-4" />
          {notifications.isFetchNextPageError && <ErrorAlert error={listError} />}
        </>
      )}
    </div>
  );
}
