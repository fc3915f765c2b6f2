import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PostView, SessionView } from '../../api/generated/posts';
import { Layout } from '../../app/Layout';
import { renderScreen } from '../../test/render';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import { signIn, signOut } from '../auth/testing/signIn';
import { fakeStream } from '../notifications/testing/fakeStream';
import { hanakoClaims } from '../posts/testing/fixtures';
import SessionPage from './SessionPage';
import SessionsPage from './SessionsPage';

const DAY = 86_400_000;
const at = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

function sessionPost(id: string, title: string, session: Partial<SessionView>, overrides: Partial<PostView> = {}): PostView {
  return {
    id,
    channel: 'sessions',
    kind: 'SESSION',
    title,
    body: '**行政 DX** の事例を持ち寄ります。',
    tags: [],
    author: { id: 'm-mod', displayName: '管理 洋子', organization: 'デジタル庁', former: false },
    createdAt: at(-10),
    replyCount: 0,
    reactions: {},
    hidden: false,
    session: {
      startsAt: at(7),
      endsAt: new Date(Date.now() + 7 * DAY + 2 * 3_600_000).toISOString(),
      place: '那覇市 IT 創造館',
      prefecture: '沖縄県',
      capacity: 30,
      goingCount: 12,
      waitlistCount: 0,
      myStatus: undefined,
      myWaitlistPosition: undefined,
      ...session,
    },
    ...overrides,
  };
}

function gateway(): FakeApi {
  const api = fakeApi().on('GET /api/members/me', { body: { id: 'm-hanako', displayName: '前田 花子', prefecture: '沖縄県' } });
  signIn(api, hanakoClaims);
  return api;
}

beforeEach(async () => {
  fakeApi();
  await signOut();
  localStorage.clear();
});

describe('SessionsPage', () => {
  it('lists upcoming sessions nearest first, past ones apart, and marks those in the member’s prefecture', async () => {
    const later = sessionPost('s2', '福岡 DX 勉強会', { startsAt: at(20), endsAt: at(20.1), prefecture: '福岡県', place: '天神' });
    const sooner = sessionPost('s1', '那覇 DX 勉強会', { startsAt: at(3), endsAt: at(3.1), myStatus: 'GOING' });
    const online = sessionPost('s3', 'オンライン もくもく会', { startsAt: at(10), endsAt: at(10.1), prefecture: undefined, place: undefined, onlineUrl: 'https://meet.example.jp/x' });
    const past = sessionPost('s0', '札幌 DX 勉強会', { startsAt: at(-30), endsAt: at(-29.9), prefecture: '北海道' });
    gateway().on('GET /api/sessions', (request) => ({
      body: new URL(request.url).searchParams.get('scope') === 'past'
        ? { items: [past], nextCursor: null }
        // the page keeps nearest-first even when pages arrive out of order
        : { items: [later, sooner, online], nextCursor: null },
    }));
    renderScreen(<SessionsPage />, { route: '/sessions', path: '/sessions' });

    expect(await screen.findByRole('heading', { level: 1, name: '勉強会' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const upcoming = await screen.findByRole('list', { name: 'これからの勉強会' });
    const titles = within(upcoming).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(titles).toEqual(['那覇 DX 勉強会', 'オンライン もくもく会', '福岡 DX 勉強会']);
    expect(within(upcoming).getByRole('link', { name: '那覇 DX 勉強会' })).toHaveAttribute('href', '/sessions/s1');

    const naha = within(upcoming).getByRole('article', { name: '那覇 DX 勉強会' });
    await waitFor(() => expect(within(naha).getByText('あなたの都道府県')).toBeInTheDocument());
    expect(within(naha).getByText('参加予定です')).toBeInTheDocument();
    expect(within(naha).getByText('30 人（参加予定 12 人）')).toBeInTheDocument();
    expect(within(upcoming).getAllByText('あなたの都道府県')).toHaveLength(1);
    const fukuoka = within(upcoming).getByRole('article', { name: '福岡 DX 勉強会' });
    expect(within(fukuoka).queryByText('あなたの都道府県')).not.toBeInTheDocument();
    expect(within(upcoming).getByRole('link', { name: 'https://meet.example.jp/x' })).toBeInTheDocument();

    const pastList = screen.getByRole('list', { name: '終わった勉強会' });
    expect(within(pastList).getByRole('link', { name: '札幌 DX 勉強会' })).toBeInTheDocument();
  });

  it('shows the date and time in JST whatever the reader’s clock', async () => {
    gateway().on('GET /api/sessions', (request) => ({
      body: new URL(request.url).searchParams.get('scope') === 'past'
        ? { items: [], nextCursor: null }
        : { items: [sessionPost('s1', '那覇 DX 勉強会', { startsAt: '2030-12-05T05:00:00Z', endsAt: '2030-12-05T07:30:00Z' })], nextCursor: null },
    }));
    renderScreen(<SessionsPage />, { route: '/sessions', path: '/sessions' });
    const naha = await screen.findByRole('article', { name: '那覇 DX 勉強会' });
    expect(within(naha).getByText(/2030\/12\/05 14:00〜16:30/)).toBeInTheDocument();
    expect(screen.getByText('終わった勉強会はありません。')).toBeInTheDocument();
  });

  it('puts 勉強会 in the main navigation', async () => {
    gateway().on('GET /api/notifications/unread-count', { body: { count: 0 } });
    fakeStream();
    renderScreen(<Layout><p>本文</p></Layout>);
    const nav = await screen.findByRole('navigation', { name: 'メイン' });
    expect(await within(nav).findByRole('link', { name: '勉強会' })).toHaveAttribute('href', '/sessions');
  });
});

describe('SessionPage', () => {
  /** A session whose RSVP state lives in the fake, as the service keeps it. */
  function sessionGateway(session: Partial<SessionView> = {}) {
    let state: SessionView = sessionPost('s1', '那覇 DX 勉強会', session).session!;
    const api = gateway()
      .on('GET /api/posts/s1', () => ({ body: sessionPost('s1', '那覇 DX 勉強会', state) }))
      .on('GET /api/posts/s1/replies', { body: { items: [], nextCursor: null } })
      .on('PUT /api/sessions/s1/rsvp', () => {
        state = { ...state, myStatus: 'WAITLISTED', myWaitlistPosition: 2, waitlistCount: 2 };
        return { body: { status: 'WAITLISTED', waitlistPosition: 2 } };
      })
      .on('DELETE /api/sessions/s1/rsvp', () => {
        state = { ...state, myStatus: undefined, myWaitlistPosition: undefined, goingCount: (state.goingCount ?? 1) - 1 };
        return { status: 204 };
      });
    return api;
  }

  function renderSession() {
    return renderScreen(<SessionPage />, { route: '/sessions/s1', path: '/sessions/:id' });
  }

  it('shows the session with its description and the thread below it', async () => {
    sessionGateway();
    renderSession();
    expect(await screen.findByRole('heading', { level: 1, name: '那覇 DX 勉強会' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByText('勉強会', { selector: 'span' })).toBeInTheDocument();
    expect(screen.getByText('行政 DX').tagName).toBe('STRONG');
    const facts = screen.getByRole('region', { name: '開催の概要' });
    expect(within(facts).getByText('那覇市 IT 創造館')).toBeInTheDocument();
    expect(within(facts).getByText('沖縄県')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: '返信（0 件）' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: '返信' })).toBeInTheDocument();
  });

  it('turns 参加する into 参加を取り消す and shows the place on the waitlist when the session is full', async () => {
    const api = sessionGateway({ capacity: 12, goingCount: 12 });
    const user = userEvent.setup();
    renderSession();
    expect(await screen.findByText(/定員に達しています/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '参加する' }));

    expect(await screen.findByRole('button', { name: '参加を取り消す' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '参加する' })).not.toBeInTheDocument();
    expect(screen.getByText('キャンセル待ち 2 番目です')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('「那覇 DX 勉強会」のキャンセル待ちに登録しました（2 番目）');
    expect(api.requests.filter((request) => request.method === 'PUT' && request.url.endsWith('/api/sessions/s1/rsvp'))).toHaveLength(1);
  });

  it('cancels a place and says so', async () => {
    const api = sessionGateway({ myStatus: 'GOING' });
    const user = userEvent.setup();
    renderSession();
    expect(await screen.findByText('参加予定です')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '参加を取り消す' }));

    expect(await screen.findByRole('button', { name: '参加する' })).toBeInTheDocument();
    expect(screen.queryByText('参加予定です')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('「那覇 DX 勉強会」の参加を取り消しました');
    expect(api.requests.some((request) => request.method === 'DELETE' && request.url.endsWith('/api/sessions/s1/rsvp'))).toBe(true);
  });

  it('shows the service’s refusal in an alert and keeps the button', async () => {
    sessionGateway().on('PUT /api/sessions/s1/rsvp', {
      status: 409,
      body: { title: '受付は終了しました / Registration has closed', status: 409 },
    });
    const user = userEvent.setup();
    renderSession();
    await user.click(await screen.findByRole('button', { name: '参加する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('受付は終了しました');
    expect(screen.getByRole('button', { name: '参加する' })).toBeInTheDocument();
  });

  it('offers no RSVP once the session has started', async () => {
    sessionGateway({ startsAt: at(-0.01), endsAt: at(0.05) });
    renderSession();
    expect(await screen.findByText('開催中のため、申し込みの受付は終了しました。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '参加する' })).not.toBeInTheDocument();
  });
});
