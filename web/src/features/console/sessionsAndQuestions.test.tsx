import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PostView } from '../../api/generated/posts';
import { renderScreen } from '../../test/render';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import { signIn, signOut } from '../auth/testing/signIn';
import type { TestClaims } from '../auth/testing/token';
import ConsolePage from './ConsolePage';

const moderator: TestClaims = { sub: 'm-mod', handle: 'kanri_yoko', name: '管理 洋子', roles: ['MEMBER', 'MODERATOR'] };
const DAY = 86_400_000;
const at = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

function session(id: string, title: string, startsInDays: number): PostView {
  return {
    id, channel: 'sessions', kind: 'SESSION', title, body: '説明', tags: [], createdAt: at(-20),
    author: { id: 'm-mod', displayName: '管理 洋子' },
    session: {
      startsAt: at(startsInDays), endsAt: at(startsInDays + 0.1), place: '那覇市 IT 創造館', prefecture: '沖縄県',
      capacity: 30, goingCount: 2, waitlistCount: 0, myStatus: undefined, myWaitlistPosition: undefined,
    },
  };
}

const attendees = {
  items: [
    { memberId: 'm-2', displayName: '比嘉 さくら', organization: '那覇市役所', status: 'GOING', attended: null, rsvpAt: at(-5) },
    { memberId: 'm-3', displayName: '金城 健', organization: '沖縄県庁', status: 'GOING', attended: true, rsvpAt: at(-4) },
  ],
};

const questions = [
  { postId: 'q1', title: '電子申請の本人確認はどうしていますか', channel: 'general', author: { id: 'm-7', displayName: '山田 太郎' }, createdAt: at(-3.2), ageHours: 77 },
  { postId: 'q2', title: '庁内チャットの選び方', channel: 'general', author: { id: 'm-8', displayName: '佐藤 一郎' }, createdAt: at(-2.1), ageHours: 50 },
];

const weeks = [
  { weekStart: '2026-11-09', questions: 4, answered: 3, medianHours: 5.5, p90Hours: 20 },
  { weekStart: '2026-11-16', questions: 2, answered: 0, medianHours: null, p90Hours: null },
  { weekStart: '2026-11-23', questions: 6, answered: 5, medianHours: 3.25, p90Hours: 30.5 },
];

function gateway(): FakeApi {
  const api = fakeApi()
    .on('GET /api/moderation/reports', { body: { items: [], nextCursor: null } })
    .on('GET /api/channels', { body: { items: [], nextCursor: null } })
    .on('GET /api/notifications/channel-mirrors', { body: [] })
    .on('GET /api/notifications/deliveries', { body: { items: [], nextCursor: null } })
    .on('GET /api/moderation/unanswered', { body: { items: questions, nextCursor: null } })
    .on('GET /api/moderation/answer-times', { body: { weeks } })
    .on('GET /api/sessions', (request) => ({
      body: new URL(request.url).searchParams.get('scope') === 'past'
        ? { items: [session('s9', '那覇 DX 勉強会', -1)], nextCursor: null }
        : { items: [session('s10', '福岡 DX 勉強会', 10)], nextCursor: null },
    }))
    .on('GET /api/sessions/s9/attendees', { body: attendees })
    .on('GET /api/sessions/s10/attendees', { body: attendees });
  signIn(api, moderator);
  return api;
}

function renderConsole() {
  return renderScreen(<ConsolePage />, { route: '/console', path: '/console' });
}

beforeEach(async () => {
  fakeApi();
  await signOut();
});

afterEach(async () => {
  await signOut();
});

describe('勉強会', () => {
  it('creates a session with its times read as JST and sent with +09:00', async () => {
    const api = gateway().on('POST /api/posts', { body: session('s11', '那覇 DX 勉強会 2', 30) });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '勉強会' });
    const form = within(region).getByRole('form', { name: '勉強会を作る' });
    await user.type(within(form).getByRole('textbox', { name: 'タイトル' }), '那覇 DX 勉強会 2');
    await user.type(within(form).getByRole('textbox', { name: '説明' }), '持ち寄りで話します');
    fireEvent.change(within(form).getByLabelText(/^開始/), { target: { value: '2030-12-05T14:00' } });
    fireEvent.change(within(form).getByLabelText(/^終了/), { target: { value: '2030-12-05T16:30' } });
    await user.type(within(form).getByRole('textbox', { name: '会場' }), '那覇市 IT 創造館');
    await user.selectOptions(within(form).getByRole('combobox', { name: '都道府県' }), '沖縄県');
    expect(within(within(form).getByRole('combobox', { name: '都道府県' })).getAllByRole('option')).toHaveLength(48);
    await user.type(within(form).getByRole('spinbutton', { name: '定員' }), '30');
    await user.click(within(form).getByRole('button', { name: '勉強会を作る' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('勉強会「那覇 DX 勉強会 2」を作りました'));
    const index = api.requests.findIndex((request) => request.method === 'POST' && request.url.endsWith('/api/posts'));
    expect(api.bodies[index]).toEqual({
      channel: 'sessions', kind: 'SESSION', title: '那覇 DX 勉強会 2', body: '持ち寄りで話します', tags: [],
      session: {
        startsAt: '2030-12-05T14:00:00.000+09:00', endsAt: '2030-12-05T16:30:00.000+09:00',
        place: '那覇市 IT 創造館', prefecture: '沖縄県', capacity: 30,
      },
    });
    expect(api.requests[index].headers.get('Idempotency-Key')).toBeTruthy();
    expect(within(form).getByRole('textbox', { name: 'タイトル' })).toHaveValue('');
  });

  it('shows the field error of a 400 beside its field', async () => {
    gateway().on('POST /api/posts', {
      status: 400,
      body: {
        title: '入力内容を確認してください / Check your input', status: 400,
        errors: [{ field: 'session.endsAt', message: '終了は開始より後にしてください / The end must be after the start' }],
      },
    });
    const user = userEvent.setup();
    renderConsole();
    const form = within(await screen.findByRole('region', { name: '勉強会' })).getByRole('form', { name: '勉強会を作る' });
    await user.type(within(form).getByRole('textbox', { name: 'タイトル' }), '逆さまの勉強会');
    await user.click(within(form).getByRole('button', { name: '勉強会を作る' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    const end = within(form).getByLabelText(/^終了/);
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(end).toHaveAccessibleDescription(/終了は開始より後にしてください/);
  });

  it('marks attendance once a session has started, and not before', async () => {
    const api = gateway().on('PUT /api/sessions/s9/attendance/m-2', {
      body: { ...attendees.items[0], attended: true },
    });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '勉強会' });
    const upcoming = await within(region).findByRole('article', { name: '福岡 DX 勉強会' });
    expect(await within(upcoming).findByText('比嘉 さくら')).toBeInTheDocument();
    expect(within(upcoming).queryByRole('checkbox')).not.toBeInTheDocument();

    const started = within(region).getByRole('article', { name: '那覇 DX 勉強会' });
    const list = await within(started).findByRole('list', { name: '「那覇 DX 勉強会」の参加者' });
    const [higa, kinjo] = within(list).getAllByRole('listitem');
    expect(within(kinjo).getByRole('checkbox', { name: '出席' })).toBeChecked();
    const box = within(higa).getByRole('checkbox', { name: '出席' });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription('比嘉 さくら');
    await user.click(box);

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('比嘉 さくら さんを出席にしました'));
    expect(within(higa).getByRole('checkbox', { name: '出席' })).toBeChecked();
    const index = api.requests.findIndex((request) => request.method === 'PUT');
    expect(new URL(api.requests[index].url).pathname).toBe('/api/sessions/s9/attendance/m-2');
    expect(api.bodies[index]).toEqual({ attended: true });
  });
  it('opens check-in before the start when the service says reception has opened', async () => {
    gateway()
      .on('GET /api/sessions', (request) => ({
        body: new URL(request.url).searchParams.get('scope') === 'past'
          ? { items: [], nextCursor: null }
          : { items: [session('s12', '那覇 DX 勉強会 受付中', 0.02)], nextCursor: null },
      }))
      .on('GET /api/sessions/s12/attendees', { body: { ...attendees, checkInOpensAt: at(-0.02) } });
    renderConsole();
    const region = await screen.findByRole('region', { name: '勉強会' });
    const soon = await within(region).findByRole('article', { name: '那覇 DX 勉強会 受付中' });
    const list = await within(soon).findByRole('list', { name: '「那覇 DX 勉強会 受付中」の参加者' });
    expect(within(list).getAllByRole('checkbox', { name: '出席' })).toHaveLength(2);
    expect(within(soon).queryByText(/受付が始まる/)).not.toBeInTheDocument();
  });

  it('says when check-in opens while it has not', async () => {
    gateway().on('GET /api/sessions/s10/attendees', { body: { ...attendees, checkInOpensAt: at(9.9) } });
    renderConsole();
    const region = await screen.findByRole('region', { name: '勉強会' });
    const upcoming = await within(region).findByRole('article', { name: '福岡 DX 勉強会' });
    expect(await within(upcoming).findByText(/出席は受付が始まる .+ から記録できます/)).toBeInTheDocument();
    expect(within(upcoming).queryByRole('checkbox')).not.toBeInTheDocument();
  });
});

describe('未回答の質問', () => {
  it('lists questions oldest first with their age and suggests who could answer, with a mention link', async () => {
    const api = gateway().on('GET /api/posts/q1/suggested-answerers', {
      body: { items: [{ memberId: 'm-5', displayName: '田中 健', handle: 'tanaka_ken', organization: '北町役場', answeredCount: 4, examplePostId: 'p77' }] },
    });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '未回答の質問' });
    expect(within(region).getByRole('heading', { level: 2, name: '未回答の質問' })).toBeInTheDocument();
    const list = await within(region).findByRole('list', { name: '未回答の質問の一覧' });
    const items = within(list).getAllByRole('article');
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual([
      '電子申請の本人確認はどうしていますか', '庁内チャットの選び方',
    ]);
    expect(within(items[0]).getByText('3 日前')).toBeInTheDocument();
    expect(within(items[1]).getByText('2 日前')).toBeInTheDocument();
    expect(api.requests.some((request) => request.url.includes('suggested-answerers'))).toBe(false);

    const ask = within(items[0]).getByRole('button', { name: '回答できそうな人を探す' });
    expect(ask).toHaveAttribute('aria-expanded', 'false');
    await user.click(ask);
    expect(ask).toHaveAttribute('aria-expanded', 'true');
    const people = await within(items[0]).findByRole('list', { name: '「電子申請の本人確認はどうしていますか」に回答できそうな人' });
    expect(within(people).getByRole('link', { name: '田中 健' })).toHaveAttribute('href', '/members/m-5');
    expect(within(people).getByText(/似た質問への回答 4 件/)).toBeInTheDocument();
    expect(within(people).getByRole('link', { name: '@tanaka_ken さんに声をかける返信を書く' }))
      .toHaveAttribute('href', '/posts/q1?mention=tanaka_ken');
  });

  it('asks for questions older than the threshold the manager sets, and refuses a threshold that is not whole hours', async () => {
    const api = gateway();
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '未回答の質問' });
    await within(region).findByRole('list', { name: '未回答の質問の一覧' });
    const unanswered = () => api.requests.filter((request) => request.url.includes('/api/moderation/unanswered'))
      .map((request) => new URL(request.url).searchParams.get('olderThanHours'));
    expect(unanswered()).toEqual(['48']);

    const threshold = within(region).getByRole('spinbutton', { name: '経過時間（時間）' });
    await user.clear(threshold);
    await user.type(threshold, '1.5');
    await user.click(within(region).getByRole('button', { name: 'この条件で表示する' }));
    expect(threshold).toHaveAttribute('aria-invalid', 'true');
    expect(threshold).toHaveAccessibleDescription(/0 から 8760 までの整数を入力してください/);
    expect(unanswered()).toEqual(['48']);

    await user.clear(threshold);
    await user.type(threshold, '0');
    await user.click(within(region).getByRole('button', { name: 'この条件で表示する' }));
    await waitFor(() => expect(unanswered()).toEqual(['48', '0']));
    expect(threshold).not.toHaveAttribute('aria-invalid');
    expect(within(region).getByText(/0 時間以上たった質問です/)).toBeInTheDocument();
  });

  it('draws the weekly time to first answer as a labelled chart with a table of the numbers', async () => {
    gateway();
    renderConsole();
    const region = await screen.findByRole('region', { name: '未回答の質問' });
    const chart = await within(region).findByRole('img', { name: /最初の回答までの時間の棒グラフ/ });
    expect(chart.getAttribute('aria-label')).toContain('直近 3 週の質問 12 件のうち 8 件に回答がありました');
    expect(chart.getAttribute('aria-label')).toContain('11/23 から）は中央値 3.3 時間、90 パーセンタイル 30.5 時間');
    expect(chart.querySelectorAll('rect')).toHaveLength(4);

    const table = within(region).getByRole('table', { name: '週ごとの最初の回答までの時間（時間）' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2026-11-09 の週', '4', '3', '5.5', '20'],
      ['2026-11-16 の週', '2', '0', '—回答なし', '—回答なし'],
      ['2026-11-23 の週', '6', '5', '3.3', '30.5'],
    ]);
    expect(within(table).getByRole('columnheader', { name: '中央値（時間）' })).toBeInTheDocument();
  });
});
