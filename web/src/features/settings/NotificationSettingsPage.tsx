import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, notificationsApi } from '../../api/client';
import type { PreferencesView } from '../../api/generated/notifications';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextField } from '../../shared/ui/TextField';
import { ChannelSubscriptions } from './ChannelSubscriptions';
import { SlackTestButton } from './SlackTestButton';

const EMAIL_MODES = ['INSTANT', 'DAILY_DIGEST', 'OFF'] as const;
const TYPES = ['REPLY', 'MENTION', 'WATCHED_CHANNEL_POST', 'REACTION', 'ANNOUNCEMENT'] as const;
type EmailMode = (typeof EMAIL_MODES)[number];

interface Preferences {
  email: EmailMode;
  slackWebhookUrl: string;
  types: Record<string, boolean>;
}

const preferencesKey = ['notifications', 'preferences'] as const;

function fromView(view: PreferencesView): Preferences {
  return {
    email: view.email ?? 'INSTANT',
    slackWebhookUrl: view.slackWebhookUrl ?? '',
    types: Object.fromEntries(TYPES.map((type) => [type, view.types?.[type] ?? true])),
  };
}

export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const preferences = useQuery({
    queryKey: preferencesKey,
    queryFn: () => data(notificationsApi.GET('/api/notifications/preferences')),
  });
  return (
    <div className="max-w-3xl">
      <PageTitle>{t('settings.notifications.title')}</PageTitle>
      {preferences.isPending ? (
        <Loading />
      ) : preferences.isError ? (
        <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <PreferencesForm initial={fromView(preferences.data)} />
      )}
      <ChannelSubscriptions />
    </div>
  );
}

function PreferencesForm({ initial }: { initial: Preferences }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  // the form starts from what was loaded and is then the member's own; a background refetch does not reset it
  const [form, setForm] = useState(initial);
  const save = useMutation({
    mutationFn: (next: Preferences) =>
      data(
        notificationsApi.PUT('/api/notifications/preferences', {
          body: { email: next.email, slackWebhookUrl: next.slackWebhookUrl.trim() || undefined, types: next.types },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(preferencesKey, saved);
      announce(t('common.saved'));
    },
  });
  const error = save.error ? asApiError(save.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  return (
    <form noValidate onSubmit={submit} className="mb-10">
      <ErrorAlert error={save.error} />
      <EmailModeGroup value={form.email} onChange={(email) => setForm({ ...form, email })} />
      <fieldset className="mb-6">
        <legend className="field-label mb-2">{t('settings.notifications.types.legend')}</legend>
        <p className="field-hint mb-2">{t('settings.notifications.types.hint')}</p>
        {TYPES.map((type) => (
          <label key={type} className="flex min-h-11 cursor-pointer items-center gap-3 text-std-16N-170">
            <input
              type="checkbox"
              className="size-6"
              checked={form.types[type]}
              onChange={(event) => setForm({ ...form, types: { ...form.types, [type]: event.target.checked } })}
            />
            {t(`settings.notifications.types.${type}`)}
          </label>
        ))}
      </fieldset>
      <TextField
        label={t('settings.notifications.slack.label')}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://hooks.slack.com/services/…"
        hint={t('settings.notifications.slack.hint')}
        error={error?.fieldMessage('slackWebhookUrl')}
        value={form.slackWebhookUrl}
        onChange={(event) => setForm({ ...form, slackWebhookUrl: event.target.value })}
      />
      <SlackTestButton webhookUrl={form.slackWebhookUrl} />
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        {t('common.save')}
      </button>
    </form>
  );
}

function EmailModeGroup({ value, onChange }: { value: EmailMode; onChange: (mode: EmailMode) => void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="mb-6">
      <legend className="field-label mb-2">{t('settings.notifications.email.legend')}</legend>
      {EMAIL_MODES.map((mode) => (
        <label key={mode} className="flex min-h-11 cursor-pointer items-center gap-3 text-std-16N-170">
          <input type="radio" className="size-6" name={name} value={mode} checked={value === mode} onChange={() => onChange(mode)} />
          {t(`settings.notifications.email.${mode}`)}
        </label>
      ))}
    </fieldset>
  );
}
