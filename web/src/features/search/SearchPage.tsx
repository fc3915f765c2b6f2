import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import type { SearchHit } from '../../api/generated/posts';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { channelName, useChannels } from '../posts/channels';
import { isPostKind, MODERATOR_KINDS } from '../posts/kinds';
import { SolvedBadge } from '../posts/SolvedBadge';
import { SolvedFilter } from '../posts/SolvedFilter';
import { highlightSnippet } from './highlight';
import { inLanguage } from '../../api/problem';
import { usePeerCodes } from './usePeerCodes';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';

export default function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const channel = params.get('channel') ?? '';
  const kindParam = params.get('kind');
  const kind = isPostKind(kindParam) ? kindParam : undefined;
  const solvedParam = params.get('solved');
  const solved = solvedParam === 'true' ? true : solvedParam === 'false' ? false : undefined;
  const channels = useChannels();
  const nearby = params.get('towns') === 'peers';
  const peers = usePeerCodes(nearby);
  const organizationCodes = nearby ? (peers.data?.peerCodes ?? []).join(',') : '';

  const results = useInfiniteQuery({
    queryKey: ['search', q, channel, kind ?? '', solvedParam ?? '', organizationCodes],
    queryFn: ({ pageParam }) =>
      data(postsApi.GET('/api/search', {
        params: { query: { q, channel: channel || undefined, kind, solved, organizationCodes: organizationCodes || undefined, limit: 20, cursor: pageParam } },
      })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // towns like mine: once the codes of those towns are known (none known: nothing to search among)
    enabled: q.length > 0 && (!nearby || organizationCodes.length > 0),
  });

  const setFilter = (name: 'channel' | 'kind' | 'solved' | 'towns', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  const hits = results.data?.pages.flatMap((page) => page.items ?? []) ?? [];

  return (
    <>
      <PageTitle>{q ? t('search.titleFor', { q }) : t('search.title')}</PageTitle>
      {!q ? (
        <p>{t('search.prompt')}</p>
      ) : (
        <>
          <form role="group" aria-label={t('search.filters')} className="mb-6 flex flex-wrap gap-4" onSubmit={(event) => event.preventDefault()}>
            <div>
              <label htmlFor="search-channel" className="field-label">{t('search.channel')}</label>
              <select id="search-channel" className="field-input" value={channel} onChange={(event) => setFilter('channel', event.target.value)}>
                <option value="">{t('search.allChannels')}</option>
                {channels.data?.map((option) => (
                  <option key={option.slug} value={option.slug}>{channelName(option)}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="search-kind" className="field-label">{t('search.kind')}</label>
              <select id="search-kind" className="field-input" value={kind ?? ''} onChange={(event) => setFilter('kind', event.target.value)}>
                <option value="">{t('search.allKinds')}</option>
                {MODERATOR_KINDS.map((option) => (
                  <option key={option} value={option}>{t(`kinds.${option}`)}</option>
                ))}
              </select>
            </div>
            <SolvedFilter id="search-solved" value={solvedParam ?? ''} onChange={(value) => setFilter('solved', value)} />
            <div className="flex items-end">
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" className="size-5" checked={nearby}
                  onChange={(event) => setFilter('towns', event.target.checked ? 'peers' : '')} />
                {t('search.nearbyTowns')}
              </label>
            </div>
          </form>
          {nearby && peers.isSuccess && (peers.data.peerCodes ?? []).length === 0 && (
            <p className="mb-4 rounded-8 border border-blue-300 bg-blue-50 p-3 text-std-16N-170">
              {inLanguage(peers.data.reason) || t('search.noNearbyTowns')}
            </p>
          )}
          <ErrorAlert error={peers.error} />

          {results.isPending && <Loading />}
          <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
          {results.isSuccess && (
            <p className="mb-4" aria-live="polite">
              {hits.length === 0
                ? t('search.empty', { q })
                : results.hasNextPage
                  ? t('search.countMore', { count: hits.length })
                  : t('search.count', { count: hits.length })}
            </p>
          )}
          {hits.length > 0 && (
            <ol className="flex flex-col gap-3">
              {hits.map((hit) => (
                <li key={`${hit.postId}-${hit.replyId ?? ''}`}><SearchResult hit={hit} /></li>
              ))}
            </ol>
          )}
          <LoadMoreButton pages={results} className="mt-4" />
        </>
      )}
    </>
  );
}

function SearchResult({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const to = hit.replyId ? `/posts/${hit.postId}#reply-${hit.replyId}` : `/posts/${hit.postId}`;
  return (
    <article className="card">
      {(hit.solved || hit.outdated || hit.mayBeOutdated) && (
        <p className="mb-1 flex flex-wrap gap-2">
          {hit.solved && <SolvedBadge />}
          {hit.outdated && (
            <span className="rounded-4 border border-warning-orange-1 bg-yellow-50 px-2 text-dns-14B-130 leading-6">
              {t('posts.outdated.searchFlagged')}
            </span>
          )}
          {!hit.outdated && hit.mayBeOutdated && (
            <span className="rounded-4 border border-solid-gray-420 px-2 text-dns-14N-130 leading-6">{t('posts.outdated.searchMayBe')}</span>
          )}
        </p>
      )}
      <h2 className="text-std-18B-160">
        <Link to={to}>
          {hit.replyId ? t('search.replyTo', { title: hit.title }) : hit.title}
        </Link>
      </h2>
      <p className="mt-1 text-std-16N-170 text-solid-gray-800">{highlightSnippet(hit.snippet)}</p>
    </article>
  );
}
