import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, notificationsApi } from '../../api/client';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

/** Sends one test message to the webhook as typed (saved or not), so a member sees at once that it reaches Slack. */
export function SlackTestButton({ webhookUrl }: { webhookUrl: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const send = useMutation({
    mutationFn: () =>
      data(notificationsApi.POST('/api/notifications/preferences/slack-test', {
        body: { slackWebhookUrl: webhookUrl.trim() || undefined },
      })),
    onSuccess: () => announce(t('settings.notifications.slack.testSent')),
  });
  return (
    <div className="mb-6">
      <button type="button" className="btn-secondary" disabled={send.isPending || !webhookUrl.trim()}
        onClick={() => send.mutate()}>
        {send.isPending ? t('settings.notifications.slack.testSending') : t('settings.notifications.slack.test')}
      </button>
      <ErrorAlert error={send.error} />
    </div>
  );
}
