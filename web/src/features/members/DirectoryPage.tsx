import { useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { PublicProfile } from '../../api/generated/members';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextField } from '../../shared/ui/TextField';
import { useLocalGov } from '../auth/localgov';
import { PrefectureSelect } from '../auth/OrganizationFields';
import { InterestLinks } from './InterestLinks';

const FILTERS = ['q', 'prefecture', 'organization', 'interest'] as const;
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
  const filters = filtersOf(params);
  const directory = useDirectory(filters);
  const listError = directory.error;
  const members = directory.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <div>
      <PageTitle>{t('members.directory.title')}</PageTitle>
      <p className="mb-4 text-std-16N-170">{t('members.directory.lead')}</p>
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
  const set = (name: keyof Filters) => (value: string) => setForm((current) => ({ ...current, [name]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(form);
  };
  const clear = () => {
    const empty = { q: '', prefecture: '', organization: '', interest: '' };
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
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn-primary">{t('members.directory.submit')}</button>
        <button type="button" className="btn-tertiary" onClick={clear}>{t('members.directory.clear')}</button>
      </div>
    </form>
  );
}

function MemberCard({ member }: { member: PublicProfile }) {
  const { t } = useTranslation();
  const where = [member.organization, member.department, member.prefecture].filter(Boolean).join(t('members.directory.placeSeparator'));
  return (
    <li className="card flex flex-col gap-2">
      <h3 className="text-std-18B-160">
        <Link to={`/members/${member.id}`}>{member.displayName ?? t('common.formerMember')}</Link>
      </h3>
      <p className="text-dns-14N-130 text-solid-gray-800">@{member.handle}</p>
      {where && <p className="text-std-16N-170">{where}</p>}
      {(member.interests ?? []).length > 0 && <InterestLinks interests={member.interests ?? []} limit={5} />}
    </li>
  );
}
