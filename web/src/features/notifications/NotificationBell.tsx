import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, notificationsApi } from '../../api/client';
import { useEffect } from 'react';
import { setStreamLost } from '../../app/connectionStatus';
import { BellIcon } from '../../shared/ui/Icons';
import { unreadCountKey } from './queries';
import { useNotificationStream } from './stream/useNotificationStream';

export { unreadCountKey };

/**
 * The bell in the header: a link to the notifications page whose name says how many are unread. It also holds the
 * live stream (the header shows one bell, so there is one stream per signed-in app), which keeps the count current.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { lost } = useNotificationStream();
  useEffect(() => {
    setStreamLost(lost);
    return () => setStreamLost(false);
  }, [lost]);
  const { data: unread } = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => data(notificationsApi.GET('/api/notifications/unread-count')),
  });
  const count = unread?.count ?? 0;
  const label = count > 0 ? t('nav.notificationsUnread', { count }) : t('nav.notifications');
  return (
    <Link to="/notifications" aria-label={label} className="btn-tertiary relative">
        <BellIcon />
        <span aria-hidden="true" className="hidden sm:inline">{t('nav.notifications')}</span>
        {count > 0 && (
          <span aria-hidden="true" className="rounded-full bg-error-1 px-2 text-oln-14B-100 leading-6 text-white">
            {count > 99 ? '99+' : count}
          </span>
        )}
    </Link>
  );
}
