import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    .on('GET /api/sessions', { body: { items: [], nextCursor: null } });
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
    expect(names).toEqual(['通報', '未回答の質問', '勉強会', 'お知らせ', 'チャンネル', 'メンバーと招待', '配信ログ']);
    for (const later of ['活動ファネル', 'まだ投稿していないメンバー']) {
      expect(screen.queryByRole('heading', { name: later })).not.toBeInTheDocument();
    }
    const local = screen.getByRole('navigation', { name: 'コンソールの項目' });
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
    // the service takes no reason (its spec has no request body): nothing is sent that would be silently dropped
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
  it('posts an ANNOUNCEMENT to announcements with an Idempotency-Key, then counts the deliveries since', async () => {
    let polls = 0;
    const api = consoleApi()
      .on('POST /api/posts', {
        body: { id: 'p-ann', channel: 'announcements', kind: 'ANNOUNCEMENT', title: '年末のお知らせ', createdAt: '2026-11-28T10:00:00Z' },
      })
      .on('GET /api/notifications/deliveries', () => {
        polls += 1;
        const retrying = polls === 1 ? 'RETRYING' : 'SENT';
        return {
          body: {
            items: [
              { id: 'd4', channel: 'SLACK', status: 'SENT', createdAt: '2026-11-28T10:00:03Z' },
              { id: 'd3', channel: 'EMAIL', status: retrying, createdAt: '2026-11-28T10:00:02Z' },
              { id: 'd2', channel: 'EMAIL', status: 'SENT', createdAt: '2026-11-28T10:00:01Z' },
              { id: 'd1', channel: 'EMAIL', status: 'FAILED', createdAt: '2026-11-28T09:00:00Z' },
            ],
            nextCursor: 'more',
          },
        };
      });
    const user = userEvent.setup();
    renderConsole();
    const region = await screen.findByRole('region', { name: 'お知らせ' });
    await user.type(within(region).getByRole('textbox', { name: 'タイトル' }), '年末のお知らせ');
    await user.type(within(region).getByRole('textbox', { name: '本文' }), '**12月28日** から休みます');
    await user.click(within(region).getByRole('button', { name: 'プレビュー' }));
    expect(within(region).getByText('12月28日').tagName).toBe('STRONG');
    await user.click(within(region).getByRole('button', { name: '書く' }));
    polls = 0;
    await user.click(within(region).getByRole('button', { name: 'お知らせを送る' }));

    const progress = await within(region).findByRole('status', { name: '配信の進み具合' });
    await waitFor(() => expect(progress).toHaveTextContent('メール 1 件送信済み・1 件再送待ち・0 件失敗'));
    expect(progress).toHaveTextContent('Slack 1 件送信済み・0 件再送待ち・0 件失敗');

    const post = requestsTo(api, 'POST', '/api/posts')[0];
    expect(post.headers.get('Idempotency-Key')).toMatch(/.{8,}/);
    expect(await post.json()).toEqual({
      channel: 'announcements', kind: 'ANNOUNCEMENT', title: '年末のお知らせ', body: '**12月28日** から休みます', tags: [],
    });
    const announced = screen.getAllByRole('status').find((status) => status.textContent?.includes('お知らせを送りました'));
    expect(announced).toBeDefined();
    expect(within(announced!).getByRole('link', { name: 'お知らせを見る' })).toHaveAttribute('href', '/posts/p-ann');

    // polled again after 2 s: the retry went through, and the polling stops
    await waitFor(() => expect(progress).toHaveTextContent('メール 2 件送信済み・0 件再送待ち・0 件失敗'), { timeout: 4000 });
    expect(progress).toHaveTextContent('再送待ちの配信はありません。');
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
