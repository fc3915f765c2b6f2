import { useState, type MouseEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { Cohort as FunnelCohort, FunnelReport as FunnelView, Group as FunnelGroup } from '../../api/generated/members';
import { useAnnounce } from '../../app/Announcer';
import i18n from '../../i18n';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { FunnelChart, groupLabel, share } from './FunnelChart';
import { count, defaultPeriod, downloadFunnelCsv, funnelCsvUrl, funnelKey, GROUP_BYS, STAGES, type FunnelQuery, type GroupBy } from './funnel';
import { ScrollableTable } from '../../shared/ui/ScrollableTable';

/** Registered → verified → introduced → asked or proposed → replied to others → received a reply, for a period. */
export function ActivationFunnel() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<FunnelQuery>(() => ({ ...defaultPeriod(), groupBy: 'none' }));
  const funnel = useQuery({
    queryKey: [...funnelKey, query],
    queryFn: () => data(membersApi.GET('/api/members/funnel', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  // a date input is empty while someone is still typing a date: keep the last whole one
  const setDate = (field: 'from' | 'to', value: string) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setQuery((current) => ({ ...current, [field]: value }));
  };
  return (
    <>
      <p className="mb-4 text-std-16N-170">{t('console.funnel.lead')}</p>
      <div className="mb-4 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="console-funnel-from" className="field-label">{t('console.funnel.from')}</label>
          <input id="console-funnel-from" type="date" className="field-input" defaultValue={query.from} max={query.to}
            onChange={(event) => setDate('from', event.target.value)} />
        </div>
        <div>
          <label htmlFor="console-funnel-to" className="field-label">{t('console.funnel.to')}</label>
          <input id="console-funnel-to" type="date" className="field-input" defaultValue={query.to} min={query.from}
            onChange={(event) => setDate('to', event.target.value)} />
        </div>
        <div>
          <label htmlFor="console-funnel-group" className="field-label">{t('console.funnel.groupBy')}</label>
          <select id="console-funnel-group" className="field-input" value={query.groupBy}
            onChange={(event) => setQuery((current) => ({ ...current, groupBy: event.target.value as GroupBy }))}>
            {GROUP_BYS.map((option) => <option key={option} value={option}>{t(`console.funnel.groupBys.${option}`)}</option>)}
          </select>
        </div>
      </div>
      <CsvDownload query={query} />
      {funnel.isPending ? (
        <Loading />
      ) : funnel.isError ? (
        <ErrorAlert error={funnel.error} onRetry={() => void funnel.refetch()} />
      ) : (
        <FunnelResult funnel={funnel.data} query={query} />
      )}
    </>
  );
}

function CsvDownload({ query }: { query: FunnelQuery }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const download = useMutation({
    mutationFn: () => downloadFunnelCsv(query),
    onSuccess: (filename) => announce(t('console.funnel.downloaded', { filename })),
  });
  const start = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (!download.isPending) download.mutate();
  };
  return (
    <div className="mb-6">
      <a href={funnelCsvUrl(query)} download className="btn-secondary" aria-describedby="console-funnel-csv-hint" onClick={start}>
        {t('console.funnel.csv')}
      </a>
      <p id="console-funnel-csv-hint" className="mt-1 text-dns-14N-130 text-solid-gray-700">{t('console.funnel.csvHint')}</p>
      <ErrorAlert error={download.error} />
    </div>
  );
}

function FunnelResult({ funnel, query }: { funnel: FunnelView; query: FunnelQuery }) {
  const { t } = useTranslation();
  const groups = funnel.groups ?? [];
  const from = funnel.from ?? query.from;
  const to = funnel.to ?? query.to;
  if (groups.length === 0 || groups.every((group) => count(group.counts, 'registered') === 0)) {
    return <p className="text-std-16N-170">{t('console.funnel.empty')}</p>;
  }
  return (
    <>
      <KeyFigures funnel={funnel} />
      <FunnelChart groups={groups} from={from} to={to} />
      <GroupsTable groups={groups} />
      <CohortsTable cohorts={funnel.cohorts ?? []} />
    </>
  );
}

function hoursText(hours: number): string {
  const format = (value: number) =>
    new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'ja', { maximumFractionDigits: 1 }).format(value);
  return hours >= 48 ? i18n.t('console.funnel.days', { count: hours / 24, value: format(hours / 24) })
    : i18n.t('console.funnel.hours', { count: hours, value: format(hours) });
}

function KeyFigures({ funnel }: { funnel: FunnelView }) {
  const { t } = useTranslation();
  const median = funnel.medianHoursToFirstPost;
  const nudged = funnel.nudges?.nudged ?? 0;
  const posted = funnel.nudges?.postedAfterNudge ?? 0;
  return (
    <dl className="mb-6 grid gap-4 sm:grid-cols-2">
      <div className="card">
        <dt className="text-std-16B-170">{t('console.funnel.median')}</dt>
        <dd className="text-std-20B-160">{median === null || median === undefined ? t('console.funnel.medianNone') : hoursText(median)}</dd>
      </div>
      <div className="card">
        <dt className="text-std-16B-170">{t('console.funnel.nudges')}</dt>
        <dd className="text-std-20B-160">
          {nudged === 0 ? t('console.funnel.nudgesNone') : t('console.funnel.nudgesResult', { nudged, posted, share: share(posted, nudged) })}
        </dd>
      </div>
    </dl>
  );
}

function StageHeaders({ first }: { first: string }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr className="border-b-2 border-solid-gray-800">
        <th scope="col" className="p-2">{first}</th>
        {STAGES.map((stage) => <th key={stage} scope="col" className="p-2 text-right">{t(`console.funnel.stages.${stage}`)}</th>)}
      </tr>
    </thead>
  );
}

function GroupsTable({ groups }: { groups: FunnelGroup[] }) {
  const { t } = useTranslation();
  return (
    <ScrollableTable label={t('console.funnel.tableCaption')} className="mb-6">
      <table className="w-full border-collapse text-left text-dns-14N-130">
        <caption className="mb-2 text-left text-std-16B-170">{t('console.funnel.tableCaption')}</caption>
        <StageHeaders first={t('console.funnel.group')} />
        <tbody>
          {groups.map((group, index) => {
            const registered = count(group.counts, 'registered');
            return (
              <tr key={group.key ?? index} className="border-b border-solid-gray-200">
                <th scope="row" className="p-2 font-normal">{groupLabel(group)}</th>
                {STAGES.map((stage) => (
                  <td key={stage} className="whitespace-nowrap p-2 text-right">
                    {count(group.counts, stage)}
                    {stage !== 'registered' && <span className="ml-1 text-solid-gray-700">（{share(count(group.counts, stage), registered)}）</span>}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

function CohortsTable({ cohorts }: { cohorts: FunnelCohort[] }) {
  const { t } = useTranslation();
  if (cohorts.length === 0) return null;
  return (
    <ScrollableTable label={t('console.funnel.cohortsCaption')}>
      <table className="w-full border-collapse text-left text-dns-14N-130">
        <caption className="mb-2 text-left text-std-16B-170">{t('console.funnel.cohortsCaption')}</caption>
        <StageHeaders first={t('console.funnel.week')} />
        <tbody>
          {cohorts.map((cohort, index) => (
            <tr key={cohort.weekStart ?? index} className="border-b border-solid-gray-200">
              <th scope="row" className="whitespace-nowrap p-2 font-normal">{t('console.funnel.weekOf', { date: cohort.weekStart ?? '' })}</th>
              {STAGES.map((stage) => <td key={stage} className="p-2 text-right">{count(cohort.counts, stage)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
