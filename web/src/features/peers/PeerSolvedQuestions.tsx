import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { TextField } from '../../shared/ui/TextField';
import { PostCard } from '../posts/PostCard';
import { SolvedBadge } from '../posts/SolvedBadge';
import { highlightSnippet } from '../search/highlight';

const SHOWN = 10;

/**
 * Questions solved in towns like mine: asked there, or answered from there with the answer chosen. With a keyword,
 * a search among them ("who solved the same problem"); without one, the newest.
 */
export function PeerSolvedQuestions({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const organizationCodes = codes.slice(0, 50).join(',');
  const latest = useQuery({
    queryKey: ['posts', 'peers', 'solved', organizationCodes],
    queryFn: () => data(postsApi.GET('/api/posts', {
      params: { query: { organizationCodes, kind: 'QUESTION', solved: true, limit: SHOWN } },
    })),
    enabled: codes.length > 0 && !q,
    placeholderData: keepPreviousData,
  });
  const found = useQuery({
    queryKey: ['search', 'peers', organizationCodes, q],
    queryFn: () => data(postsApi.GET('/api/search', {
      params: { query: { q, organizationCodes, solved: true, limit: SHOWN } },
    })),
    enabled: codes.length > 0 && !!q,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim());
  };
  if (codes.length === 0) return null;
  const active = q ? found : latest;
  return (
    <section aria-labelledby="peer-solved-heading" className="mb-10">
      <h2 id="peer-solved-heading" className="section-title mb-2">{t('peers.solvedHeading')}</h2>
      <p className="mb-4 text-std-16N-170">{t('peers.solvedLead')}</p>
      <form role="search" aria-label={t('peers.solvedSearch')} onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-3">
        <div className="w-full max-w-md">
          <TextField label={t('peers.keyword')} hint={t('peers.keywordHint')} type="search" value={typed}
            onChange={(event) => setTyped(event.target.value)} />
        </div>
        <button type="submit" className="btn-secondary mb-5">{t('peers.searchButton')}</button>
      </form>
      {active.isPending ? (
        <Loading />
      ) : active.isError ? (
        <ErrorAlert error={active.error} onRetry={() => void active.refetch()} />
      ) : q ? (
        (found.data?.items ?? []).length === 0 ? <p className="text-std-16N-170">{t('peers.solvedNone')}</p> : (
          <ul aria-labelledby="peer-solved-heading" className="flex flex-col gap-3">
            {found.data?.items?.filter((hit, index, all) => all.findIndex((other) => other.postId === hit.postId) === index)
              .map((hit) => (
                <li key={hit.postId} className="card">
                  <p className="mb-1"><SolvedBadge /></p>
                  <Link to={`/posts/${hit.postId}`} className="text-std-18B-160">{hit.title}</Link>
                  {hit.snippet && <p className="mt-1 text-std-16N-170 text-solid-gray-800">{highlightSnippet(hit.snippet)}</p>}
                </li>
              ))}
          </ul>
        )
      ) : (latest.data?.items ?? []).length === 0 ? (
        <p className="text-std-16N-170">{t('peers.solvedNone')}</p>
      ) : (
        <ul aria-labelledby="peer-solved-heading" className="flex flex-col gap-3">
          {latest.data?.items?.map((post) => <li key={post.id}><PostCard post={post} /></li>)}
        </ul>
      )}
    </section>
  );
}
