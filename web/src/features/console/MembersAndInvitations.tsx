import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, done, membersApi } from '../../api/client';
import type { InvitationView, PublicProfile } from '../../api/generated/members';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { useAuth } from '../../auth/AuthProvider';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { TextArea } from '../../shared/ui/TextArea';
import { TextField } from '../../shared/ui/TextField';

export function MembersAndInvitations() {
  return (
    <>
      <InvitationForm />
      <InvitationsList />
      <RoleEditor />
    </>
  );
}

const invitationsKey = ['console', 'invitations'] as const;

export function invitationLink(code: string): string {
  return `${window.location.origin}/register?invitation=${encodeURIComponent(code)}`;
}

function InvitationForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');
  const [copyFailed, setCopyFailed] = useState(false);
  const invite = useMutation({
    mutationFn: () =>
      data(membersApi.POST('/api/members/invitations', {
        body: { email: email.trim() || undefined, note: note.trim() || undefined },
      })),
    onSuccess: () => {
      setCopyFailed(false);
      announce(t('console.members.invited'));
      void queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
  });
  const problem = invite.error ? asApiError(invite.error) : null;
  const code = invite.data?.invitationCode;
  const link = code ? invitationLink(code) : '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!invite.isPending) invite.mutate();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopyFailed(false);
      announce(t('console.members.copied'));
    } catch {
      setCopyFailed(true);
    }
  };
  return (
    <div className="card mb-6 max-w-2xl">
      <h3 className="mb-2 text-std-18B-160">{t('console.members.inviteHeading')}</h3>
      <p className="mb-4 text-std-16N-170">{t('console.members.inviteLead')}</p>
      <form noValidate onSubmit={submit}>
        <TextField label={t('console.members.email')} hint={t('console.members.emailHint')} type="email" autoComplete="off"
          value={email} onChange={(event) => setEmail(event.target.value)} error={problem?.fieldMessage('email')} />
        <TextArea label={t('console.members.note')} hint={t('console.members.noteHint')} maxLength={500} rows={3}
          value={note} onChange={(event) => setNote(event.target.value)} error={problem?.fieldMessage('note')} />
        <ErrorAlert error={invite.error} />
        <button type="submit" className="btn-primary" disabled={invite.isPending}>{t('console.members.invite')}</button>
      </form>
      {code && (
        <div className="mt-4 rounded-8 border border-success-2 bg-green-50 p-4">
          <p className="text-std-16N-170">
            {t('console.members.code')}: <code className="text-std-16B-170">{code}</code>
          </p>
          <p className="text-dns-14N-130 text-solid-gray-800">
            {t('console.members.expires', { time: formatDateTime(invite.data?.expiresAt) })}
          </p>
          <TextField label={t('console.members.link')} readOnly value={link} onFocus={(event) => event.target.select()} />
          <button type="button" className="btn-secondary" onClick={() => void copy()}>{t('console.members.copy')}</button>
          {copyFailed && <p role="alert" className="field-error">{t('console.members.copyFailed')}</p>}
        </div>
      )}
    </div>
  );
}

const STATUSES = ['OPEN', 'USED', 'EXPIRED', 'REVOKED'] as const;

/** Issued invitations, newest first; an open one can be revoked (the code itself is never shown again). */
function InvitationsList() {
  const { t } = useTranslation();
  const invitations = useInfiniteQuery({
    queryKey: invitationsKey,
    queryFn: ({ pageParam }) =>
      data(membersApi.GET('/api/members/invitations', { params: { query: { limit: 20, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = invitations.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <section aria-labelledby="console-invitations" className="mb-8 max-w-2xl">
      <h3 id="console-invitations" className="mb-2 text-std-18B-160">{t('console.members.invitations')}</h3>
      {invitations.isPending ? (
        <Loading />
      ) : invitations.isError ? (
        <ErrorAlert error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t('console.members.invitationsEmpty')}</p>
      ) : (
        <ul aria-label={t('console.members.invitations')} className="space-y-3">
          {items.map((invitation) => <Invitation key={invitation.id} invitation={invitation} />)}
        </ul>
      )}
      <LoadMoreButton pages={invitations} />
    </section>
  );
}

function Invitation({ invitation }: { invitation: InvitationView }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const id = invitation.id ?? '';
  const status = STATUSES.find((known) => known === invitation.status);
  const who = invitation.email || t('console.members.anyone');
  const labelId = `invitation-${id}`;
  const revoke = useMutation({
    mutationFn: () => done(membersApi.DELETE('/api/members/invitations/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      announce(t('console.members.revoked', { who }));
      void queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
  });
  return (
    <li className={`card ${status === 'OPEN' ? '' : 'bg-solid-gray-50'}`}>
      <p id={labelId} className="text-std-16B-170">
        {t('console.members.invitationFor', { who })}
        <span className="ml-2 inline-block rounded-8 border border-solid-gray-600 px-2 text-dns-14N-130">
          {status ? t(`console.members.status${status}`) : invitation.status}
        </span>
      </p>
      {invitation.note && <p className="break-words text-std-16N-170">{invitation.note}</p>}
      <p className="text-dns-14N-130 text-solid-gray-700">
        {t('console.members.issuedAt', { time: formatDateTime(invitation.createdAt) })}
        {t('console.separator')}
        {t('console.members.expires', { time: formatDateTime(invitation.expiresAt) })}
        {invitation.usedAt && <>{t('console.separator')}{t('console.members.usedAt', { time: formatDateTime(invitation.usedAt) })}</>}
        {invitation.revokedAt && <>{t('console.separator')}{t('console.members.revokedAt', { time: formatDateTime(invitation.revokedAt) })}</>}
      </p>
      <ErrorAlert error={revoke.error} />
      {status === 'OPEN' && (
        <button type="button" className="btn-secondary mt-2" aria-describedby={labelId} disabled={revoke.isPending}
          onClick={() => revoke.mutate()}>
          {t('console.members.revoke')}
        </button>
      )}
    </li>
  );
}

function RoleEditor() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['console', 'members', q],
    queryFn: () => data(membersApi.GET('/api/members', { params: { query: { q, limit: 10 } } })),
    enabled: q !== '',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };
  const members = found.data?.items ?? [];
  return (
    <div className="max-w-2xl">
      <h3 className="mb-2 text-std-18B-160">{t('console.members.rolesHeading')}</h3>
      <p className="mb-4 text-std-16N-170">{t('console.members.rolesLead')}</p>
      <form role="search" aria-label={t('console.members.search')} onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="grow">
          <TextField label={t('console.members.search')} hint={t('console.members.searchHint')} type="search"
            value={draft} onChange={(event) => setDraft(event.target.value)} />
        </div>
        <button type="submit" className="btn-secondary mb-5">{t('console.members.searchSubmit')}</button>
      </form>
      {q && found.isPending && <Loading />}
      <ErrorAlert error={found.error} onRetry={() => void found.refetch()} />
      {found.isSuccess && members.length === 0 && <p className="text-std-16N-170">{t('console.members.noResults')}</p>}
      <ul className="space-y-3">
        {members.map((member) => <MemberRoles key={member.id} member={member} />)}
      </ul>
    </div>
  );
}

const GRANTABLE = ['MODERATOR', 'ADMIN'] as const;

function MemberRoles({ member }: { member: PublicProfile }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { member: me } = useAuth();
  const iAmAdmin = !!me?.roles.includes('ADMIN');
  const [saved, setSaved] = useState<string[]>(member.roles ?? ['MEMBER']);
  const [roles, setRoles] = useState<string[]>(saved);
  const name = member.displayName ?? member.handle ?? '';
  const shown = GRANTABLE.filter((role) => role !== 'ADMIN' || iAmAdmin);
  const save = useMutation({
    // MEMBER always stays; a role hidden from this moderator (ADMIN) is sent as it was, never dropped by accident
    mutationFn: () =>
      data(membersApi.PUT('/api/members/{id}/roles', {
        params: { path: { id: member.id ?? '' } },
        body: { roles: ['MEMBER', ...GRANTABLE.filter((role) => roles.includes(role))] },
      })),
    onSuccess: (result) => {
      const now = result?.roles ?? roles;
      setSaved(now);
      setRoles(now);
      announce(t('console.members.rolesSaved', { name }));
    },
  });
  const toggle = (role: string, on: boolean) =>
    setRoles((current) => (on ? [...current.filter((r) => r !== role), role] : current.filter((r) => r !== role)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <li className="card">
      <form noValidate onSubmit={submit}>
        <fieldset>
          <legend className="text-std-16B-170">
            {t('console.members.rolesOf', { name })}
          </legend>
          <p className="text-dns-14N-130 text-solid-gray-700">
            <Link to={`/members/${member.id}`}>@{member.handle}</Link>
            {member.organization && <>{t('console.separator')}{member.organization}</>}
            {t('console.separator')}
            {t('console.members.currentRoles', { roles: saved.map((role) => t(`console.members.role${role}`, { defaultValue: role })).join('、') })}
          </p>
          {shown.map((role) => (
            <label key={role} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" className="size-5" checked={roles.includes(role)}
                onChange={(event) => toggle(role, event.target.checked)} />
              {t(`console.members.role${role}`)}
            </label>
          ))}
        </fieldset>
        <ErrorAlert error={save.error} />
        <button type="submit" className="btn-secondary mt-2" disabled={save.isPending}>{t('console.members.saveRoles')}</button>
      </form>
    </li>
  );
}
