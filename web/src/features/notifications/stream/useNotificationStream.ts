import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { NotificationItem } from '../../../api/generated/notifications';
import { useAuth } from '../../../auth/AuthProvider';
import { session } from '../../../auth/session';
import { addArrivedNotification, unreadCountKey } from '../queries';
import { openNotificationStream } from './notificationStream';

/** A reconnection that succeeds within this long is not worth telling anyone about. */
export const LOST_AFTER_MS = 5_000;
/** After a burst of events, the count is checked against the server once (another tab may have read some). */
const RECONCILE_AFTER_MS = 3_000;

/**
 * Keeps the signed-in member's live stream open while mounted (the header's bell mounts it, once per app) and
 * closes it on logout. Each new notice updates the query cache, so the bell and the list change without a reload.
 * Returns whether the stream has been lost for a while.
 */
export function useNotificationStream(): { lost: boolean } {
  const queryClient = useQueryClient();
  const memberId = useAuth().member?.memberId;
  const [lost, setLost] = useState(false);

  useEffect(() => {
    if (!memberId) return;
    const seen = new Set<string>();
    let lostTimer: ReturnType<typeof setTimeout> | undefined;
    let reconcile: ReturnType<typeof setTimeout> | undefined;

    const stream = openNotificationStream<NotificationItem>({
      token: () => session.freshAccessToken(),
      renewToken: (rejected) => session.refreshAfterRejection(rejected),
      onNotification: (item) => {
        // a replay after reconnecting may repeat what was already shown
        if (item.id) {
          if (seen.has(item.id)) return;
          seen.add(item.id);
        }
        addArrivedNotification(queryClient, item);
        clearTimeout(reconcile);
        reconcile = setTimeout(() => void queryClient.invalidateQueries({ queryKey: unreadCountKey }), RECONCILE_AFTER_MS);
      },
      onState: (state) => {
        if (state === 'open' || state === 'closed') {
          clearTimeout(lostTimer);
          lostTimer = undefined;
          setLost(false);
        } else if (state === 'retrying' && lostTimer === undefined) {
          lostTimer = setTimeout(() => setLost(true), LOST_AFTER_MS);
        }
      },
    });

    // the gateway checked the token when the stream opened; a renewed token (or another member) opens a new one
    let tokenInUse = session.token();
    const unsubscribe = session.subscribe((claims) => {
      if (!claims) {
        stream.close();
        return;
      }
      const token = session.token();
      if (token !== tokenInUse) {
        tokenInUse = token;
        stream.reconnect();
      }
    });
    const backOnline = () => stream.reconnect();
    window.addEventListener('online', backOnline);

    return () => {
      stream.close();
      unsubscribe();
      window.removeEventListener('online', backOnline);
      clearTimeout(lostTimer);
      clearTimeout(reconcile);
    };
  }, [memberId, queryClient]);

  return { lost };
}
