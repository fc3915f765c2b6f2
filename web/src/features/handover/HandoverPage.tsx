import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { GiveSection } from './GiveSection';
import { MoveSection } from './MoveSection';
import { useOwnHandovers, useOwnProfile } from './queries';
import { ReceivedHandover } from './ReceivedHandover';

/**
 * /handover: knowledge that outlives staff rotation (人事異動). As successor: the handovers received. As predecessor:
 * naming the successor, and recording the move itself.
 */
export default function HandoverPage() {
  const { t } = useTranslation();
  const profile = useOwnProfile();
  const handovers = useOwnHandovers();
  const received = handovers.data?.received ?? [];
  return (
    <div className="max-w-3xl">
      <PageTitle>{t('handover.title')}</PageTitle>
      <p className="mb-4 text-std-16N-170">{t('handover.lead')}</p>
      <nav aria-label={t('handover.sections')} className="mb-8">
        <ul className="flex flex-wrap gap-2">
          <li><a href="#handover-received-heading" className="btn-secondary">{t('handover.received.heading')}</a></li>
          <li><a href="#handover-give-heading" className="btn-secondary">{t('handover.give.heading')}</a></li>
          <li><a href="#handover-move-heading" className="btn-secondary">{t('handover.move.heading')}</a></li>
        </ul>
      </nav>
      {profile.isError || handovers.isError ? (
        <ErrorAlert error={profile.error ?? handovers.error} onRetry={() => {
          void profile.refetch();
          void handovers.refetch();
        }} />
      ) : profile.isPending || handovers.isPending ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby="handover-received-heading" className="mb-12">
            <h2 id="handover-received-heading" className="section-title mb-3">{t('handover.received.heading')}</h2>
            {received.length === 0 ? (
              <p className="text-std-16N-170">{t('handover.received.empty')}</p>
            ) : (
              received.map((handover) => <ReceivedHandover key={handover.id} handover={handover} />)
            )}
          </section>
          <GiveSection profile={profile.data} given={handovers.data.given ?? []} />
          <MoveSection profile={profile.data} />
        </>
      )}
    </div>
  );
}
