import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { HandoverView, OwnProfile } from '../../api/generated/members';
import { asApiError, type ApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { formatDate } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextArea } from '../../shared/ui/TextArea';
import { TextField } from '../../shared/ui/TextField';
import { formatPeriod, movedRecently } from './dates';
import { jobOf } from './PositionHistory';
import { ownHandoversKey } from './queries';

type Which = 'previous' | 'current';
const NOTE_MAX = 1000;

interface Form {
  successorEmail: string;
  note: string;
  position: Which;
}

/** A field's message; a successor named twice (409) comes without field errors, so it is put at the address. */
function fieldError(problem: ApiError | null, field: keyof Form): string | undefined {
  if (!problem) return undefined;
  if (field === 'successorEmail' && problem.status === 409) return problem.fieldMessage(field) ?? (problem.detail || problem.title);
  return problem.fieldMessage(field);
}

/** 後任者に引き継ぐ: name the successor by address (invited when not a member yet), and the handovers given so far. */
export function GiveSection({ profile, given }: { profile: OwnProfile; given: HandoverView[] }) {
  const { t } = useTranslation();
  const history = profile.history ?? [];
  // both the job just left and the current one can be handed over for 90 days after a move
  const choosable = movedRecently(profile.positionFrom, history.length > 0);
  return (
    <section aria-labelledby="handover-give-heading" className="mb-12">
      <h2 id="handover-give-heading" className="section-title mb-2">{t('handover.give.heading')}</h2>
      <p className="mb-4 text-std-16N-170">{t('handover.give.lead')}</p>
      <NameSuccessorForm
        // a move changes what can be handed over: the form starts again from the new situation
        key={`${profile.positionFrom ?? ''}-${choosable}`}
        profile={profile}
        choosable={choosable}
      />
      <h3 id="handover-given-heading" className="mb-2 text-std-18B-160">{t('handover.give.listHeading')}</h3>
      {given.length === 0 ? (
        <p className="text-std-16N-170">{t('handover.give.empty')}</p>
      ) : (
        <ul aria-labelledby="handover-given-heading" className="flex flex-col gap-3">
          {given.map((handover) => (
            <GivenHandover key={handover.id} handover={handover} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NameSuccessorForm({ profile, choosable }: { profile: OwnProfile; choosable: boolean }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>({ successorEmail: '', note: '', position: 'previous' });
  const previous = profile.history?.[0];

  const mutation = useMutation({
    mutationFn: (sent: Form) =>
      data(membersApi.POST('/api/members/me/handovers', {
        body: {
          successorEmail: sent.successorEmail.trim(),
          note: sent.note.trim() || undefined,
          // without a choice the service picks: the job just left after a recent move, else the current one
          position: choosable ? sent.position : undefined,
        },
      })),
    onSuccess: (handover, sent) => {
      void queryClient.invalidateQueries({ queryKey: ownHandoversKey });
      setForm((current) => ({ ...current, successorEmail: '', note: '' }));
      announce(handover.status === 'ACTIVE'
        ? t('handover.give.named', { name: handover.successor?.displayName ?? sent.successorEmail.trim() })
        : t('handover.give.invited', { email: sent.successorEmail.trim() }));
    },
  });
  const problem = mutation.error ? asApiError(mutation.error) : null;
  const set = <K extends keyof Form>(field: K) => (value: Form[K]) => setForm((current) => ({ ...current, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate(form);
  };

  return (
    <form noValidate onSubmit={submit} className="card mb-6 max-w-2xl">
      <TextField
        type="email"
        label={t('handover.give.email')}
        hint={t('handover.give.emailHint')}
        autoComplete="off"
        required
        maxLength={254}
        value={form.successorEmail}
        error={fieldError(problem, 'successorEmail')}
        onChange={(event) => set('successorEmail')(event.target.value)}
      />
      <TextArea
        label={t('handover.give.note')}
        hint={t('handover.give.noteHint', { max: NOTE_MAX })}
        maxLength={NOTE_MAX}
        rows={5}
        value={form.note}
        error={fieldError(problem, 'note')}
        onChange={(event) => set('note')(event.target.value)}
      />
      {choosable && previous ? (
        <fieldset className="mb-5" aria-describedby="handover-position-hint">
          <legend className="field-label">{t('handover.give.position')}</legend>
          <span id="handover-position-hint" className="field-hint">{t('handover.give.positionHint')}</span>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="handover-position" value="previous" className="size-5"
              checked={form.position === 'previous'} onChange={() => set('position')('previous')} />
            {t('handover.give.previous', { job: jobOf(previous), period: formatPeriod(previous.from, previous.to) })}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="handover-position" value="current" className="size-5"
              checked={form.position === 'current'} onChange={() => set('position')('current')} />
            {t('handover.give.current', { job: jobOf(profile), period: formatPeriod(profile.positionFrom, null) })}
          </label>
          {fieldError(problem, 'position') && <span className="field-error">{fieldError(problem, 'position')}</span>}
        </fieldset>
      ) : (
        <p className="mb-5 text-std-16N-170">
          {t('handover.give.what', { job: jobOf(profile) })}
        </p>
      )}
      {!choosable && fieldError(problem, 'position') && (
        <p className="field-error mb-5">{fieldError(problem, 'position')}</p>
      )}
      <ErrorAlert error={mutation.error} />
      <button type="submit" className="btn-primary" disabled={mutation.isPending}>
        {mutation.isPending ? t('handover.give.sending') : t('handover.give.submit')}
      </button>
    </form>
  );
}

function GivenHandover({ handover }: { handover: HandoverView }) {
  const { t } = useTranslation();
  const successor = handover.successor;
  const who = successor?.displayName
    ? successor.email ? `${successor.displayName}（${successor.email}）` : successor.displayName
    : successor?.email ?? '';
  const waiting = handover.status !== 'ACTIVE';
  return (
    <li className="card">
      <p className="mb-1 flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-std-16B-170 break-all">{who}</span>
        <span className={`inline-block rounded-4 border px-2 text-dns-14B-130 leading-6 ${
          waiting ? 'border-orange-900 bg-orange-50 text-orange-1100' : 'border-green-900 bg-green-50 text-green-1100'}`}>
          {t(waiting ? 'handover.give.status.waiting' : 'handover.give.status.active')}
        </span>
      </p>
      <p className="text-std-16N-170">
        {t('handover.give.jobLine', { job: jobOf(handover.position), period: formatPeriod(handover.position?.from, handover.position?.to) })}
      </p>
      {handover.namedAt && (
        <p className="text-dns-14N-130 text-solid-gray-800">{t('handover.give.namedAt', { date: formatDate(handover.namedAt) })}</p>
      )}
      {handover.note && <p className="mt-2 whitespace-pre-wrap break-words text-std-16N-170">{handover.note}</p>}
    </li>
  );
}
