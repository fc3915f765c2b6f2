import { data, notificationsApi } from '../../api/client';
import type { DeliveryView } from '../../api/generated/notifications';

export interface ChannelCounts {
  channel: string;
  SENT: number;
  RETRYING: number;
  FAILED: number;
}

const PAGE = 100;
const MAX_PAGES = 10;

/**
 * The deliveries created since `since`, read from the delivery log (newest first) until an older one appears. The log
 * has no filter by announcement, so whatever else was sent meanwhile is counted too; right after a send that is little.
 */
export async function deliveriesSince(since: string): Promise<DeliveryView[]> {
  const from = new Date(since).getTime();
  const found: DeliveryView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await data(notificationsApi.GET('/api/notifications/deliveries', { params: { query: { limit: PAGE, cursor } } }));
    const items = result.items ?? [];
    const recent = items.filter((item) => item.createdAt && new Date(item.createdAt).getTime() >= from);
    found.push(...recent);
    if (recent.length < items.length || !result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return found;
}

/** Counts per channel (mail first, then Slack), in the log's three states. */
export function countByChannel(deliveries: DeliveryView[]): ChannelCounts[] {
  const byChannel = new Map<string, ChannelCounts>();
  for (const delivery of deliveries) {
    const channel = delivery.channel ?? 'EMAIL';
    const counts = byChannel.get(channel) ?? { channel, SENT: 0, RETRYING: 0, FAILED: 0 };
    if (delivery.status === 'SENT' || delivery.status === 'RETRYING' || delivery.status === 'FAILED') counts[delivery.status] += 1;
    byChannel.set(channel, counts);
  }
  const order = (channel: string) => (channel === 'EMAIL' ? 0 : channel === 'SLACK' ? 1 : 2);
  return [...byChannel.values()].sort((a, b) => order(a.channel) - order(b.channel));
}
