import { useTranslation } from 'react-i18next';

interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "もっと見る" under a paged list (a TanStack infinite query); nothing when the last page is shown. */
export function LoadMoreButton({ pages, className = 'mt-4' }: { pages: Pages; className?: string }) {
  const { t } = useTranslation();
  if (!pages.hasNextPage) return null;
  return (
    <button
      type="button"
      className={`btn-secondary ${className}`}
      disabled={pages.isFetchingNextPage}
      onClick={() => void pages.fetchNextPage()}
    >
      {pages.isFetchingNextPage ? t('app.loading') : t('common.more')}
    </button>
  );
}
