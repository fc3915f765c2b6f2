import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { NeverPostedMember, Result as NudgeResult } from '../../api/generated/members';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import i18n from '../../i18n';
import { formatDate, formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { TextArea } from '../../shared/ui/TextArea';
import { TextField } from '../../shared/ui/TextField';
import { funnelKey } from './funnel';

const neverPostedKey = ['console', 'never-posted'] as const;

export function defaultNudge() {
  return { title: i18n.t('console.neverPosted.defaultTitle'), body: i18n.t('console.neverPosted.defaultBody') };
}

function nameOf(member: NeverPostedMember | undefined, fallback: string): string {
  return member?.displayName || (member?.handle ? `@${member.handle}` : fallback);
}

/** Verified members who have written nothing yet, and a nudge to write a self-introduction (one per 30 days each). */
export function NeverPostedMembers() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const members = useInfiniteQuery({
    queryKey: neverPostedKey,
    queryFn: ({ pageParam }) =>
      data(membersApi.GET('/api/members/never-posted', { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = members.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [template, setTemplate] = useState(defaultNudge);
  const [nothingChosen, setNothingChosen] = useState(false);
  // the names of those the answer mentions, kept as they were when sent: the list refreshes without them
  const [sentNames, setSentNames] = useState<Map<string, NeverPostedMember>>(new Map());
  const send = useMutation({
    mutationFn: (memberIds: string[]) =>
      data(membersApi.POST('/api/members/nudges', {
        body: { memberIds, title: template.title.trim(), body: template.body.trim() },
      })),
    onSuccess: (result) => {
      setSelected(new Set());
      announce(t('console.neverPosted.sentAnnounce', { sent: result?.sent?.length ?? 0, skipped: result?.skipped?.length ?? 0 }));
      void queryClient.invalidateQueries({ queryKey: neverPostedKey });
      void queryClient.invalidateQueries({ queryKey: funnelKey });
    },
  });
  const problem = send.error ? asApiError(send.error) : null;
  const ids = items.map((member) => member.memberId ?? '').filter(Boolean);
  const chosen = ids.filter((id) => selected.has(id));
  const toggle = (id: string, on: boolean) => {
    setNothingChosen(false);
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const toggleAll = (on: boolean) => {
    setNothingChosen(false);
    setSelected(on ? new Set(ids) : new Set());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (send.isPending) return;
    if (chosen.length === 0) {
      setNothingChosen(true);
      return;
    }
    setSentNames(new Map(items.filter((member) => selected.has(member.memberId ?? '')).map((member) => [member.memberId ?? '', member])));
    send.mutate(chosen);
  };
  return (
    <>
      <p className="mb-4 text-std-16N-170">{t('console.neverPosted.lead')}</p>
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <form noValidate onSubmit={submit}>
          {items.length === 0 ? (
            <p className="text-std-16N-170">{t('console.neverPosted.empty')}</p>
          ) : (
            <fieldset className="mb-4">
              <legend className="text-std-18B-160">{t('console.neverPosted.choose')}</legend>
              <SelectAll total={ids.length} chosen={chosen.length} onChange={toggleAll} />
              <ul aria-label={t('console.neverPosted.list')} className="mt-2 space-y-2">
                {items.map((member) => (
                  <MemberRow key={member.memberId} member={member} checked={selected.has(member.memberId ?? '')}
                    onChange={(on) => toggle(member.memberId ?? '', on)} />
                ))}
              </ul>
            </fieldset>
          )}
          <LoadMoreButton pages={members} />
          <div className="card mt-4 max-w-2xl">
            <h3 className="mb-2 text-std-18B-160">{t('console.neverPosted.template')}</h3>
            <p className="mb-4 text-std-16N-170">{t('console.neverPosted.templateLead')}</p>
            <TextField label={t('console.neverPosted.titleField')} required maxLength={100} value={template.title}
              onChange={(event) => setTemplate((current) => ({ ...current, title: event.target.value }))}
              error={problem?.fieldMessage('title')} />
            <TextArea label={t('console.neverPosted.bodyField')} required maxLength={2000} rows={8} value={template.body}
              onChange={(event) => setTemplate((current) => ({ ...current, body: event.target.value }))}
              error={problem?.fieldMessage('body')} />
            <button type="button" className="btn-tertiary mb-4" onClick={() => setTemplate(defaultNudge())}>
              {t('console.neverPosted.resetTemplate')}
            </button>
            <p className="mb-2 text-std-16N-170" aria-live="polite">{t('console.neverPosted.chosenCount', { count: chosen.length })}</p>
            {nothingChosen && <p role="alert" className="field-error mb-2">{t('console.neverPosted.nothingChosen')}</p>}
            <ErrorAlert error={send.error} />
            <button type="submit" className="btn-primary" disabled={send.isPending}>{t('console.neverPosted.send')}</button>
          </div>
        </form>
      )}
      {send.data && <NudgeOutcome result={send.data} names={sentNames} />}
    </>
  );
}

function SelectAll({ total, chosen, onChange }: { total: number; chosen: number; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = chosen > 0 && chosen < total;
  }, [chosen, total]);
  return (
    <label className="flex min-h-11 items-center gap-2 text-std-16B-170">
      <input ref={ref} type="checkbox" className="size-5" checked={total > 0 && chosen === total}
        onChange={(event) => onChange(event.target.checked)} />
      {t('console.neverPosted.selectAll', { count: total })}
    </label>
  );
}

function MemberRow({ member, checked, onChange }: { member: NeverPostedMember; checked: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  const name = nameOf(member, t('common.formerMember'));
  const detailsId = `never-posted-${member.memberId}`;
  return (
    <li className="rounded-8 border border-solid-gray-200 p-3">
      <label className="flex min-h-11 items-center gap-2 text-std-16B-170">
        <input type="checkbox" className="size-5" checked={checked} aria-describedby={detailsId}
          onChange={(event) => onChange(event.target.checked)} />
        {name}
      </label>
      <div id={detailsId} className="pl-7 text-dns-14N-130 text-solid-gray-800">
        <p>
          <Link to={`/members/${member.memberId}`}>{member.handle ? `@${member.handle}` : t('console.neverPosted.profile')}</Link>
          {member.organization && <>{t('console.separator')}{member.organization}</>}
          {member.prefecture && <>{t('console.separator')}{member.prefecture}</>}
        </p>
        <p>
          {t('console.neverPosted.registered', { date: formatDate(member.registeredAt) })}
          {t('console.separator')}
          {member.attendedSession ? t('console.neverPosted.attended') : t('console.neverPosted.notAttended')}
          {t('console.separator')}
          {member.lastNudgedAt
            ? t('console.neverPosted.lastNudged', { time: formatDateTime(member.lastNudgedAt) })
            : t('console.neverPosted.neverNudged')}
        </p>
      </div>
    </li>
  );
}

function NudgeOutcome({ result, names }: { result: NudgeResult; names: Map<string, NeverPostedMember> }) {
  const { t } = useTranslation();
  const sent = result.sent ?? [];
  const skipped = result.skipped ?? [];
  const name = (id: string | undefined) => nameOf(names.get(id ?? ''), id ?? '');
  return (
    <section aria-labelledby="console-nudge-outcome" className="card mt-4 max-w-2xl">
      <h3 id="console-nudge-outcome" className="mb-2 text-std-18B-160">{t('console.neverPosted.outcome')}</h3>
      <p className="text-std-16N-170">{t('console.neverPosted.sent', { count: sent.length })}</p>
      {sent.length > 0 && (
        <ul aria-label={t('console.neverPosted.sentList')} className="mb-2 list-disc pl-6">
          {sent.map((id) => <li key={id}>{name(id)}</li>)}
        </ul>
      )}
      {skipped.length > 0 && (
        <>
          <p className="text-std-16N-170">{t('console.neverPosted.skipped', { count: skipped.length })}</p>
          <ul aria-label={t('console.neverPosted.skippedList')} className="list-disc pl-6">
            {skipped.map((skip) => (
              <li key={skip.memberId}>
                {name(skip.memberId)}: {t(`console.neverPosted.reasons.${skip.reason ?? 'UNKNOWN'}`, { defaultValue: t('console.neverPosted.reasons.UNKNOWN') })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
