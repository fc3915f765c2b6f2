import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PositionView } from '../../api/generated/members';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { formatPeriod } from './dates';
import { jobOf } from './PositionHistory';
import { usePastHolders } from './queries';

/** この所属の前任者たち: members who worked at the organization before and have moved on, with where they are now. */
export function PastHolders({ position, headingId }: { position: PositionView | undefined; headingId: string }) {
  const { t } = useTranslation();
  const organization = position?.organization ?? '';
  const holders = usePastHolders({ organizationCode: position?.organizationCode, organization });
  const items = holders.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  let content;
  if (!organization && !position?.organizationCode) {
    content = null;
  } else if (holders.isPending) {
    content = <Loading />;
  } else if (holders.isError && items.length === 0) {
    content = <ErrorAlert error={holders.error} onRetry={() => void holders.refetch()} />;
  } else if (items.length === 0) {
    content = <p className="text-std-16N-170">{t('handover.pastHolders.empty', { organization })}</p>;
  } else {
    content = (
      <>
        <ul aria-labelledby={headingId} className="flex flex-col gap-2">
          {items.map((holder, index) => {
            const now = jobOf(holder.current);
            return (
              <li key={`${holder.memberId}-${holder.from ?? index}`} className="rounded-8 border border-solid-gray-200 p-3">
                <p className="text-std-16B-170">
                  {holder.memberId ? <Link to={`/members/${holder.memberId}`}>{holder.displayName}</Link> : holder.displayName}
                  {holder.handle && <span className="ml-2 text-dns-14N-130 text-solid-gray-800">@{holder.handle}</span>}
                </p>
                <p className="text-std-16N-170">
                  {t('handover.pastHolders.then', { job: jobOf(holder), period: formatPeriod(holder.from, holder.to) })}
                </p>
                {now && <p className="text-std-16N-170">{t('handover.pastHolders.now', { job: now })}</p>}
              </li>
            );
          })}
        </ul>
        <LoadMoreButton pages={holders} />
      </>
    );
  }
  return (
    <div className="mb-8">
      <h3 id={headingId} className="mb-2 text-std-18B-160">{t('handover.pastHolders.heading')}</h3>
      <p className="mb-3 text-std-16N-170">{t('handover.pastHolders.lead', { organization })}</p>
      {content}
    </div>
  );
}
