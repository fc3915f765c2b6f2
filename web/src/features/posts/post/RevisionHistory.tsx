import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../../api/client';
import { formatDateTime } from '../../../shared/format';
import { Markdown } from '../../../shared/Markdown';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { Loading } from '../../../shared/ui/Loading';
import { revisionsKey } from './queries';

/** 編集履歴: every version of the post, loaded only when someone opens it. */
export function RevisionHistory({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const revisions = useQuery({
    queryKey: revisionsKey(postId),
    queryFn: () => data(postsApi.GET('/api/posts/{id}/revisions', { params: { path: { id: postId } } })),
    enabled: open,
  });
  const items = [...(revisions.data?.items ?? [])].sort((a, b) => (b.number ?? 0) - (a.number ?? 0));
  return (
    <details className="my-4" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="btn-tertiary inline-flex cursor-pointer">{t('posts.revisions.title')}</summary>
      <div className="mt-2">
        {revisions.isPending && open && <Loading />}
        <ErrorAlert error={revisions.error} />
        {revisions.isSuccess && items.length <= 1 && <p>{t('posts.revisions.none')}</p>}
        {items.length > 1 && (
          <ol className="flex flex-col gap-3">
            {items.map((revision) => (
              <li key={revision.number} className="rounded-8 border border-solid-gray-300 p-3">
                <p className="text-std-16B-170">
                  {t('posts.revisions.number', { number: revision.number })}
                  {revision.current && <span>{t('posts.revisions.current')}</span>}
                  <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{formatDateTime(revision.writtenAt)}</span>
                </p>
                <p className="text-std-16B-170">{revision.title}</p>
                <Markdown source={revision.body ?? ''} />
              </li>
            ))}
          </ol>
        )}
      </div>
    </details>
  );
}
