import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatPeriod } from '../handover/dates';
import { emptyOrganization, OrganizationSuggestField, organizationOf, type OrganizationChoice } from '../handover/OrganizationSuggestField';
import { jobOf } from '../handover/PositionHistory';
import { usePastHolders, type PastHoldersQuery } from '../handover/queries';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { TextField } from '../../shared/ui/TextField';

/**
 * 以前の担当者を探す: "who handled this at this organization before" — members who held a position there that has
 * ended, with where they are now. The person who inherited a job finds whom to ask.
 */
export function PastHoldersSearch() {
  const { t } = useTranslation();
  const [organization, setOrganization] = useState<OrganizationChoice>(emptyOrganization);
  const [department, setDepartment] = useState('');
  const [query, setQuery] = useState<PastHoldersQuery | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = organizationOf(organization);
    if (!chosen.organization.trim() && !chosen.organizationCode) return;
    setQuery({ organization: chosen.organization.trim(), organizationCode: chosen.organizationCode, department: department.trim() || undefined });
  };
  return (
    <section aria-labelledby="past-holders-heading" className="mb-10">
      <h2 id="past-holders-heading" className="section-title mb-2">{t('members.pastHolders.heading')}</h2>
      <p className="mb-4 text-std-16N-170">{t('members.pastHolders.lead')}</p>
      <form onSubmit={submit} noValidate className="max-w-xl">
        <OrganizationSuggestField label={t('members.pastHolders.organization')} hint={t('members.pastHolders.organizationHint')}
          value={organization} onChange={setOrganization} required />
        <TextField label={t('members.pastHolders.department')} hint={t('members.pastHolders.departmentHint')}
          value={department} onChange={(event) => setDepartment(event.target.value)} />
        <button type="submit" className="btn-primary">{t('members.pastHolders.submit')}</button>
      </form>
      {query && <Results query={query} />}
    </section>
  );
}

function Results({ query }: { query: PastHoldersQuery }) {
  const { t } = useTranslation();
  const holders = usePastHolders(query, 20);
  const items = holders.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  if (holders.isPending) return <Loading />;
  if (holders.isError && items.length === 0) return <ErrorAlert error={holders.error} onRetry={() => void holders.refetch()} />;
  if (items.length === 0) return <p className="mt-4 text-std-16N-170">{t('members.pastHolders.none', { organization: query.organization })}</p>;
  return (
    <>
      <ul aria-label={t('members.pastHolders.list', { organization: query.organization })} className="mt-4 flex flex-col gap-3">
        {items.map((holder, index) => {
          const now = jobOf(holder.current);
          return (
            <li key={`${holder.memberId}-${holder.from ?? index}`} className="card">
              <p className="text-std-16B-170">
                <Link to={`/members/${holder.memberId}`}>{holder.displayName}</Link>
                {holder.handle && <span className="ml-2 text-dns-14N-130 text-solid-gray-800">@{holder.handle}</span>}
              </p>
              <p className="text-std-16N-170">{t('handover.pastHolders.then', { job: jobOf(holder), period: formatPeriod(holder.from, holder.to) })}</p>
              {now && <p className="text-std-16N-170">{t('handover.pastHolders.now', { job: now })}</p>}
            </li>
          );
        })}
      </ul>
      <LoadMoreButton pages={holders} />
    </>
  );
}
