import { useQuery } from '@tanstack/react-query';
import { data, membersApi } from '../../api/client';

/** The codes of the towns like mine (same kind, nearby, with members), as members-service finds them. */
export function usePeerCodes(enabled: boolean) {
  return useQuery({
    queryKey: ['members', 'peers', 'codes'],
    queryFn: () => data(membersApi.GET('/api/members/peers', { params: { query: { limit: 50 } } })),
    enabled,
    staleTime: 5 * 60_000,
  });
}
