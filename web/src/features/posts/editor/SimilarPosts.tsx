import { useId } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../../api/client';
import { KindBadge } from '../KindBadge';
import { SolvedBadge } from '../SolvedBadge';
import { useDebounced } from './useDebounced';

/** Short enough that the list follows a pause in typing within 300 ms, the search itself taking ~20 ms. */
const PAUSE_MS = 200;

/**
 * While a question is being written, posts that may already answer it (solved ones first): the platform exists so
 * that a busy person finds what a colleague elsewhere already learned. A more-like-this search over the title and
 * the body; shown only when there is something to show. POST, since a long body does not fit in a URL.
 */
export function SimilarPosts({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  // one string, so that the debounced value only changes when the text does
  const [settledTitle = '', settledBody = ''] = useDebounced(`${title.trim()}\u0000${body.trim()}`, PAUSE_MS).split('\u0000');
  const text = { title: settledTitle, body: settledBody };
  const enough = text.title.length + text.body.length >= 2;
  const { data: similar } = useQuery({
    queryKey: ['posts', 'similar', text.title, text.body],
    queryFn: async () => (await data(postsApi.POST('/api/posts/similar', {
      body: { title: text.title, body: text.body, limit: 5 },
    }))).items ?? [],
    enabled: enough,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  if (!enough || !similar || similar.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="mb-5 rounded-8 border border-blue-300 bg-blue-50 p-4">
      <h2 id={headingId} className="text-std-16B-170">{t('posts.composer.similarTitle')}</h2>
      <p className="text-dns-14N-130 text-solid-gray-800">{t('posts.composer.similarHint')}</p>
      <ul className="mt-2 flex flex-col gap-3">
        {similar.map((post) => (
          <li key={post.postId}>
            <p className="flex flex-wrap items-center gap-2">
              <KindBadge kind={post.kind} />
              {post.solved && <SolvedBadge />}
              <Link to={`/posts/${post.postId}`} target="_blank" rel="noopener" className="text-std-16B-170">
                {post.title}
                <span className="sr-only">{t('posts.composer.opensInNewTab')}</span>
              </Link>
            </p>
            {post.excerpt && <p className="mt-1 text-dns-14N-130 text-solid-gray-800">{post.excerpt}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
