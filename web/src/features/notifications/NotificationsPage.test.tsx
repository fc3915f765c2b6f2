import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import NotificationsPage from './NotificationsPage';

const reply = {
  id: 'm-1:n-2',
  type: 'REPLY',
  read: false,
  createdAt: '2026-11-28T09:00:00Z',
  actor: { id: 'm-2', displayName: '前田 花子' },
  postId: 'p-1',
  replyId: 'r-7',
  title: '住民票のコンビニ交付について',
  snippet: 'うちでは窓口の待ち時間が半分になりました',
};
const welcome = {
  id: 'm-1:n-1',
  type: 'WELCOME',
  read: true,
  createdAt: '2026-11-27T09:00:00Z',
  actor: { id: null, displayName: 'Kyoso 共創' },
  title: '共創へようこそ / Welcome to Kyoso',
  snippet: 'まずは #introductions で自己紹介をしてみましょう。 / Start by introducing yourself in #introductions.',
};

afterEach(signOut);

function gateway() {
  const api = fakeApi()
    .on('GET /api/notifications', { body: { items: [reply, welcome], nextCursor: 'c-2' } })
    .on('GET /api/notifications/unread-count', { body: { count: 1 } })
    .on('POST /api/notifications/read-all', { status: 204 });
  signIn(api);
  return api;
}

const paths = (api: ReturnType<typeof fakeApi>) => api.requests.map((request) => `${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);

describe('NotificationsPage', () => {
  it('lists each notice in 通知一覧 with its type, actor, title, snippet and unread state', async () => {
    gateway();
    renderScreen(<NotificationsPage />, { route: '/notifications' });
    const list = await screen.findByRole('list', { name: '通知一覧' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);

    expect(first).toHaveTextContent('返信');
    expect(first).toHaveTextContent('前田 花子 さん');
    expect(first).toHaveTextContent('うちでは窓口の待ち時間が半分になりました');
    expect(within(first).getByRole('link', { name: '未読 住民票のコンビニ交付について' })).toHaveAttribute('href', '/posts/p-1#reply-r-7');

    expect(second).toHaveTextContent('ようこそ');
    expect(second).not.toHaveTextContent('未読');
    expect(second).not.toHaveTextContent('Welcome to Kyoso');
    expect(within(second).getByRole('link', { name: '共創へようこそ' })).toHaveAttribute(
      'href',
      '/posts/new?channel=introductions&kind=INTRODUCTION',
    );
  });

  it('marks a notice read when it is opened', async () => {
    const api = gateway().on('POST /api/notifications/m-1%3An-2/read', { status: 204 });
    const user = userEvent.setup();
    renderScreen(<NotificationsPage />, { route: '/notifications' });
    await user.click(await screen.findByRole('link', { name: '未読 住民票のコンビニ交付について' }));
    await waitFor(() => expect(paths(api)).toContain('POST /api/notifications/m-1%3An-2/read'));
  });

  it('marks everything read and says so', async () => {
    const api = gateway();
    const user = userEvent.setup();
    renderScreen(<NotificationsPage />, { route: '/notifications' });
    const list = await screen.findByRole('list', { name: '通知一覧' });
    api.on('GET /api/notifications', { body: { items: [{ ...reply, read: true }, welcome], nextCursor: 'c-2' } });
    await user.click(screen.getByRole('button', { name: 'すべて既読にする' }));

    expect(await screen.findByText('すべての通知を既読にしました')).toBeInTheDocument();
    expect(paths(api)).toContain('POST /api/notifications/read-all');
    await waitFor(() => expect(list).not.toHaveTextContent('未読'));
  });

  it('shows the unread only when asked, and pages on', async () => {
    const api = gateway().on('GET /api/notifications?unreadOnly=true&limit=20', { body: { items: [reply], nextCursor: null } });
    const user = userEvent.setup();
    renderScreen(<NotificationsPage />, { route: '/notifications' });
    await screen.findByRole('list', { name: '通知一覧' });

    api.on('GET /api/notifications?limit=20&cursor=c-2', {
      body: { items: [{ ...reply, id: 'm-1:n-0', title: '前のページの通知' }], nextCursor: null },
    });
    await user.click(screen.getByRole('button', { name: 'もっと見る' }));
    expect(await screen.findByRole('link', { name: '未読 前のページの通知' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'もっと見る' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: '未読のみ' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: '通知一覧' })).getAllByRole('listitem')).toHaveLength(1));
    expect(paths(api)).toContain('GET /api/notifications?unreadOnly=true&limit=20');
  });

  it('shows a failure to load in the alert', async () => {
    const api = fakeApi().on('GET /api/notifications', {
      status: 503,
      body: { title: '一時的に利用できません / Service unavailable', status: 503 },
    });
    signIn(api);
    renderScreen(<NotificationsPage />, { route: '/notifications' });
    expect(await screen.findByRole('alert')).toHaveTextContent('一時的に利用できません');
  });
});
