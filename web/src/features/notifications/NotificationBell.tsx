import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, notificationsApi } from '../../api/client';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

/** The bell in the header: a link to the notifications page whose name says how many are unread. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data: unread } = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => data(notificationsApi.GET('/api/notifications/unread-count')),
  });
  const count = unread?.count ?? 0;
  const label = count > 0 ? t('nav.notificationsUnread', { count }) : t('nav.notifications');
  return (
    <Link to="/notifications" aria-label={label} className="btn-tertiary relative">
      <span aria-hidden="true">🔔</span>
      <span aria-hidden="true" className="hidden sm:inline">{t('nav.notifications')}</span>
      {count > 0 && (
        <span aria-hidden="true" className="rounded-full bg-error-1 px-2 text-oln-14B-100 leading-6 text-white">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </Link>
  );
}
