import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { data, membersApi } from '../../api/client';
import { fetchHandoverThreads, fetchHandoverWatches, type HandoverThread } from './handoverApi';

/** The own, editable profile: the same cache entry as the account settings (`ownProfileKey`) and the sessions page. */
export const ownProfileKey = ['members', 'me'] as const;
export const handoversKey = ['handovers'] as const;
export const ownHandoversKey = [...handoversKey, 'mine'] as const;
export const threadsKey = (handoverId: string) => [...handoversKey, handoverId, 'threads'] as const;
export const watchesKey = (handoverId: string) => [...handoversKey, handoverId, 'watches'] as const;

export function useOwnProfile() {
  return useQuery({ queryKey: ownProfileKey, queryFn: () => data(membersApi.GET('/api/members/me')) });
}

export function useOwnHandovers() {
  return useQuery({ queryKey: ownHandoversKey, queryFn: () => data(membersApi.GET('/api/members/me/handovers')) });
}

export function useHandoverThreads(handoverId: string, limit = 20) {
  return useInfiniteQuery({
    queryKey: [...threadsKey(handoverId), limit],
    queryFn: ({ pageParam }) => fetchHandoverThreads(handoverId, pageParam, limit),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useHandoverWatches(handoverId: string) {
  return useQuery({ queryKey: watchesKey(handoverId), queryFn: () => fetchHandoverWatches(handoverId) });
}

export interface PastHoldersQuery {
  organizationCode?: string;
  organization?: string;
  /** a part of the department's name, e.g. 子ども */
  department?: string;
}

export function usePastHolders({ organizationCode, organization, department }: PastHoldersQuery, limit = 10) {
  const query = { ...(organizationCode ? { organizationCode } : { organization }), ...(department ? { department } : {}) };
  return useInfiniteQuery({
    queryKey: ['members', 'past-holders', query, limit],
    queryFn: ({ pageParam }) =>
      data(membersApi.GET('/api/members/past-holders', { params: { query: { ...query, limit, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: !!(organizationCode || organization),
  });
}

/**
 * Open questions first, then the rest, each group in the service's order (most recent activity first). The service
 * already sends them so; sorting again keeps it so when later pages are joined to the first.
 */
export function openFirst(threads: HandoverThread[]): HandoverThread[] {
  return [...threads.filter((thread) => thread.open), ...threads.filter((thread) => !thread.open)];
}
