import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import NotificationSettingsPage from './NotificationSettingsPage';

const preferences = {
  email: 'INSTANT',
  slackWebhookUrl: null,
  types: { REPLY: true, MENTION: true, WATCHED_CHANNEL_POST: true, REACTION: true, ANNOUNCEMENT: true },
};
const channels = {
  items: [
    { id: 'general', slug: 'general', name: '雑談', description: '業務の悩みや話題を気軽に / Anything work-related', postingPolicy: 'OPEN' },
    { id: 'introductions', slug: 'introductions', name: '自己紹介', description: 'はじめまして / Introduce yourself', postingPolicy: 'OPEN' },
  ],
  nextCursor: null,
};

afterEach(signOut);

function gateway() {
  const api = fakeApi()
    .on('GET /api/notifications/preferences', { body: preferences })
    .on('GET /api/channels', { body: channels })
    .on('PUT /api/notifications/preferences', () => ({ body: { ...preferences, email: 'DAILY_DIGEST' } }))
    .on('PUT /api/notifications/subscriptions/channels/general', { body: { channel: 'general', level: 'WATCHING' } });
  signIn(api, { sub: 'm-taro' });
  return api;
}

describe('NotificationSettingsPage', () => {
  it('saves the mail frequency, the kinds and the Slack URL, and says 保存しました', async () => {
    const api = gateway();
    const user = userEvent.setup();
    renderScreen(<NotificationSettingsPage />, { route: '/settings/notifications' });
    const group = await screen.findByRole('group', { name: 'メールでの通知' });
    expect(screen.getByRole('radio', { name: 'すぐに' })).toBeChecked();
    expect(group).toContainElement(screen.getByRole('radio', { name: '送らない' }));
    await user.click(screen.getByRole('radio', { name: '1日1回まとめて' }));
    await user.click(screen.getByRole('checkbox', { name: 'リアクション' }));
    await user.type(screen.getByRole('textbox', { name: 'Slack の Webhook URL' }), 'https://hooks.slack.com/services/T/B/X');
    await user.click(screen.getByRole('button', { name: '保存する' }));

    expect(await screen.findByText('保存しました')).toBeInTheDocument();
    const put = api.requests.findIndex((request) => request.method === 'PUT');
    expect(api.bodies[put]).toEqual({
      email: 'DAILY_DIGEST',
      slackWebhookUrl: 'https://hooks.slack.com/services/T/B/X',
      types: { REPLY: true, MENTION: true, WATCHED_CHANNEL_POST: true, REACTION: false, ANNOUNCEMENT: true },
    });
  });

  it('sets a channel to watch as soon as it is chosen', async () => {
    const api = gateway();
    const user = userEvent.setup();
    renderScreen(<NotificationSettingsPage />, { route: '/settings/notifications' });
    const general = await screen.findByRole('combobox', { name: '雑談 の通知' });
    expect(general).toHaveValue('NORMAL');
    expect(screen.getByText('業務の悩みや話題を気軽に')).toBeInTheDocument();
    await user.selectOptions(general, 'ウォッチ');
    expect(await screen.findByText('「雑談」の通知を「ウォッチ」にしました')).toBeInTheDocument();
    await waitFor(() => expect(api.bodies.at(-1)).toEqual({ level: 'WATCHING' }));
    expect(localStorage.getItem('kyoso.subscription.m-taro.channel.general')).toBe('WATCHING');
  });
});
