import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { OwnProfile } from '../../api/generated/members';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { profileKey } from '../members/profileKey';
import { dayAfter, formatDay, todayInJapan } from './dates';
import { emptyOrganization, organizationOf, OrganizationSuggestField, type OrganizationChoice } from './OrganizationSuggestField';
import { jobOf, PositionHistory } from './PositionHistory';
import { handoversKey, ownProfileKey } from './queries';

interface Form {
  organization: OrganizationChoice;
  department: string;
  effectiveDate: string;
}

const EMPTY: Form = { organization: emptyOrganization, department: '', effectiveDate: '' };

/**
 * 異動を記録する: once the move has taken effect (the date is today or earlier, in Japan), the new organization
 * becomes the profile's and the one left stays in the history, where successors and newcomers find it.
 */
export function MoveSection({ profile }: { profile: OwnProfile }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(EMPTY);
  const today = todayInJapan();

  const mutation = useMutation({
    mutationFn: (sent: Form) =>
      data(membersApi.POST('/api/members/me/moves', {
        body: {
          ...organizationOf(sent.organization),
          department: sent.department.trim() || undefined,
          effectiveDate: sent.effectiveDate,
        },
      })),
    onSuccess: (moved) => {
      queryClient.setQueryData(ownProfileKey, moved);
      if (moved.id) void queryClient.invalidateQueries({ queryKey: profileKey(moved.id) });
      // the position to hand over may now be the one just left
      void queryClient.invalidateQueries({ queryKey: handoversKey });
      void queryClient.invalidateQueries({ queryKey: ['members', 'directory'] });
      setForm(EMPTY);
      announce(t('handover.move.done', { organization: moved.organization }));
    },
  });
  const problem = mutation.error ? asApiError(mutation.error) : null;
  const history = profile.history ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate(form);
  };

  return (
    <section aria-labelledby="handover-move-heading" className="mb-12">
      <h2 id="handover-move-heading" className="section-title mb-2">{t('handover.move.heading')}</h2>
      <p className="mb-4 text-std-16N-170">{t('handover.move.lead')}</p>
      <p className="mb-4 text-std-16N-170">
        {profile.positionFrom
          ? t('handover.move.current', { job: jobOf(profile), from: formatDay(profile.positionFrom) })
          : t('handover.move.currentNoDate', { job: jobOf(profile) })}
      </p>
      <form noValidate onSubmit={submit} className="card mb-6 max-w-2xl">
        <OrganizationSuggestField
          label={t('handover.move.organization')}
          hint={t('handover.move.organizationHint')}
          required
          value={form.organization}
          onChange={(organization) => setForm((current) => ({ ...current, organization }))}
          error={problem?.fieldMessage('organization') ?? problem?.fieldMessage('organizationCode')}
        />
        <TextField
          label={t('handover.move.department')}
          hint={t('handover.move.departmentHint')}
          maxLength={100}
          value={form.department}
          error={problem?.fieldMessage('department')}
          onChange={(event) => setForm((current) => ({ ...current, department: event.target.value }))}
        />
        <TextField
          type="date"
          label={t('handover.move.date')}
          hint={t('handover.move.dateHint', { today: formatDay(today) })}
          required
          max={today}
          min={dayAfter(profile.positionFrom)}
          value={form.effectiveDate}
          error={problem?.fieldMessage('effectiveDate')}
          onChange={(event) => setForm((current) => ({ ...current, effectiveDate: event.target.value }))}
        />
        <ErrorAlert error={mutation.error} />
        <button type="submit" className="btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('handover.move.sending') : t('handover.move.submit')}
        </button>
      </form>
      <h3 id="handover-history-heading" className="mb-2 text-std-18B-160">{t('handover.move.historyHeading')}</h3>
      {history.length === 0 ? (
        <p className="text-std-16N-170">{t('handover.move.noHistory')}</p>
      ) : (
        <>
          <PositionHistory history={history} label={t('handover.move.historyHeading')} />
          {mutation.isSuccess && <p className="mt-3 text-std-16N-170">{t('handover.move.nextStep')}</p>}
        </>
      )}
    </section>
  );
}
