import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { DirectoryItem } from '../../api/generated/members';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { FieldFrame } from '../../shared/ui/FieldFrame';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextField } from '../../shared/ui/TextField';
import { useLocalGov } from '../auth/localgov';
import { PrefectureSelect } from '../auth/OrganizationFields';
import { PeerTowns } from '../peers/PeerTowns';
import { PastHoldersSearch } from './PastHoldersSearch';
import { InterestLinks } from './InterestLinks';

const FILTERS = ['q', 'prefecture', 'organization', 'interest', 'kind', 'near', 'withinKm'] as const;
/** The kinds of body the directory can filter on, as the API names them. */
const ORGANIZATION_KINDS = ['村', '町', '市', '特別区', '政令市', '都道府県', '国'] as const;
const DISTANCES = ['10', '30', '50', '100', '200'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE_SIZE = 20;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

function useDirectory(filters: Filters) {
  return useInfiniteQuery({
    queryKey: ['members', 'directory', filters],
    queryFn: ({ pageParam }) =>
      data(
        membersApi.GET('/api/members', {
          params: {
            query: {
              q: filters.q || undefined,
              prefecture: filters.prefecture || undefined,
              organization: filters.organization || undefined,
              interest: filters.interest || undefined,
              kind: filters.kind || undefined,
              near: filters.near || undefined,
              withinKm: filters.near && filters.withinKm ? Number(filters.withinKm) : undefined,
              limit: PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export default function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (params.get('view') === 'past') {
    return (
      <div>
        <PageTitle>{t('members.directory.title')}</PageTitle>
        <p className="mb-4 text-std-16N-170">{t('members.directory.lead')}</p>
        <ViewSwitch current="past" />
        <PastHoldersSearch />
      </div>
    );
  }
  if (params.get('view') === 'peers') {
    return (
      <div>
        <PageTitle>{t('members.directory.title')}</PageTitle>
        <p className="mb-4 text-std-16N-170">{t('members.directory.lead')}</p>
        <ViewSwitch current="peers" />
        <PeerTowns />
      </div>
    );
  }
  return <Directory params={params} setParams={setParams} />;
}

/** 一覧 / 近くの同じ種類の自治体 / 以前の担当者: views of the same page, as links (the current one marked for screen readers). */
function ViewSwitch({ current = 'all' }: { current?: 'all' | 'peers' | 'past' }) {
  const { t } = useTranslation();
  const views = [
    { id: 'all', to: '/members', label: t('members.directory.viewAll') },
    { id: 'peers', to: '/members?view=peers', label: t('peers.heading') },
    { id: 'past', to: '/members?view=past', label: t('members.pastHolders.view') },
  ] as const;
  return (
    <nav aria-label={t('members.directory.views')} className="mb-6">
      <ul className="flex flex-wrap gap-2">
        {views.map((view) => (
          <li key={view.id}>
            <Link to={view.to} aria-current={current === view.id ? 'page' : undefined}
              className={current === view.id ? 'btn-primary no-underline' : 'btn-secondary'}>{view.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Directory({ params, setParams }: { params: URLSearchParams; setParams: ReturnType<typeof useSearchParams>[1] }) {
  const { t } = useTranslation();
  const filters = filtersOf(params);
  const directory = useDirectory(filters);
  const listError = directory.error;
  const members = directory.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <div>
      <PageTitle>{t('members.directory.title')}</PageTitle>
      <p className="mb-4 text-std-16N-170">{t('members.directory.lead')}</p>
      <ViewSwitch />
      <SearchForm
        key={params.toString()}
        initial={filters}
        onSearch={(next) => setParams(Object.fromEntries(Object.entries(next).filter(([, value]) => value.trim())))}
      />
      {directory.isPending ? (
        <Loading />
      ) : directory.isError && members.length === 0 ? (
        <ErrorAlert error={listError} onRetry={() => void directory.refetch()} />
      ) : (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="section-title mb-3">{t('members.directory.results')}</h2>
          {members.length === 0 ? (
            <p className="text-std-16N-170">{t('members.directory.none')}</p>
          ) : (
            <ul aria-label={t('members.directory.listName')} className="grid gap-4 md:grid-cols-2">
              {members.map((member) => (
                <MemberCard key={member.id} member={member} />
              ))}
            </ul>
          )}
          {directory.isFetchNextPageError && <ErrorAlert error={listError} />}
          {directory.hasNextPage && (
            <button type="button" className="btn-secondary mt-4" disabled={directory.isFetchingNextPage}
              onClick={() => void directory.fetchNextPage()}>
              {directory.isFetchingNextPage ? t('app.loading') : t('common.more')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}

function SearchForm({ initial, onSearch }: { initial: Filters; onSearch: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(initial);
  const { data: localGov } = useLocalGov();
  // 近く is measured from the member's own organization: its code, from the own profile (cached as members/me)
  const me = useQuery({
    queryKey: ['members', 'me'],
    queryFn: () => data(membersApi.GET('/api/members/me')),
    staleTime: 5 * 60_000,
  });
  const myCode = me.data?.organizationCode || '';
  const set = (name: keyof Filters) => (value: string) => setForm((current) => ({ ...current, [name]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const near = form.withinKm ? form.near || myCode : '';
    onSearch({ ...form, near, withinKm: near ? form.withinKm : '' });
  };
  const clear = () => {
    const empty = { q: '', prefecture: '', organization: '', interest: '', kind: '', near: '', withinKm: '' };
    setForm(empty);
    onSearch(empty);
  };
  return (
    <form role="search" aria-label={t('members.directory.searchName')} onSubmit={submit} className="card mb-8">
      <div className="grid gap-x-4 md:grid-cols-2">
        <TextField label={t('members.directory.q')} type="search" hint={t('members.directory.qHint')}
          value={form.q} onChange={(event) => set('q')(event.target.value)} />
        <PrefectureSelect value={form.prefecture} prefectures={localGov?.prefectures ?? []} onChange={set('prefecture')}
          noneLabel={t('members.directory.anyPrefecture')} hint="" />
        <TextField label={t('members.fields.organization')} value={form.organization}
          onChange={(event) => set('organization')(event.target.value)} />
        <TextField label={t('members.fields.interests')} value={form.interest}
          onChange={(event) => set('interest')(event.target.value)} />
        <FieldFrame label={t('members.directory.kind')} hint={t('members.directory.kindHint')}>
          {(control) => (
            <select className="field-input" {...control} value={form.kind} onChange={(event) => set('kind')(event.target.value)}>
              <option value="">{t('members.directory.anyKind')}</option>
              {ORGANIZATION_KINDS.map((kind) => (
                <option key={kind} value={kind}>{t(`members.kinds.${kind}`)}</option>
              ))}
            </select>
          )}
        </FieldFrame>
        <FieldFrame
          label={t('members.directory.near')}
          hint={myCode || form.near
            ? t('members.directory.nearHint', { organization: me.data?.organization ?? '' })
            : me.isPending ? t('app.loading') : me.isError ? t('members.directory.nearFailed') : t('members.directory.nearUnavailable')}
        >
          {(control) => (
            <select className="field-input" {...control} value={form.withinKm} disabled={!myCode && !form.near}
              onChange={(event) => set('withinKm')(event.target.value)}>
              <option value="">{t('members.directory.anyDistance')}</option>
              {/* a distance from a link stays selectable even when it is not one of the usual ones */}
              {form.withinKm && !(DISTANCES as readonly string[]).includes(form.withinKm) && (
                <option value={form.withinKm}>{t('members.directory.withinKm', { km: form.withinKm })}</option>
              )}
              {DISTANCES.map((km) => (
                <option key={km} value={km}>{t('members.directory.withinKm', { km })}</option>
              ))}
            </select>
          )}
        </FieldFrame>
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn-primary">{t('members.directory.submit')}</button>
        <button type="button" className="btn-tertiary" onClick={clear}>{t('members.directory.clear')}</button>
      </div>
    </form>
  );
}

function MemberCard({ member }: { member: DirectoryItem }) {
  const { t } = useTranslation();
  const where = [member.organization, member.department, member.prefecture].filter(Boolean).join(t('members.directory.placeSeparator'));
  const distance = typeof member.distanceKm === 'number' ? Math.round(member.distanceKm) : null;
  return (
    <li className="card flex flex-col gap-2">
      <h3 className="text-std-18B-160">
        <Link to={`/members/${member.id}`}>{member.displayName ?? t('common.formerMember')}</Link>
      </h3>
      <p className="text-dns-14N-130 text-solid-gray-800">@{member.handle}</p>
      {where && <p className="text-std-16N-170">{where}</p>}
      {distance !== null && (
        <p className="text-dns-14N-130 text-solid-gray-800">{t('members.directory.distance', { km: distance })}</p>
      )}
      {(member.interests ?? []).length > 0 && <InterestLinks interests={member.interests ?? []} limit={5} />}
    </li>
  );
}
