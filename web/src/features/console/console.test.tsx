import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import { signIn, signOut } from '../auth/testing/signIn';
import type { TestClaims } from '../auth/testing/token';
import { Layout } from '../../app/Layout';
import { fakeStream } from '../notifications/testing/fakeStream';
import ConsolePage from './ConsolePage';

const moderator: TestClaims = { sub: 'm-mod', handle: 'kanri_yoko', name: '管理 洋子', roles: ['MEMBER', 'MODERATOR'] };
const admin: TestClaims = { sub: 'm-adm', handle: 'admin', name: '管理者', roles: ['MEMBER', 'ADMIN'] };
const plain: TestClaims = { sub: 'm-1', handle: 'yamada_taro', name: '山田 太郎', roles: ['MEMBER'] };

const reported = {
  postId: 'p1',
  channel: 'general',
  title: '不適切な宣伝',
  excerpt: '今だけ特価で…',
  author: { id: 'm-9', displayName: '宣伝 太郎', organization: '某社' },
  hidden: false,
  reportCount: 2,
  openReportCount: 2,
  lastReportedAt: '2026-11-28T03:00:00Z',
  reports: [
    { reportId: 'r2', reporterId: 'm-2', reason: '宣伝です', at: '2026-11-28T03:00:00Z' },
    { reportId: 'r1', reporterId: 'm-3', reason: 'スパム', at: '2026-11-27T01:00:00Z' },
  ],
};
const autoHidden = {
  ...reported,
  postId: 'p2',
  title: '自動で非表示になった投稿',
  hidden: true,
  hiddenAt: '2026-11-26T01:00:00Z',
  reportCount: 3,
  openReportCount: 0,
  reports: [{ reportId: 'r9', reporterId: 'm-4', reason: '', at: '2026-11-26T00:59:00Z' }],
};

const channels = [
  { id: 'c1', slug: 'general', name: '雑談 / General', description: '何でも', postingPolicy: 'OPEN', postCount: 4 },
  { id: 'c2', slug: 'announcements', name: 'お知らせ / Announcements', description: '', postingPolicy: 'MODERATORS', postCount: 1 },
];

const counts = (registered: number, verified: number, introduced: number, asked: number, replied: number, received: number | null) => ({
  registered, verified, introduced, askedOrProposed: asked, repliedToOthers: replied, receivedReply: received,
});

const funnel = {
  from: '2026-09-01',
  to: '2026-11-29',
  stages: ['registered', 'verified', 'introduced', 'askedOrProposed', 'repliedToOthers', 'receivedReply'],
  groups: [{ key: 'all', label: '全体 / All', counts: counts(40, 36, 18, 9, 6, 5) }],
  medianHoursToFirstPost: 30.5,
  cohorts: [
    { weekStart: '2026-11-16', counts: counts(12, 11, 5, 2, 1, 1) },
    { weekStart: '2026-11-23', counts: counts(8, 7, 3, 1, 0, null) },
  ],
  nudges: { nudged: 10, postedAfterNudge: 4 },
};

function consoleApi(claims: TestClaims = moderator): FakeApi {
  const api = fakeApi()
    .on('GET /api/moderation/reports', { body: { items: [reported, autoHidden], nextCursor: null } })
    .on('GET /api/channels', { body: { items: channels, nextCursor: null } })
    .on('GET /api/notifications/channel-mirrors', {
      body: [{ channel: 'general', slackWebhookUrl: 'https://hooks.slack.com/services/x', updatedBy: 'm-mod', updatedAt: '2026-11-20T00:00:00Z' }],
    })
    .on('GET /api/notifications/deliveries', { body: { items: [], nextCursor: null } })
    .on('GET /api/moderation/unanswered', { body: { items: [], nextCursor: null } })
    .on('GET /api/moderation/answer-times', { body: { weeks: [] } })
    .on('GET /api/sessions', { body: { items: [], nextCursor: null } })
    .on('GET /api/members/funnel', { body: funnel })
    .on('GET /api/members/never-posted', { body: { items: [], nextCursor: null } })
    .on('GET /api/moderation/decisions', { body: { items: [], nextCursor: null } })
    .on('GET /api/members/invitations', { body: { items: [], nextCursor: null } })
    .on('GET /api/moderation/outdated-flags', { body: { items: [], nextCursor: null } });
  signIn(api, claims);
  return api;
}

function renderConsole() {
  return renderScreen(<ConsolePage />, { route: '/console', path: '/console' });
}

function requestsTo(api: FakeApi, method: string, path: string) {
  return api.requests.filter((request) => request.method === method && new URL(request.url).pathname === path);
}

beforeEach(async () => {
  fakeApi();
  await signOut();
});

afterEach(async () => {
  await signOut();
});

describe('ConsolePage', () => {
  it('tells a plain member that the console is for moderators and asks the API for none of it', async () => {
    const api = consoleApi(plain);
    renderConsole();
    expect(await screen.findByRole('heading', { level: 1, name: 'この画面は運営担当者だけが使えます' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2 })).not.toBeInTheDocument();
    expect(requestsTo(api, 'GET', '/api/moderation/reports')).toHaveLength(0);
  });

  it('shows the 運営 link in the main navigation to moderators only', async () => {
    const api = consoleApi(plain).on('GET /api/notifications/unread-count', { body: { count: 0 } });
    fakeStream();
    const { unmount } = renderScreen(<Layout><p>本文</p></Layout>);
    const nav = await screen.findByRole('navigation', { name: 'メイン' });
    expect(within(nav).getByRole('link', { name: 'ホーム' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: '運営' })).not.toBeInTheDocument();
    unmount();
    await signOut();

    signIn(api, moderator);
    renderScreen(<Layout><p>本文</p></Layout>);
    const modNav = await screen.findByRole('navigation', { name: 'メイン' });
    expect(await within(modNav).findByRole('link', { name: '運営' })).toHaveAttribute('href', '/console');
  });

  it('gives a moderator one h1, an h2 per section and a keyboard-reachable list of links to them', async () => {
    consoleApi();
    renderConsole();
    expect(await screen.findByRole('heading', { level: 1, name: '運営コンソール' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const names = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(names).toEqual([
      '活動ファネル', 'まだ投稿していないメンバー', '未回答の質問', '勉強会', '通報', '情報が古いと報告された投稿', 'お知らせ', 'チャンネル', 'メンバーと招待', '配信ログ',
    ]);
    const local = screen.getByRole('navigation', { name: 'コンソールの項目' });
    // the console's own navigation lists the sections in the order they appear
    expect(within(local).getAllByRole('link').map((link) => link.textContent)).toEqual(names);
    const link = within(local).getByRole('link', { name: '通報' });
    expect(link.getAttribute('href')).toBe(`#${screen.getByRole('heading', { level: 2, name: '通報' }).id}`);
  });
});

describe('通報', () => {
  it('lists reported posts with their reports, hides one and refreshes the queue', async () => {
    const api = consoleApi().on('POST /api/posts/p1/hide', { status: 204 });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '通報' });
    const post = await within(region).findByRole('article', { name: '不適切な宣伝' });
    expect(within(post).getByRole('link', { name: '不適切な宣伝' })).toHaveAttribute('href', '/posts/p1');
    expect(within(post).getByText('今だけ特価で…')).toBeInTheDocument();
    expect(within(post).getByText(/宣伝 太郎/)).toBeInTheDocument();
    expect(within(post).getByText(/通報 2 件（未対応 2 件）/)).toBeInTheDocument();
    const reasons = within(post).getAllByRole('listitem').map((item) => item.textContent);
    expect(reasons[0]).toMatch(/^宣伝です/);
    expect(reasons[1]).toMatch(/^スパム/);

    const hiddenOne = within(region).getByRole('article', { name: '自動で非表示になった投稿' });
    expect(within(hiddenOne).getByText(/非表示中/)).toBeInTheDocument();
    expect(within(hiddenOne).getByText('（理由の記入なし）')).toBeInTheDocument();
    expect(within(hiddenOne).getByRole('button', { name: '再表示する' })).toBeInTheDocument();

    const before = requestsTo(api, 'GET', '/api/moderation/reports').length;
    await user.click(within(post).getByRole('button', { name: '非表示にする' }));

    await waitFor(() => expect(screen.getByText('「不適切な宣伝」を非表示にしました')).toBeInTheDocument());
    const hide = requestsTo(api, 'POST', '/api/posts/p1/hide');
    expect(hide).toHaveLength(1);
    // no reason written: no body, so the service records its own reason (MODERATOR) as before
    expect(await hide[0].text()).toBe('');
    await waitFor(() => expect(requestsTo(api, 'GET', '/api/moderation/reports').length).toBeGreaterThan(before));
  });

  it('shows the API’s refusal when hiding fails', async () => {
    consoleApi().on('POST /api/posts/p1/hide', { status: 403, body: { title: '権限がありません / Forbidden', status: 403 } });
    const user = userEvent.setup();
    renderConsole();
    const post = await screen.findByRole('article', { name: '不適切な宣伝' });
    await user.click(within(post).getByRole('button', { name: '非表示にする' }));
    expect(await within(post).findByRole('alert')).toHaveTextContent('権限がありません');
  });
});

describe('お知らせ', () => {
  it('posts an ANNOUNCEMENT to announcements with an Idempotency-Key, then follows its fan-out until it is done', async () => {
    let polls = 0;
    const progressAt = [
      { status: 404, body: { title: 'このお知らせの配信はまだ始まっていません', status: 404 } },
      { body: { postId: 'p-ann', state: 'FANNING_OUT', recipients: 120, inboxStored: 40, mail: { planned: 0, sent: 0, failed: 0, waiting: 0 }, slack: { planned: 0, posted: 0, failed: 0, waiting: 0 } } },
      { body: { postId: 'p-ann', state: 'DONE', recipients: 120, inboxStored: 120, mail: { planned: 80, sent: 79, failed: 1, waiting: 0 }, slack: { planned: 2, posted: 2, failed: 0, waiting: 0 }, finishedAt: '2026-11-28T10:00:09Z' } },
    ];
    const api = consoleApi()
      .on('POST /api/posts', {
        body: { id: 'p-ann', channel: 'announcements', kind: 'ANNOUNCEMENT', title: '年末のお知らせ', createdAt: '2026-11-28T10:00:00Z' },
      })
      .on('GET /api/notifications/announcements/p-ann/progress', () => progressAt[Math.min(polls++, progressAt.length - 1)]);
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: 'お知らせ' });
    await user.type(within(region).getByRole('textbox', { name: 'タイトル' }), '年末のお知らせ');
    await user.type(within(region).getByRole('textbox', { name: '本文' }), '**12月28日** から休みます');
    await user.click(within(region).getByRole('button', { name: 'プレビュー' }));
    expect(within(region).getByText('12月28日').tagName).toBe('STRONG');
    await user.click(within(region).getByRole('button', { name: '書く' }));
    await user.click(within(region).getByRole('button', { name: 'お知らせを送る' }));

    const state = await within(region).findByRole('status', { name: '配信の状態' });
    expect(state).toHaveTextContent('配信の開始を待っています');
    expect(within(region).queryByRole('alert')).not.toBeInTheDocument();
    await waitFor(() => expect(state).toHaveTextContent('120 人の受信箱に届けています'), { timeout: 3000 });
    const table = within(region).getByRole('table', { name: '120 人への配信の内訳' });
    expect(within(table).getByRole('row', { name: /受信箱/ })).toHaveTextContent('40 / 120');

    await waitFor(() => expect(state).toHaveTextContent('配信が完了しました'), { timeout: 3000 });
    expect(within(table).getByRole('row', { name: /メール/ })).toHaveTextContent('79 / 80');
    expect(within(table).getByRole('row', { name: /Slack/ })).toHaveTextContent('2 / 2');

    const post = requestsTo(api, 'POST', '/api/posts')[0];
    expect(post.headers.get('Idempotency-Key')).toMatch(/.{8,}/);
    expect(await post.json()).toEqual({
      channel: 'announcements', kind: 'ANNOUNCEMENT', title: '年末のお知らせ', body: '**12月28日** から休みます', tags: [],
    });
    const announced = screen.getAllByRole('status').find((status) => status.textContent?.includes('お知らせを送りました'));
    expect(announced).toBeDefined();
    expect(within(announced!).getByRole('link', { name: 'お知らせを見る' })).toHaveAttribute('href', '/posts/p-ann');
  });
});

describe('チャンネル', () => {
  it('shows a field error from a 400 problem when creating a channel', async () => {
    const api = consoleApi().on('POST /api/channels', {
      status: 400,
      body: {
        title: '入力内容を確認してください / Invalid input',
        status: 400,
        errors: [{ field: 'slug', message: '半角英小文字・数字・- で入力してください / Use a-z, 0-9 and -' }],
      },
    });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: 'チャンネル' });
    await user.type(within(region).getByRole('textbox', { name: 'スラッグ' }), 'DX 神奈川');
    await user.type(within(region).getByRole('textbox', { name: '名前' }), 'DX 神奈川');
    await user.click(within(region).getByRole('radio', { name: '運営担当者だけが投稿できる' }));
    await user.click(within(region).getByRole('button', { name: 'チャンネルを作る' }));

    expect(await within(region).findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    const slug = within(region).getByRole('textbox', { name: 'スラッグ' });
    expect(slug).toHaveAttribute('aria-invalid', 'true');
    expect(slug).toHaveAccessibleDescription(expect.stringContaining('半角英小文字・数字・- で入力してください'));
    expect(requestsTo(api, 'POST', '/api/channels')).toHaveLength(1);
    expect(api.bodies[api.requests.findIndex((r) => r.method === 'POST' && r.url.endsWith('/api/channels'))]).toEqual({
      slug: 'DX 神奈川', name: 'DX 神奈川', description: '', postingPolicy: 'MODERATORS',
    });
  });

  it('lists channels with their Slack mirror and sets one', async () => {
    const api = consoleApi().on('PUT /api/notifications/channel-mirrors/announcements', {
      body: { channel: 'announcements', slackWebhookUrl: 'https://hooks.slack.com/services/y' },
    });
    const user = userEvent.setup();
    renderConsole();
    const general = await screen.findByRole('article', { name: /雑談/ });
    expect(await within(general).findByText(/Slack へ転送中/)).toBeInTheDocument();
    const announcements = screen.getByRole('article', { name: /お知らせ/ });
    expect(within(announcements).getByText('Slack へは転送していません')).toBeInTheDocument();
    await user.click(within(announcements).getByRole('button', { name: '「お知らせ」の Slack 転送を設定する' }));
    await user.type(within(announcements).getByRole('textbox', { name: 'Slack の Webhook URL' }), 'https://hooks.slack.com/services/y');
    await user.click(within(announcements).getByRole('button', { name: '転送を保存する' }));
    await waitFor(() => expect(screen.getByText('「お知らせ」を Slack へ転送します')).toBeInTheDocument());
    const put = requestsTo(api, 'PUT', '/api/notifications/channel-mirrors/announcements')[0];
    expect(await put.json()).toEqual({ slackWebhookUrl: 'https://hooks.slack.com/services/y' });
  });
});

describe('メンバーと招待', () => {
  it('issues an invitation and shows the link that opens registration with the code', async () => {
    const api = consoleApi().on('POST /api/members/invitations', {
      status: 201,
      body: { invitationCode: 'INV-7Q2K', expiresAt: '2026-12-28T00:00:00Z' },
    });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: 'メンバーと招待' });
    await user.type(within(region).getByRole('textbox', { name: 'メモ' }), '那覇の勉強会の講師');
    await user.click(within(region).getByRole('button', { name: '招待コードを発行する' }));
    const link = await within(region).findByRole('textbox', { name: '招待リンク' });
    expect(link).toHaveValue(`${window.location.origin}/register?invitation=INV-7Q2K`);
    expect(within(region).getByText('INV-7Q2K')).toBeInTheDocument();
    const sent = requestsTo(api, 'POST', '/api/members/invitations')[0];
    expect(await sent.json()).toEqual({ note: '那覇の勉強会の講師' });
  });

  it('offers ADMIN only to admins and sends the chosen roles', async () => {
    const found = { id: 'm-5', handle: 'maeda_hanako', displayName: '前田 花子', roles: ['MEMBER'] };
    let api = consoleApi().on('GET /api/members', { body: { items: [found], nextCursor: null } });
    const user = userEvent.setup();
    const { unmount } = renderConsole();
    let region = await screen.findByRole('region', { name: 'メンバーと招待' });
    await user.type(within(region).getByRole('searchbox', { name: 'メンバーを探す' }), '前田');
    await user.click(within(region).getByRole('button', { name: '探す' }));
    let roles = await within(region).findByRole('group', { name: '前田 花子 のロール' });
    expect(within(roles).getByRole('checkbox', { name: 'モデレーター' })).not.toBeChecked();
    expect(within(roles).queryByRole('checkbox', { name: '管理者' })).not.toBeInTheDocument();
    unmount();
    await signOut();

    api = consoleApi(admin)
      .on('GET /api/members', { body: { items: [found], nextCursor: null } })
      .on('PUT /api/members/m-5/roles', { body: { ...found, roles: ['MEMBER', 'MODERATOR'] } });
    renderConsole();
    region = await screen.findByRole('region', { name: 'メンバーと招待' });
    await user.type(within(region).getByRole('searchbox', { name: 'メンバーを探す' }), '前田');
    await user.click(within(region).getByRole('button', { name: '探す' }));
    roles = await within(region).findByRole('group', { name: '前田 花子 のロール' });
    expect(within(roles).getByRole('checkbox', { name: '管理者' })).toBeInTheDocument();
    await user.click(within(roles).getByRole('checkbox', { name: 'モデレーター' }));
    await user.click(within(region).getByRole('button', { name: 'ロールを保存する' }));
    await waitFor(() => expect(screen.getByText('前田 花子 のロールを保存しました')).toBeInTheDocument());
    expect(new URL(requestsTo(api, 'GET', '/api/members')[0].url).searchParams.get('q')).toBe('前田');
    expect(await requestsTo(api, 'PUT', '/api/members/m-5/roles')[0].json()).toEqual({ roles: ['MEMBER', 'MODERATOR'] });
  });
});

describe('配信ログ', () => {
  it('highlights failures with their last error and filters by status', async () => {
    const api = consoleApi().on('GET /api/notifications/deliveries', {
      body: {
        items: [
          { id: 'd2', channel: 'EMAIL', kind: 'INSTANT', recipient: 'h***@town.example.lg.jp', status: 'FAILED', attempts: 5,
            lastError: '550 mailbox unavailable', createdAt: '2026-11-28T01:00:00Z' },
          { id: 'd1', channel: 'SLACK', kind: 'MIRROR', status: 'SENT', attempts: 1, createdAt: '2026-11-28T00:00:00Z' },
        ],
        nextCursor: null,
      },
    });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '配信ログ' });
    const list = await within(region).findByRole('list', { name: '配信の記録' });
    const [failed, sent] = within(list).getAllByRole('listitem');
    expect(failed).toHaveTextContent('失敗');
    expect(failed).toHaveTextContent('最後のエラー: 550 mailbox unavailable');
    expect(failed.className).toMatch(/border-error-1/);
    expect(sent).toHaveTextContent('送信済み');
    expect(sent.className).not.toMatch(/border-error-1/);

    await user.selectOptions(within(region).getByRole('combobox', { name: '状態' }), '失敗');
    await waitFor(() =>
      expect(requestsTo(api, 'GET', '/api/notifications/deliveries').some((r) => new URL(r.url).searchParams.get('status') === 'FAILED')).toBe(true),
    );
  });
});

describe('活動ファネル', () => {
  it('shows the counts as a chart with a summary, a table and weekly cohorts, and regroups by prefecture', async () => {
    const api = consoleApi().on('GET /api/members/funnel', (request) =>
      new URL(request.url).searchParams.get('groupBy') === 'prefecture'
        ? { body: { ...funnel, groups: [
          { key: '47', label: '沖縄県', counts: counts(12, 12, 9, 4, 3, 3) },
          { key: '13', label: '東京都', counts: counts(28, 24, 9, 5, 3, 2) },
        ] } }
        : { body: funnel });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '活動ファネル' });
    const chart = await within(region).findByRole('img', { name: /活動ファネルの棒グラフ/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('全体: 登録 40 人、メール確認 36 人、自己紹介 18 人、最初の質問・アイデア 9 人、他の人への返信 6 人、返信を受けた 5 人'));
    const table = within(region).getByRole('table', { name: '段階ごとの人数（括弧内は登録した人に対する割合）' });
    const row = within(table).getByRole('row', { name: /全体/ });
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['40', '36（90%）', '18（45%）', '9（23%）', '6（15%）', '5（13%）']);
    const cohorts = within(region).getByRole('table', { name: /登録した週ごとの人数/ });
    // a count the service left out (null) reads as nobody
    expect(within(within(cohorts).getByRole('row', { name: /2026-11-23 の週/ })).getAllByRole('cell').map((cell) => cell.textContent))
      .toEqual(['8', '7', '3', '1', '0', '0']);
    expect(within(region).getByText('30.5 時間')).toBeInTheDocument();
    expect(within(region).getByText('10 人中 4 人が投稿（40%）')).toBeInTheDocument();
    const first = new URL(requestsTo(api, 'GET', '/api/members/funnel')[0].url).searchParams;
    expect(first.get('groupBy')).toBe('none');
    expect(first.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await user.selectOptions(within(region).getByRole('combobox', { name: '分ける単位' }), '都道府県');
    expect(await within(region).findByRole('row', { name: /沖縄県/ })).toBeInTheDocument();
    expect(within(region).getByRole('img', { name: /沖縄県: 登録 12 人/ })).toBeInTheDocument();
    const last = requestsTo(api, 'GET', '/api/members/funnel').at(-1)!;
    expect(new URL(last.url).searchParams.get('groupBy')).toBe('prefecture');
    expect(new URL(last.url).searchParams.get('from')).toBe(first.get('from'));
  });

  it('downloads funnel.csv with the same parameters and the access token, under the server’s file name', async () => {
    consoleApi();
    const gateway = globalThis.fetch;
    const csvRequests: Request[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
      if (new URL(request.url).pathname !== '/api/members/funnel.csv') return gateway(input, init);
      csvRequests.push(request);
      return new Response('\uFEFFグループ,登録\n全体,40\n', {
        headers: { 'Content-Type': 'text/csv; charset=UTF-8', 'Content-Disposition': 'attachment; filename="kyoso-funnel-2026-09-01-2026-11-29.csv"' },
      });
    });
    const createObjectURL = vi.fn(() => 'blob:funnel');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`);
    });
    try {
      const user = userEvent.setup();
      renderConsole();
      const region = await screen.findByRole('region', { name: '活動ファネル' });
      await user.selectOptions(within(region).getByRole('combobox', { name: '分ける単位' }), '団体の種類');
      const link = within(region).getByRole('link', { name: 'CSVをダウンロード' });
      expect(link).toHaveAttribute('download');
      const href = new URL(link.getAttribute('href')!, 'http://localhost');
      expect(href.pathname).toBe('/api/members/funnel.csv');
      expect(href.searchParams.get('groupBy')).toBe('organizationType');
      await user.click(link);

      await waitFor(() => expect(screen.getByText('kyoso-funnel-2026-09-01-2026-11-29.csv を保存しました')).toBeInTheDocument());
      expect(csvRequests).toHaveLength(1);
      const sent = new URL(csvRequests[0].url);
      expect(sent.search).toBe(href.search);
      expect(csvRequests[0].headers.get('Authorization')).toMatch(/^Bearer .+/);
      expect(saved).toEqual(['kyoso-funnel-2026-09-01-2026-11-29.csv blob:funnel']);
      const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
      expect(new Uint8Array(await blob.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    } finally {
      click.mockRestore();
    }
  });
});

describe('まだ投稿していないメンバー', () => {
  const waiting = [
    { memberId: 'm-a', displayName: '比嘉 さくら', handle: 'higa', organization: '那覇市', prefecture: '沖縄県',
      registeredAt: '2026-10-01T01:00:00Z', attendedSession: true, lastNudgedAt: null },
    { memberId: 'm-b', displayName: '金城 健', handle: 'kinjo', organization: '沖縄県', prefecture: '沖縄県',
      registeredAt: '2026-10-05T01:00:00Z', attendedSession: false, lastNudgedAt: '2026-11-20T01:00:00Z' },
    { memberId: 'm-c', displayName: '島袋 光', handle: 'shima', registeredAt: '2026-10-09T01:00:00Z', attendedSession: false },
  ];

  it('sends the edited nudge to the chosen members, shows who was skipped and why, and refreshes the list', async () => {
    const api = consoleApi()
      .on('GET /api/members/never-posted', { body: { items: waiting, nextCursor: null } })
      .on('POST /api/members/nudges', { body: { sent: ['m-a'], skipped: [{ memberId: 'm-b', reason: 'RECENTLY_NUDGED' }] } });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: 'まだ投稿していないメンバー' });
    const list = await within(region).findByRole('list', { name: 'まだ投稿していないメンバーの一覧' });
    const sakura = within(list).getByRole('checkbox', { name: '比嘉 さくら' });
    expect(sakura).toHaveAccessibleDescription(expect.stringContaining('勉強会に参加した'));
    expect(within(list).getByRole('checkbox', { name: '金城 健' })).toHaveAccessibleDescription(expect.stringContaining('前回の声かけ'));
    expect(within(list).getByRole('checkbox', { name: '島袋 光' })).toHaveAccessibleDescription(expect.stringContaining('声かけはまだ'));

    await user.click(within(region).getByRole('button', { name: '送る' }));
    expect(await within(region).findByRole('alert')).toHaveTextContent('送る相手を 1 人以上選んでください。');
    expect(requestsTo(api, 'POST', '/api/members/nudges')).toHaveLength(0);

    const all = within(region).getByRole('checkbox', { name: '表示中の 3 人をすべて選ぶ' });
    await user.click(all);
    expect(within(list).getAllByRole('checkbox').every((box) => (box as HTMLInputElement).checked)).toBe(true);
    await user.click(within(list).getByRole('checkbox', { name: '島袋 光' }));
    expect(all).not.toBeChecked();
    expect(within(region).getByText('2 人を選んでいます')).toBeInTheDocument();

    const title = within(region).getByRole('textbox', { name: /声かけのタイトル/ });
    expect(title).toHaveValue('自己紹介を書いてみませんか');
    const body = within(region).getByRole('textbox', { name: /声かけの本文/ });
    for (const part of ['所属', '担当業務', '関心のあるテーマ', 'ひとこと']) expect((body as HTMLTextAreaElement).value).toContain(part);
    await user.clear(title);
    await user.type(title, '那覇の勉強会のあとで');
    await user.clear(body);
    await user.type(body, '自己紹介をお願いします');
    const before = requestsTo(api, 'GET', '/api/members/never-posted').length;
    await user.click(within(region).getByRole('button', { name: '送る' }));

    const skipped = await within(region).findByRole('list', { name: '送らなかったメンバーと理由' });
    expect(within(skipped).getByRole('listitem')).toHaveTextContent('金城 健: 30 日以内に声かけ済み');
    expect(within(within(region).getByRole('list', { name: '送ったメンバー' })).getByRole('listitem')).toHaveTextContent('比嘉 さくら');
    expect(screen.getByText('1 人に送りました（送らなかった人 1 人）')).toBeInTheDocument();
    expect(await requestsTo(api, 'POST', '/api/members/nudges')[0].json()).toEqual({
      memberIds: ['m-a', 'm-b'], title: '那覇の勉強会のあとで', body: '自己紹介をお願いします',
    });
    await waitFor(() => expect(requestsTo(api, 'GET', '/api/members/never-posted').length).toBeGreaterThan(before));
  });
});

describe('通報の理由と履歴', () => {
  it('sends the reason with a hide and lists past decisions', async () => {
    const api = consoleApi()
      .on('POST /api/posts/p1/hide', { status: 204 })
      .on('GET /api/moderation/decisions', {
        body: {
          items: [
            { postId: 'p2', title: '自動で非表示になった投稿', channel: 'general', action: 'AUTO_HIDE', note: null, by: null, at: '2026-11-26T01:00:00Z' },
            { postId: 'p7', title: '古い宣伝', channel: 'general', action: 'HIDE', note: '営業目的の投稿のため', by: 'm-mod', at: '2026-11-20T01:00:00Z' },
          ],
          nextCursor: null,
        },
      });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '通報' });
    const history = await within(region).findByRole('list', { name: '対応の履歴' });
    const [auto, hidden] = within(history).getAllByRole('listitem');
    expect(auto).toHaveTextContent('通報が重なり自動で非表示');
    expect(hidden).toHaveTextContent('非表示にした');
    expect(hidden).toHaveTextContent('理由: 営業目的の投稿のため');

    const post = within(region).getByRole('article', { name: '不適切な宣伝' });
    await user.type(within(post).getByRole('textbox', { name: /理由/ }), '宣伝はご遠慮ください');
    await user.click(within(post).getByRole('button', { name: '非表示にする' }));
    await waitFor(() => expect(screen.getByText('「不適切な宣伝」を非表示にしました')).toBeInTheDocument());
    expect(await requestsTo(api, 'POST', '/api/posts/p1/hide')[0].json()).toEqual({ reason: '宣伝はご遠慮ください' });
  });
});

describe('招待の一覧', () => {
  it('lists invitations with their status and revokes an open one with DELETE', async () => {
    const api = consoleApi()
      .on('GET /api/members/invitations', {
        body: {
          items: [
            { id: 'i2', email: 'lecturer@example.com', note: '那覇の講師', createdBy: 'm-mod', createdAt: '2026-11-20T00:00:00Z',
              expiresAt: '2026-12-20T00:00:00Z', usedAt: null, revokedAt: null, status: 'OPEN' },
            { id: 'i1', email: null, createdBy: 'm-mod', createdAt: '2026-10-01T00:00:00Z', expiresAt: '2026-10-31T00:00:00Z',
              usedAt: '2026-10-02T00:00:00Z', status: 'USED' },
          ],
          nextCursor: null,
        },
      })
      .on('DELETE /api/members/invitations/i2', { status: 204 });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: 'メンバーと招待' });
    const list = await within(region).findByRole('list', { name: '発行した招待' });
    const [open, used] = within(list).getAllByRole('listitem');
    expect(open).toHaveTextContent('lecturer@example.com への招待');
    expect(open).toHaveTextContent('有効');
    expect(used).toHaveTextContent('宛先の指定なし への招待');
    expect(used).toHaveTextContent('使用済み');
    expect(within(used).queryByRole('button', { name: '取り消す' })).not.toBeInTheDocument();
    const before = requestsTo(api, 'GET', '/api/members/invitations').length;
    await user.click(within(open).getByRole('button', { name: '取り消す' }));
    await waitFor(() => expect(screen.getByText('lecturer@example.com への招待を取り消しました')).toBeInTheDocument());
    expect(requestsTo(api, 'DELETE', '/api/members/invitations/i2')).toHaveLength(1);
    await waitFor(() => expect(requestsTo(api, 'GET', '/api/members/invitations').length).toBeGreaterThan(before));
  });
});

describe('チャンネルのアーカイブ', () => {
  it('lists archived channels apart and archives and unarchives', async () => {
    const old = { id: 'c3', slug: 'naha-2025', name: '那覇勉強会 2025', description: '', postingPolicy: 'OPEN', postCount: 9, archived: true };
    const api = consoleApi()
      .on('GET /api/channels', { body: { items: [...channels, old], nextCursor: null } })
      .on('POST /api/channels/general/archive', { body: { ...channels[0], archived: true } })
      .on('POST /api/channels/naha-2025/unarchive', { body: { ...old, archived: false } });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: 'チャンネル' });
    const active = await within(region).findByRole('list', { name: 'チャンネル一覧' });
    const archived = within(region).getByRole('list', { name: 'アーカイブしたチャンネル' });
    expect(within(active).queryByRole('article', { name: /那覇勉強会 2025/ })).not.toBeInTheDocument();
    const oldChannel = within(archived).getByRole('article', { name: /那覇勉強会 2025/ });
    expect(within(oldChannel).getByText(/アーカイブ済み/)).toBeInTheDocument();

    await user.click(within(within(active).getByRole('article', { name: /雑談/ })).getByRole('button', { name: 'アーカイブする' }));
    await waitFor(() => expect(screen.getByText('「雑談」をアーカイブしました')).toBeInTheDocument());
    expect(requestsTo(api, 'POST', '/api/channels/general/archive')).toHaveLength(1);

    await user.click(within(oldChannel).getByRole('button', { name: 'アーカイブを解除する' }));
    await waitFor(() => expect(screen.getByText('「那覇勉強会 2025」のアーカイブを解除しました')).toBeInTheDocument());
    expect(requestsTo(api, 'POST', '/api/channels/naha-2025/unarchive')).toHaveLength(1);
  });
});

describe('チャンネルの編集', () => {
  it('sends only the fields that changed, and shows a field error without closing the form', async () => {
    let patches = 0;
    const api = consoleApi().on('PATCH /api/channels/general', () => {
      patches += 1;
      return patches === 1
        ? { status: 400, body: { title: '入力内容を確認してください', status: 400, errors: [{ field: 'name', message: '名前は 50 文字以内です' }] } }
        : { body: { ...channels[0], description: '困りごとは何でもどうぞ', postingPolicy: 'MODERATORS' } };
    });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: 'チャンネル' });
    const general = within(await within(region).findByRole('list', { name: 'チャンネル一覧' })).getByRole('article', { name: /雑談/ });
    const edit = within(general).getByRole('button', { name: '「雑談」を編集する' });
    expect(edit).toHaveAttribute('aria-expanded', 'false');
    await user.click(edit);
    const form = within(general).getByRole('form', { name: '「雑談」の編集' });
    const description = within(form).getByRole('textbox', { name: '説明' });
    expect(description).toHaveValue('何でも');
    await user.clear(description);
    await user.type(description, '困りごとは何でもどうぞ');
    await user.click(within(form).getByRole('radio', { name: '運営担当者だけが投稿できる' }));
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    expect(within(form).getByRole('textbox', { name: '名前' })).toHaveAccessibleDescription(/名前は 50 文字以内です/);
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));

    await waitFor(() => expect(screen.getByText('チャンネル「雑談」を更新しました')).toBeInTheDocument());
    expect(within(general).queryByRole('form')).not.toBeInTheDocument();
    const sent = api.requests.map((request, index) => ({ request, body: api.bodies[index] }))
      .filter(({ request }) => request.method === 'PATCH');
    expect(sent).toHaveLength(2);
    expect(sent[1].body).toEqual({ description: '困りごとは何でもどうぞ', postingPolicy: 'MODERATORS' });
  });
});

describe('情報が古いと報告された投稿', () => {
  it('lists reported posts with their open reports and confirms one', async () => {
    const item = {
      postId: 'p5', channel: 'general', title: '児童手当の現況届について', author: { id: 'm-3', displayName: '佐藤 一郎' },
      status: 'FLAGGED', outdated: { status: 'FLAGGED', flags: 1 },
      flags: [{ flagId: 'f1', reason: '令和4年6月から現況届は原則不要です', link: 'https://www.cfa.go.jp/', at: '2026-11-27T01:00:00Z', status: 'OPEN' }],
    };
    const api = consoleApi()
      .on('GET /api/moderation/outdated-flags', { body: { items: [item], nextCursor: null } })
      .on('POST /api/posts/p5/outdated-flags/confirm', { body: { id: 'p5', title: item.title, outdated: { status: 'CONFIRMED', flags: 1 } } });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: '情報が古いと報告された投稿' });
    const card = within(await within(region).findByRole('list', { name: '報告された投稿の一覧' })).getByRole('article', { name: '児童手当の現況届について' });
    expect(within(card).getByRole('list', { name: '「児童手当の現況届について」への報告' })).toHaveTextContent('令和4年6月から現況届は原則不要です');
    await user.click(within(card).getByRole('button', { name: '古いことを確認する' }));
    await waitFor(() => expect(screen.getByText('「児童手当の現況届について」は情報が古いと確認しました')).toBeInTheDocument());
    expect(requestsTo(api, 'POST', '/api/posts/p5/outdated-flags/confirm')).toHaveLength(1);
  });
});
