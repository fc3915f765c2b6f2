import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../../test/render';
import { fakeApi, type FakeApi } from '../../../test/fakeApi';
import { signIn, signOut } from '../../auth/testing/signIn';
import type { TestClaims } from '../../auth/testing/token';
import PostPage from '../PostPage';
import SearchPage from '../../search/SearchPage';
import { channelsFixture, hanakoClaims, postFixture, replyFixture } from '../testing/fixtures';

const asker: TestClaims = { sub: 'm-sato', handle: 'sato_ichiro', name: '佐藤 一郎', roles: ['MEMBER'] };
const solvedPost = postFixture({
  replyCount: 2,
  solved: true,
  answer: {
    replyId: 'r2', author: { id: 'm-2', displayName: '返信者 2', organization: '南町役場' },
    excerpt: '返信その2', chosenAt: '2026-11-21T01:00:00Z', chosenBy: 'm-sato',
  },
});

function thread(claims: TestClaims): FakeApi {
  const fake = fakeApi()
    .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
    .on('GET /api/posts/p1', { body: postFixture({ replyCount: 2, solved: false }) })
    .on('GET /api/posts/p1/replies', { body: { items: [replyFixture(1), replyFixture(2)], nextCursor: null } });
  signIn(fake, claims);
  return fake;
}

beforeEach(async () => {
  fakeApi();
  await signOut();
  localStorage.clear();
});

describe('解決済み', () => {
  it('lets the asker choose a reply as the answer, then shows 解決済み and the answer under the question', async () => {
    const api = thread(asker).on('PUT /api/posts/p1/answer', { body: solvedPost });
    const user = userEvent.setup();
    renderScreen(<PostPage />, { route: '/posts/p1', path: '/posts/:id' });
    await screen.findByText('返信その2');
    const buttons = screen.getAllByRole('button', { name: '解決済みにする' });
    expect(buttons).toHaveLength(2);
    const second = screen.getByText('返信その2').closest('article')!;
    const choose = within(second).getByRole('button', { name: '解決済みにする' });
    expect(choose).toHaveAccessibleDescription(/鈴木 二郎.*2026/);
    await user.click(choose);

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('この返信を回答に選び、質問を解決済みにしました'));
    const put = api.requests.findIndex((request) => request.method === 'PUT');
    expect(new URL(api.requests[put].url).pathname).toBe('/api/posts/p1/answer');
    expect(api.bodies[put]).toEqual({ replyId: 'r2' });
    expect(screen.getAllByText('解決済み').length).toBeGreaterThan(0);
    const answer = screen.getByRole('region', { name: 'この質問の回答' });
    expect(within(answer).getByText('返信その2')).toBeInTheDocument();
    expect(within(answer).getByRole('link', { name: 'スレッドで回答を読む' })).toHaveAttribute('href', '/posts/p1#reply-r2');
  });

  it('offers no choice to a member who did not ask', async () => {
    thread(hanakoClaims);
    renderScreen(<PostPage />, { route: '/posts/p1', path: '/posts/:id' });
    await screen.findByText('返信その2');
    expect(screen.queryByRole('button', { name: '解決済みにする' })).not.toBeInTheDocument();
  });

  it('marks the chosen reply and lets the asker take the choice back', async () => {
    const api = thread(asker)
      .on('GET /api/posts/p1', { body: solvedPost })
      .on('GET /api/posts/p1/replies', { body: { items: [replyFixture(1), { ...replyFixture(2), isAnswer: true }], nextCursor: null } })
      .on('DELETE /api/posts/p1/answer', { body: postFixture({ replyCount: 2, solved: false }) });
    const user = userEvent.setup();
    renderScreen(<PostPage />, { route: '/posts/p1', path: '/posts/:id' });
    const chosen = (await screen.findByText('回答に選ばれた返信')).closest('article')!;
    await user.click(within(chosen).getByRole('button', { name: '回答の選択を取り消す' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'この質問の回答' })).not.toBeInTheDocument());
    expect(api.requests.some((request) => request.method === 'DELETE' && request.url.endsWith('/api/posts/p1/answer'))).toBe(true);
  });

  it('shows 解決済み on a search result and filters by 解決状況', async () => {
    const api = fakeApi()
      .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
      .on('GET /api/search', { body: { items: [
        { postId: 'p1', title: '住民票のコンビニ交付について', snippet: 'コンビニ交付', kind: 'QUESTION', solved: true },
        { postId: 'p2', title: '電子申請の本人確認', snippet: '本人確認', kind: 'QUESTION', solved: false },
      ], nextCursor: null } });
    signIn(api, hanakoClaims);
    const user = userEvent.setup();
    renderScreen(<SearchPage />, { route: '/search?q=住民票', path: '/search' });
    const solved = (await screen.findByRole('link', { name: '住民票のコンビニ交付について' })).closest('article')!;
    expect(within(solved).getByText('解決済み')).toBeInTheDocument();
    const open = screen.getByRole('link', { name: '電子申請の本人確認' }).closest('article')!;
    expect(within(open).queryByText('解決済み')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: '解決状況' }), '未解決');
    await waitFor(() => expect(api.requests.some((request) =>
      request.url.includes('/api/search') && new URL(request.url).searchParams.get('solved') === 'false')).toBe(true));
  });
});
