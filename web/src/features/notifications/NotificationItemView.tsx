import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { NotificationItem } from '../../api/generated/notifications';
import { inLanguage } from '../../api/problem';
import { formatDateTime, formatRelative } from '../../shared/format';

/** Where a notice leads: the post, scrolled to the reply; a welcome or a nudge leads to the self-introduction. */
export function notificationTarget(item: NotificationItem): string | null {
  if (item.postId) {
    const post = `/posts/${encodeURIComponent(item.postId)}`;
    return item.replyId ? `${post}#reply-${encodeURIComponent(item.replyId)}` : post;
  }
  if (item.type === 'WELCOME' || item.type === 'FIRST_POST_NUDGE') return '/posts/new?channel=introductions&kind=INTRODUCTION';
  return null;
}

export function NotificationItemView({ item, onOpen }: { item: NotificationItem; onOpen: (item: NotificationItem) => void }) {
  const { t } = useTranslation();
  const target = notificationTarget(item);
  const unread = !item.read;
  const type = t(`notifications.types.${item.type ?? 'OTHER'}`, { defaultValue: t('notifications.types.OTHER') });
  // Kyoso's own notices (welcome, nudge: no member behind them) are written "日本語 / English"; a member's title,
  // excerpt and name are theirs, and a " / " in them is part of what they wrote
  const fromKyoso = !item.actor?.id;
  const own = (text: string | undefined) => (fromKyoso ? inLanguage(text) : (text ?? ''));
  const title = own(item.title);
  const snippet = own(item.snippet);
  const actor = fromKyoso
    ? inLanguage(item.actor?.displayName) || t('app.name')
    : t('notifications.by', { name: item.actor?.displayName || t('common.formerMember') });

  const heading = (
    <>
      {unread && <span className="sr-only">{t('notifications.unread')}</span>}
      <span className="block text-std-16B-170">{title || type}</span>
    </>
  );

  return (
    <li className={`relative border-b border-solid-gray-200 last:border-b-0 ${unread ? 'bg-blue-50' : 'bg-white'}`}>
      {unread && <span aria-hidden="true" className="absolute inset-y-0 left-0 w-1 bg-blue-900" />}
      <div className="flex flex-col gap-1 px-4 py-3 pl-5">
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-dns-14N-130 text-solid-gray-800">
          <span className={`rounded-4 px-2 py-0.5 ${unread ? 'bg-blue-900 text-white' : 'bg-solid-gray-100 text-solid-gray-900'}`}>
            {type}
            {item.type === 'REACTION' && item.extra ? ` ${item.extra}` : ''}
          </span>
          <span>{actor}</span>
          <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>{formatRelative(item.createdAt)}</time>
        </p>
        {target ? (
          <Link to={target} onClick={() => onOpen(item)} className={unread ? 'font-bold' : ''}>
            {heading}
          </Link>
        ) : (
          <p>{heading}</p>
        )}
        {snippet && <p className="line-clamp-2 text-std-16N-170 text-solid-gray-800">{snippet}</p>}
      </div>
    </li>
  );
}
