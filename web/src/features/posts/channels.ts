import { useQuery } from '@tanstack/react-query';
import { data, postsApi } from '../../api/client';
import type { ChannelView } from '../../api/generated/posts';
import { inLanguage } from '../../api/problem';

export const channelsKey = ['channels'] as const;

/** An archived channel keeps its posts for reading and search but takes no new ones. */
export function withoutArchived(channels: ChannelView[]): ChannelView[] {
  return channels.filter((channel) => !channel.archived);
}

/**
 * Every channel with its post count; the composer, the home page and the channel feed share this one answer.
 * `forPosting` leaves out archived channels (the composer must not offer them; a feed must still open them).
 */
export function useChannels({ forPosting = false }: { forPosting?: boolean } = {}) {
  return useQuery({
    queryKey: channelsKey,
    queryFn: async () => (await data(postsApi.GET('/api/channels'))).items ?? [],
    select: forPosting ? withoutArchived : undefined,
  });
}

/** Channel names and descriptions come as "日本語 / English" from the server. */
export function channelName(channel: ChannelView | undefined, fallback = ''): string {
  return inLanguage(channel?.name) || channel?.slug || fallback;
}

export function channelDescription(channel: ChannelView | undefined): string {
  return inLanguage(channel?.description);
}
