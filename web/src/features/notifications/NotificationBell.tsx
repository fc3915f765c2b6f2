import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, notificationsApi } from '../../api/client';
import { useOnline } from '../../app/useOnline';
import { unreadCountKey } from './queries';
import { useNotificationStream } from './stream/useNotificationStream';

export { unreadCountKey };

/**
 * The bell in the header: a link to the notifications page whose name says how many are unread. It also holds the
 * live stream (the header shows one bell, so there is one stream per signed-in app), which keeps the count current.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const online = useOnline();
  const { lost } = useNotificationStream();
  const { data: unread } = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => data(notificationsApi.GET('/api/notifications/unread-count')),
  });
  const count = unread?.count ?? 0;
  const label = count > 0 ? t('nav.notificationsUnread', { count }) : t('nav.notifications');
  return (
    <div className="relative">
      <Link to="/notifications" aria-label={label} className="btn-tertiary relative">
        <span aria-hidden="true">🔔</span>
        <span aria-hidden="true" className="hidden sm:inline">{t('nav.notifications')}</span>
        {count > 0 && (
          <span aria-hidden="true" className="rounded-full bg-error-1 px-2 text-oln-14B-100 leading-6 text-white">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </Link>
      {/* always in the page, so that the text is announced when it appears; offline is said by the offline banner */}
      <p role="status" className="absolute right-0 top-full z-30 w-64 max-w-[calc(100vw-2rem)]">
        {lost && online && (
          <span className="mt-1 block rounded-8 border border-solid-gray-600 bg-white p-2 text-dns-14N-130 text-solid-gray-800 shadow-1">
            {t('network.streamLost')}
          </span>
        )}
      </p>
    </div>
  );
}
