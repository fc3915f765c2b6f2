import { useQuery } from '@tanstack/react-query';
import { data, postsApi } from '../../api/client';
import type { ChannelView } from '../../api/generated/posts';
import { inLanguage } from '../../api/problem';

export const channelsKey = ['channels'] as const;

/** Every channel with its post count; the composer, the home page and the channel feed share this one answer. */
export function useChannels() {
  return useQuery({
    queryKey: channelsKey,
    queryFn: async () => (await data(postsApi.GET('/api/channels'))).items ?? [],
  });
}

/** Channel names and descriptions come as "日本語 / English" from the server. */
export function channelName(channel: ChannelView | undefined, fallback = ''): string {
  return inLanguage(channel?.name) || channel?.slug || fallback;
}

export function channelDescription(channel: ChannelView | undefined): string {
  return inLanguage(channel?.description);
}
