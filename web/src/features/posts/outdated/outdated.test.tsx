import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../../test/render';
import { fakeApi, type FakeApi } from '../../../test/fakeApi';
import { signIn, signOut } from '../../auth/testing/signIn';
import type { TestClaims } from '../../auth/testing/token';
import PostPage from '../PostPage';
import { channelsFixture, hanakoClaims, postFixture } from '../testing/fixtures';

const moderator: TestClaims = { sub: 'm-mod', handle: 'kanri', name: '管理 洋子', roles: ['MEMBER', 'MODERATOR'] };

function postApi(claims: TestClaims, post = postFixture()): FakeApi {
  const api = fakeApi()
    .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
    .on('GET /api/posts/p1', { body: post })
    .on('GET /api/posts/p1/replies', { body: { items: [], nextCursor: null } });
  signIn(api, claims);
  return api;
}

beforeEach(async () => {
  fakeApi();
  await signOut();
  localStorage.clear();
});

describe('情報が古い', () => {
  it('lets a member report a post as outdated with a reason and a link; the banner appears', async () => {
    const api = postApi(hanakoClaims).on('POST /api/posts/p1/outdated-flags', () => ({
      status: 201,
      body: { flagId: 'f1', postId: 'p1', status: 'OPEN', outdated: { status: 'FLAGGED', flags: 1, latestReason: '様式が変わりました', latestLink: 'https://www.soumu.go.jp/x' } },
    }));
    const user = userEvent.setup();
    renderScreen(<PostPage />, { route: '/posts/p1', path: '/posts/:id' });
    await user.click(await screen.findByRole('button', { name: '情報が古いと報告する' }));
    await user.type(screen.getByRole('textbox', { name: '理由' }), '様式が変わりました');
    await user.type(screen.getByRole('textbox', { name: '参考リンク' }), 'https://www.soumu.go.jp/x');
    await user.click(screen.getByRole('button', { name: '報告を送る' }));

    const banner = await screen.findByRole('region', { name: '要確認（法改正・通知の改正）' });
    expect(banner).toHaveTextContent('報告の理由: 様式が変わりました');
    expect(within(banner).getByRole('link', { name: /改正後の情報/ })).toHaveAttribute('href', 'https://www.soumu.go.jp/x');
    expect(within(banner).queryByRole('button')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('報告を受け付けました'));
    const index = api.requests.findIndex((request) => request.method === 'POST' && request.url.endsWith('/outdated-flags'));
    expect(api.bodies[index]).toEqual({ reason: '様式が変わりました', link: 'https://www.soumu.go.jp/x' });
  });

  it('shows the service’s field error beside the reason', async () => {
    postApi(hanakoClaims).on('POST /api/posts/p1/outdated-flags', {
      status: 400, body: { title: '入力内容を確認してください', status: 400, errors: [{ field: 'reason', message: '理由を入力してください' }] },
    });
    const user = userEvent.setup();
    renderScreen(<PostPage />, { route: '/posts/p1', path: '/posts/:id' });
    await user.click(await screen.findByRole('button', { name: '情報が古いと報告する' }));
    await user.click(screen.getByRole('button', { name: '報告を送る' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    expect(screen.getByRole('textbox', { name: '理由' })).toHaveAccessibleDescription(/理由を入力してください/);
  });

  it('gives a gentle note with the citations when they are old', async () => {
    postApi(hanakoClaims, postFixture({
      mayBeOutdated: true,
      citations: [{ kind: 'NOTICE', text: '平成30年4月1日付け総行政第12号通知', issuedOn: '2018-04-01' }],
    }));
    renderScreen(<PostPage />, { route: '/posts/p1', path: '/posts/:id' });
    const note = await screen.findByRole('complementary', { name: '情報が古い可能性があります' });
    expect(within(note).getByRole('list', { name: '引用している法令・通知' })).toHaveTextContent('平成30年4月1日付け総行政第12号通知');
  });

  it('lets a moderator close the reports from the banner', async () => {
    const api = postApi(moderator, postFixture({ outdated: { status: 'FLAGGED', flags: 2, latestReason: '改正されました' } }))
      .on('POST /api/posts/p1/outdated-flags/clear', { body: postFixture() });
    const user = userEvent.setup();
    renderScreen(<PostPage />, { route: '/posts/p1', path: '/posts/:id' });
    const banner = await screen.findByRole('region', { name: '要確認（法改正・通知の改正）' });
    expect(banner).toHaveTextContent('2 件の報告');
    await user.click(within(banner).getByRole('button', { name: '問題なしとして報告を閉じる' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: '要確認（法改正・通知の改正）' })).not.toBeInTheDocument());
    expect(api.requests.some((request) => request.method === 'POST' && request.url.endsWith('/outdated-flags/clear'))).toBe(true);
  });
});
