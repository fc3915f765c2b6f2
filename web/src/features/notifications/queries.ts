import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { NotificationItem, PageNotificationItem } from '../../api/generated/notifications';
import { postKey, repliesKey } from '../posts/post/queries';

export const notificationsKey = ['notifications'] as const;
export const unreadCountKey = ['notifications', 'unread-count'] as const;
export const notificationListKey = ['notifications', 'list'] as const;

export type NotificationPages = InfiniteData<PageNotificationItem, string | undefined>;

/** A notice that just arrived on the stream: counted and put on top of every loaded list, at once. */
export function addArrivedNotification(queryClient: QueryClient, item: NotificationItem) {
  if (!item.read) {
    queryClient.setQueryData<{ count?: number }>(unreadCountKey, (old) => ({ count: (old?.count ?? 0) + 1 }));
  }
  queryClient.setQueriesData<NotificationPages>({ queryKey: notificationListKey }, (old) => {
    if (!old || old.pages.length === 0) return old;
    if (old.pages.some((page) => page.items?.some((existing) => existing.id === item.id))) return old;
    const [first, ...rest] = old.pages;
    return { ...old, pages: [{ ...first, items: [item, ...(first.items ?? [])] }, ...rest] };
  });
  // the thread the notice is about has changed: a page showing it (or opened from the notice) must not show it stale
  if (item.postId) {
    void queryClient.invalidateQueries({ queryKey: postKey(item.postId) });
    void queryClient.invalidateQueries({ queryKey: repliesKey(item.postId) });
  }
}
