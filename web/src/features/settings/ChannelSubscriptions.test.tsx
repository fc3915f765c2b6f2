import type { ReactElement } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnouncerProvider } from '../../app/Announcer';
import { AuthProvider } from '../../auth/AuthProvider';
import { fakeApi } from '../../test/fakeApi';
import { signIn, signOut } from '../auth/testing/signIn';
import ChannelPage from '../channels/ChannelPage';
import { ChannelSubscriptions } from './ChannelSubscriptions';

const channels = {
  items: [
    { id: 'introductions', slug: 'introductions', name: '自己紹介 / Introductions', description: 'はじめまして / Introduce yourself', postingPolicy: 'OPEN', postCount: 0 },
    { id: 'general', slug: 'general', name: '雑談 / General', description: '業務の悩みや話題を気軽に / Anything work-related', postingPolicy: 'OPEN', postCount: 0 },
  ],
  nextCursor: null,
};

function gateway() {
  const api = fakeApi()
    .on('GET /api/channels', { body: channels })
    .on('GET /api/posts', { body: { items: [], nextCursor: null } })
    .on('PUT /api/notifications/subscriptions/channels/general', { body: { channel: 'general', level: 'WATCHING' } });
  signIn(api, { sub: 'm-taro' });
  return api;
}

/** Two screens one after the other in the same query cache, as when a member moves through the app. */
function renderInOneCache(first: ReactElement) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const at = (ui: ReactElement) => (
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={['/channels/general']}>
        <AuthProvider>
          <AnnouncerProvider>
            <Routes>
              <Route path="/channels/:slug" element={ui} />
            </Routes>
          </AnnouncerProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>
  );
  const view = render(at(first));
  return { then: (next: ReactElement) => view.rerender(at(next)) };
}

beforeEach(() => localStorage.clear());
afterEach(signOut);

describe('ChannelSubscriptions', () => {
  it('shares the channel list with the channel page, whichever is opened first', async () => {
    gateway();
    const screens = renderInOneCache(<ChannelSubscriptions />);
    expect(await screen.findByRole('combobox', { name: '雑談 の通知' })).toBeInTheDocument();
    screens.then(<ChannelPage />);
    expect(await screen.findByRole('heading', { level: 1, name: '雑談' })).toBeInTheDocument();
    screens.then(<ChannelSubscriptions />);
    expect(await screen.findByRole('combobox', { name: '自己紹介 の通知' })).toBeInTheDocument();
  });

  it('shows each channel in the reader’s language', async () => {
    gateway();
    renderInOneCache(<ChannelSubscriptions />);
    const list = await screen.findByRole('list');
    expect(within(list).getByText('自己紹介')).toBeInTheDocument();
    expect(within(list).queryByText(/Introductions/)).not.toBeInTheDocument();
    expect(within(list).getByText('はじめまして')).toBeInTheDocument();
  });

  it('agrees with the channel page on the level chosen in this browser', async () => {
    const api = gateway();
    const user = userEvent.setup();
    const screens = renderInOneCache(<ChannelSubscriptions />);
    await user.selectOptions(await screen.findByRole('combobox', { name: '雑談 の通知' }), 'WATCHING');
    await waitFor(() => expect(api.requests.some((request) => request.method === 'PUT')).toBe(true));
    expect(await screen.findByText('「雑談」の通知を「ウォッチ」にしました')).toBeInTheDocument();
    screens.then(<ChannelPage />);
    expect(await screen.findByRole('radio', { name: 'ウォッチ' })).toBeChecked();
  });
});
