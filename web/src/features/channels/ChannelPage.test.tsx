import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { fakeApi } from '../../test/fakeApi';
import { channelsFixture, hanako, hanakoClaims, postFixture } from '../posts/testing/fixtures';
import { signIn, signOut } from '../auth/testing/signIn';
import ChannelPage from './ChannelPage';
import { seenCounts } from './seenChannels';

beforeEach(async () => {
  fakeApi();
  await signOut();
});

function api() {
  const fake = fakeApi()
    .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
    .on('GET /api/posts', (request) => {
      const query = new URL(request.url).searchParams;
      expect(query.get('channel')).toBe('general');
      return query.get('cursor')
        ? { body: { items: [postFixture({ id: 'p-old', title: '古い投稿' })], nextCursor: null } }
        : { body: { items: [postFixture({ id: 'p-new', title: '新しい投稿' })], nextCursor: 'next' } };
    })
    .on('PUT /api/notifications/subscriptions/channels/general', { body: { channel: 'general', level: 'WATCHING' } });
  signIn(fake, hanakoClaims);
  return fake;
}

describe('ChannelPage', () => {
  it('shows the channel, pages its posts, links to the composer and marks the channel seen', async () => {
    api();
    const user = userEvent.setup();
    renderScreen(<ChannelPage />, { route: '/channels/general', path: '/channels/:slug' });
    expect(await screen.findByRole('heading', { level: 1, name: '雑談' })).toBeInTheDocument();
    expect(screen.getByText('業務の悩みや話題を気軽に')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'このチャンネルで新しい投稿を書く' })).toHaveAttribute('href', '/posts/new?channel=general');
    await screen.findByRole('link', { name: '新しい投稿' });
    await user.click(screen.getByRole('button', { name: 'もっと見る' }));
    expect(await screen.findByRole('link', { name: '古い投稿' })).toBeInTheDocument();
    expect(seenCounts(hanako.memberId)).toEqual({ general: 5 });
  });

  it('watches the channel and says so', async () => {
    const fake = api();
    const user = userEvent.setup();
    renderScreen(<ChannelPage />, { route: '/channels/general', path: '/channels/:slug' });
    const group = await screen.findByRole('radiogroup', { name: 'このチャンネルの通知' });
    expect(screen.getByRole('radio', { name: '通常' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'ウォッチ' }));
    await waitFor(() =>
      expect(screen.getAllByRole('status').some((element) => element.textContent?.includes('「ウォッチ」にしました'))).toBe(true));
    const index = fake.requests.findIndex((request) => request.method === 'PUT');
    expect(fake.bodies[index]).toEqual({ level: 'WATCHING' });
    expect(group).toBeInTheDocument();
  });
});
