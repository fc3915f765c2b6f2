import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { OwnProfile } from '../../api/generated/members';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { session } from '../../auth/session';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextArea } from '../../shared/ui/TextArea';
import { TextField } from '../../shared/ui/TextField';
import { loadLocalGov, resolveOrganization } from '../auth/localgov';
import { OrganizationFields } from '../auth/OrganizationFields';
import { LeaveSection } from './LeaveSection';
import { LogoutEverywhereSection } from './LogoutEverywhereSection';
import { profileKey } from '../members/profileKey';
import { parseInterests } from './interests';

export const ownProfileKey = ['members', 'me'] as const;

interface Form {
  displayName: string;
  prefecture: string;
  organization: string;
  department: string;
  bio: string;
  interests: string;
}

function fromProfile(profile: OwnProfile): Form {
  return {
    displayName: profile.displayName ?? '',
    prefecture: profile.prefecture ?? '',
    organization: profile.organization ?? '',
    department: profile.department ?? '',
    bio: profile.bio ?? '',
    interests: (profile.interests ?? []).join('、'),
  };
}

async function saveProfile(form: Form, before: OwnProfile) {
  const localGov = await loadLocalGov();
  const prefecture = localGov.prefectures.find((candidate) => candidate.name === form.prefecture);
  const organization = resolveOrganization(form.organization, prefecture);
  // an unchanged name keeps its code (it may come from another prefecture's list); a typed name clears it ("")
  const organizationCode =
    organization.organizationCode ?? (organization.organization === before.organization ? before.organizationCode ?? '' : '');
  return data(
    membersApi.PATCH('/api/members/me', {
      body: {
        displayName: form.displayName.trim(),
        prefecture: form.prefecture,
        organization: organization.organization,
        organizationCode,
        department: form.department.trim(),
        bio: form.bio,
        interests: parseInterests(form.interests),
      },
    }),
  );
}

export default function AccountSettingsPage() {
  const { t } = useTranslation();
  const profile = useQuery({
    queryKey: ownProfileKey,
    queryFn: () => data(membersApi.GET('/api/members/me')),
  });
  return (
    <div className="max-w-3xl">
      <PageTitle>{t('settings.account.title')}</PageTitle>
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <>
          <ProfileForm profile={profile.data} />
          <LogoutEverywhereSection />
          <LeaveSection />
        </>
      )}
    </div>
  );
}

function ProfileForm({ profile }: { profile: OwnProfile }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => fromProfile(profile));
  const set = (field: keyof Form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  const save = useMutation({
    mutationFn: (next: Form) => saveProfile(next, profile),
    onSuccess: (saved) => {
      queryClient.setQueryData(ownProfileKey, saved);
      if (saved.id) void queryClient.invalidateQueries({ queryKey: profileKey(saved.id) });
      // the header shows the name carried by the access token: a new token carries the new name
      if (saved.displayName !== profile.displayName) void session.refresh().catch(() => null);
      announce(t('common.saved'), { to: `/members/${profile.id}`, label: t('settings.account.viewProfile') });
    },
  });
  const error = save.error ? asApiError(save.error) : null;
  const interests = parseInterests(form.interests);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  return (
    <section aria-labelledby="profile-heading" className="mb-12">
      <h2 id="profile-heading" className="section-title mb-2">{t('settings.account.profileHeading')}</h2>
      <dl className="mb-6 grid gap-x-4 gap-y-1 text-std-16N-170 sm:grid-cols-[auto_1fr]">
        <dt className="font-bold">{t('settings.account.handle')}</dt>
        <dd>@{profile.handle}</dd>
        <dt className="font-bold">{t('settings.account.email')}</dt>
        <dd className="break-all">{profile.email}</dd>
      </dl>
      <ErrorAlert error={save.error} />
      <form noValidate onSubmit={submit}>
        <TextField label={t('settings.account.displayName')} autoComplete="name" required
          error={error?.fieldMessage('displayName')} value={form.displayName}
          onChange={(event) => set('displayName')(event.target.value)} />
        <OrganizationFields
          prefecture={form.prefecture}
          organization={form.organization}
          onPrefectureChange={set('prefecture')}
          onOrganizationChange={set('organization')}
          prefectureError={error?.fieldMessage('prefecture')}
          organizationError={error?.fieldMessage('organization') ?? error?.fieldMessage('organizationCode')}
          organizationRequired
        />
        <p className="-mt-3 mb-5 text-dns-14N-130 text-solid-gray-800">
          {t('settings.account.moveHint')} <Link to="/handover">{t('settings.account.moveLink')}</Link>
        </p>
        <TextField label={t('settings.account.department')} hint={t('settings.account.departmentHint')}
          error={error?.fieldMessage('department')} value={form.department}
          onChange={(event) => set('department')(event.target.value)} />
        <TextArea label={t('settings.account.bio')} hint={t('settings.account.bioHint')}
          error={error?.fieldMessage('bio')} value={form.bio}
          onChange={(event) => set('bio')(event.target.value)} />
        <TextField label={t('settings.account.interests')} hint={t('settings.account.interestsHint')}
          error={error?.fieldMessage('interests')} value={form.interests}
          onChange={(event) => set('interests')(event.target.value)} />
        {interests.length > 0 && (
          <ul aria-label={t('settings.account.interestsPreview')} className="-mt-3 mb-5 flex flex-wrap gap-2">
            {interests.map((interest) => (
              <li key={interest} className="rounded-full bg-blue-50 px-3 py-1 text-dns-14N-130 text-blue-1100">{interest}</li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary" disabled={save.isPending}>{t('common.save')}</button>
          <Link to={`/members/${profile.id}`}>{t('settings.account.viewProfile')}</Link>
        </div>
      </form>
    </section>
  );
}
