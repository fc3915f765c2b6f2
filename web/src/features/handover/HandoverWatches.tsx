import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { asApiError, inLanguage } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { takeOverWatches, type HandoverWatch } from './handoverApi';
import { StillArriving } from './HandoverThreads';
import { useHandoverWatches, watchesKey } from './queries';

/** 前任者のウォッチ: the posts and channels the predecessor watched, taken over in one go. */
export function HandoverWatches({ handoverId, headingId }: { handoverId: string; headingId: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const watches = useHandoverWatches(handoverId);
  const takeOver = useMutation({
    mutationFn: () => takeOverWatches(handoverId),
    onSuccess: (result) => {
      queryClient.setQueryData<HandoverWatch[]>(watchesKey(handoverId), (current) =>
        current?.map((watch) => (watch.mutedBySuccessor ? watch : { ...watch, alreadyWatchedBySuccessor: true })));
      void queryClient.invalidateQueries({ queryKey: watchesKey(handoverId) });
      announce(result.alreadyWatching > 0
        ? t('handover.watches.takenWithAlready', { count: result.copied, already: result.alreadyWatching })
        : t('handover.watches.taken', { count: result.copied }));
    },
  });

  const items = watches.data ?? [];
  const remaining = items.filter((watch) => !watch.alreadyWatchedBySuccessor && !watch.mutedBySuccessor).length;
  let content;
  if (watches.isPending) {
    content = <Loading />;
  } else if (watches.isError) {
    content = asApiError(watches.error).status === 404 ? (
      <StillArriving onReload={() => void watches.refetch()} reloading={watches.isFetching} />
    ) : (
      <ErrorAlert error={watches.error} onRetry={() => void watches.refetch()} />
    );
  } else if (items.length === 0) {
    content = <p className="text-std-16N-170">{t('handover.watches.empty')}</p>;
  } else {
    content = (
      <>
        <ul aria-labelledby={headingId} className="mb-4 flex flex-col gap-2">
          {items.map((watch) => (
            <WatchItem key={`${watch.target.type}:${watch.target.id}`} watch={watch} />
          ))}
        </ul>
        <ErrorAlert error={takeOver.error} />
        {remaining > 0 ? (
          <button type="button" className="btn-primary" disabled={takeOver.isPending} onClick={() => takeOver.mutate()}>
            {takeOver.isPending ? t('handover.watches.taking') : t('handover.watches.takeOver')}
          </button>
        ) : (
          <p className="text-std-16B-170">{t('handover.watches.allTaken')}</p>
        )}
      </>
    );
  }
  return (
    <div className="mb-8">
      <h3 id={headingId} className="mb-2 text-std-18B-160">{t('handover.watches.heading')}</h3>
      <p className="mb-3 text-std-16N-170">{t('handover.watches.lead')}</p>
      {content}
    </div>
  );
}

function WatchItem({ watch }: { watch: HandoverWatch }) {
  const { t } = useTranslation();
  const { type, id } = watch.target;
  const to = type === 'channel' ? `/channels/${encodeURIComponent(id)}` : `/posts/${encodeURIComponent(id)}`;
  const name = inLanguage(watch.title ?? undefined) || (type === 'channel' ? `#${id}` : t('handover.watches.untitled'));
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-8 border border-solid-gray-200 p-3">
      <span className="inline-block rounded-4 bg-solid-gray-100 px-2 text-dns-14N-130 leading-6 text-solid-gray-800">
        {t(type === 'channel' ? 'handover.watches.channel' : 'handover.watches.post')}
      </span>
      <Link to={to} className="text-std-16B-170">{name}</Link>
      {watch.mutedBySuccessor && !watch.alreadyWatchedBySuccessor && (
        <span className="text-dns-14N-130 text-solid-gray-800">{t('handover.watches.muted')}</span>
      )}
      {watch.alreadyWatchedBySuccessor && (
        <span className="text-dns-14B-130 text-green-1100">
          <span aria-hidden="true">✓ </span>
          {t('handover.watches.already')}
        </span>
      )}
    </li>
  );
}
