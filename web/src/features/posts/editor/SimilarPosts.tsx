import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../../api/client';
import { useDebounced } from './useDebounced';

/**
 * While a question is being written, posts that may already answer it: the platform exists so that a busy person
 * finds what a colleague elsewhere already learned. Shown only when there is something to show.
 */
export function SimilarPosts({ title }: { title: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const query = useDebounced(title.trim(), 400);
  const { data: hits } = useQuery({
    queryKey: ['search', 'similar', query],
    queryFn: async () => (await data(postsApi.GET('/api/search', { params: { query: { q: query, limit: 5 } } }))).items ?? [],
    enabled: query.length >= 2,
    staleTime: 60_000,
  });
  // one entry per post: several replies of one thread would crowd out other threads
  const posts = (hits ?? []).filter((hit, index, all) => all.findIndex((other) => other.postId === hit.postId) === index);
  if (query.length < 2 || posts.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="mb-5 rounded-8 border border-blue-300 bg-blue-50 p-4">
      <h2 id={headingId} className="text-std-16B-170">{t('posts.composer.similarTitle')}</h2>
      <p className="text-dns-14N-130 text-solid-gray-800">{t('posts.composer.similarHint')}</p>
      <ul className="mt-2 list-disc pl-6">
        {posts.map((hit) => (
          <li key={hit.postId}>
            <Link to={`/posts/${hit.postId}`} target="_blank" rel="noopener">
              {hit.title}
              <span className="sr-only">{t('posts.composer.opensInNewTab')}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
