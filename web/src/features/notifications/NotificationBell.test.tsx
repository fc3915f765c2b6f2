import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import { OfflineBanner } from '../../app/OfflineBanner';
import { NotificationBell } from './NotificationBell';
import { fakeStream } from './testing/fakeStream';

const mention = {
  id: 'm-1:n-9',
  type: 'MENTION',
  read: false,
  createdAt: '2026-11-28T09:15:04Z',
  actor: { id: 'm-2', displayName: '前田 花子' },
  postId: 'p-1',
  title: '窓口の件',
  snippet: '@yamada_taro さん、教えてください',
};

afterEach(async () => {
  vi.useRealTimers();
  await signOut();
});

describe('NotificationBell', () => {
  it('is named 通知 with nothing unread, and with the count when there is', async () => {
    const api = fakeApi().on('GET /api/notifications/unread-count', { body: { count: 0 } });
    signIn(api);
    fakeStream();
    const { unmount } = renderScreen(<NotificationBell />);
    expect(await screen.findByRole('link', { name: '通知' })).toHaveAttribute('href', '/notifications');
    unmount();

    api.on('GET /api/notifications/unread-count', { body: { count: 3 } });
    renderScreen(<NotificationBell />);
    expect(await screen.findByRole('link', { name: '通知（未読 3 件）' })).toBeInTheDocument();
  });

  it('counts a notification from the live stream at once, sent with the member’s token', async () => {
    const api = fakeApi().on('GET /api/notifications/unread-count', { body: { count: 3 } });
    signIn(api);
    const stream = fakeStream();
    renderScreen(<NotificationBell />);
    await screen.findByRole('link', { name: '通知（未読 3 件）' });
    await waitFor(() => expect(stream.opened).toBe(1));
    expect(stream.lastRequest?.headers.get('Authorization')).toMatch(/^Bearer ey/);

    act(() => stream.send(':heartbeat\n\n'));
    act(() => stream.notify(mention));
    expect(await screen.findByRole('link', { name: '通知（未読 4 件）' }, { timeout: 1000 })).toBeInTheDocument();

    // the same notice again (a replay after reconnecting) is not counted twice
    act(() => stream.notify(mention));
    act(() => stream.notify({ ...mention, id: 'm-1:n-10' }));
    expect(await screen.findByRole('link', { name: '通知（未読 5 件）' })).toBeInTheDocument();
  });

  it('reconnects after the stream ends, asking for what it missed, without saying it was lost', async () => {
    const api = fakeApi().on('GET /api/notifications/unread-count', { body: { count: 0 } });
    signIn(api);
    const stream = fakeStream();
    renderScreen(<NotificationBell />);
    await waitFor(() => expect(stream.opened).toBe(1));
    act(() => stream.notify(mention));
    await screen.findByRole('link', { name: '通知（未読 1 件）' });
    act(() => stream.end());
    await waitFor(() => expect(stream.opened).toBe(2), { timeout: 3000 });
    expect(stream.lastRequest?.headers.get('Last-Event-ID')).toBe('m-1:n-9');
    expect(screen.queryByText(/リアルタイム受信が途切れました/)).not.toBeInTheDocument();
  });

  it('opens a new stream at once when the browser is back online, and closes it on logout', async () => {
    const api = fakeApi().on('GET /api/notifications/unread-count', { body: { count: 0 } });
    signIn(api);
    const stream = fakeStream();
    renderScreen(<NotificationBell />);
    await waitFor(() => expect(stream.opened).toBe(1));
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(stream.opened).toBe(2));

    await act(() => signOut());
    await waitFor(() => expect(stream.aborted).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stream.opened).toBe(2);
  });

  it('says so in the banner when the stream stays lost, and stops saying it once it is back', async () => {
    const api = fakeApi()
      .on('GET /api/notifications/unread-count', { body: { count: 0 } })
      .on('GET /api/notifications/stream', { status: 503, body: { title: 'Service Unavailable' } });
    signIn(api);
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderScreen(<><OfflineBanner /><NotificationBell /></>);
    await screen.findByRole('link', { name: '通知' });
    expect(screen.queryByText(/リアルタイム受信が途切れました/)).not.toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(8_000));
    const said = screen.getByText('通知のリアルタイム受信が途切れました。再接続しています…');
    expect(said.closest('[role="status"]')).not.toBeNull();

    const stream = fakeStream();
    await act(() => vi.advanceTimersByTimeAsync(40_000));
    expect(stream.opened).toBeGreaterThan(0);
    await waitFor(() => expect(screen.queryByText(/リアルタイム受信が途切れました/)).not.toBeInTheDocument());
  });
});
