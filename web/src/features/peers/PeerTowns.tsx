import { useId, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { PeerTown } from '../../api/generated/members';
import { inLanguage } from '../../api/problem';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { FieldFrame } from '../../shared/ui/FieldFrame';
import { Loading } from '../../shared/ui/Loading';
import { PeerSolvedQuestions } from './PeerSolvedQuestions';

const DISTANCES = [50, 100, 150, 300, 500] as const;
const DEFAULT_KM = 150;
const TOWNS = 20;
const MEMBERS_SHOWN = 5;

export const peersKey = (withinKm: number) => ['members', 'peers', withinKm, TOWNS] as const;

function usePeerTowns(withinKm: number) {
  return useQuery({
    queryKey: peersKey(withinKm),
    queryFn: () => data(membersApi.GET('/api/members/peers', { params: { query: { withinKm, limit: TOWNS } } })),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/**
 * 近くの同じ種類の自治体 ("towns like mine"): municipalities of the member's kind (a 町 finds 町) near their own,
 * nearest first, each with up to five members. A member whose organization has no code is told why there is nothing.
 */
export function PeerTowns() {
  const { t } = useTranslation();
  const [withinKm, setWithinKm] = useState<number>(DEFAULT_KM);
  const peers = usePeerTowns(withinKm);
  const towns = [...(peers.data?.items ?? [])].sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0));
  const reason = inLanguage(peers.data?.reason);

  let content;
  if (peers.isPending) {
    content = <Loading />;
  } else if (peers.isError) {
    content = <ErrorAlert error={peers.error} onRetry={() => void peers.refetch()} />;
  } else if (reason) {
    content = (
      <div className="rounded-8 border border-blue-300 bg-blue-50 p-4">
        <p className="mb-2 text-std-16N-170">{reason}</p>
        <p className="text-std-16N-170">
          {t('peers.noCodeHelp')} <Link to="/settings/account">{t('peers.settingsLink')}</Link>
        </p>
      </div>
    );
  } else if (towns.length === 0) {
    content = <p className="text-std-16N-170">{t('peers.empty', { km: peers.data.withinKm ?? withinKm })}</p>;
  } else {
    content = (
      <ul aria-labelledby="peers-heading" className="grid gap-4 md:grid-cols-2" aria-busy={peers.isFetching}>
        {towns.map((town) => <TownCard key={town.organizationCode ?? town.name} town={town} />)}
      </ul>
    );
  }

  return (
    <>
    <section aria-labelledby="peers-heading" className="mb-10">
      <h2 id="peers-heading" className="section-title mb-2">{t('peers.heading')}</h2>
      <p className="mb-4 text-std-16N-170">
        {peers.data?.kind && !reason ? t('peers.leadWithKind', { kind: t(`members.kinds.${peers.data.kind}`, peers.data.kind) }) : t('peers.lead')}
      </p>
      {!reason && (
        <div className="max-w-xs">
          <FieldFrame label={t('peers.distance')}>
            {(control) => (
              <select className="field-input" {...control} value={withinKm} onChange={(event) => setWithinKm(Number(event.target.value))}>
                {DISTANCES.map((km) => (
                  <option key={km} value={km}>{t('peers.withinKm', { km })}</option>
                ))}
              </select>
            )}
          </FieldFrame>
        </div>
      )}
      {content}
    </section>
    {!reason && <PeerSolvedQuestions codes={peers.data?.peerCodes ?? []} />}
    </>
  );
}

function TownCard({ town }: { town: PeerTown }) {
  const { t } = useTranslation();
  const id = useId();
  const members = (town.members ?? []).slice(0, MEMBERS_SHOWN);
  const name = [town.prefecture, town.name].filter(Boolean).join(' ');
  return (
    <li className="card">
      <h3 id={id} className="text-std-18B-160">{name}</h3>
      <p className="mb-2 text-dns-14N-130 text-solid-gray-800">
        {t('peers.distanceKm', { km: Math.round(town.distanceKm ?? 0) })}
        {town.kind && <>{t('peers.separator')}{t(`members.kinds.${town.kind}`, town.kind)}</>}
      </p>
      {members.length === 0 ? (
        <p className="text-std-16N-170">{t('peers.noMembers')}</p>
      ) : (
        <ul aria-labelledby={id} className="flex flex-col gap-1">
          {members.map((member) => (
            <li key={member.memberId}>
              <Link to={`/members/${member.memberId}`}>{member.displayName}</Link>
              {member.department && <span className="ml-2 text-dns-14N-130 text-solid-gray-800">{member.department}</span>}
            </li>
          ))}
        </ul>
      )}
      {town.organizationCode && (
        <p className="mt-2">
          <Link to={`/members?organization=${encodeURIComponent(town.name ?? '')}`} className="text-dns-14N-130">
            {t('peers.allMembers', { town: town.name })}
          </Link>
        </p>
      )}
    </li>
  );
}
