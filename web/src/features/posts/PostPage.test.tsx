import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import PostPage from './PostPage';
import { signIn, signOut } from '../auth/testing/signIn';
import { channelsFixture, hanako, hanakoClaims, postFixture, replyFixture } from './testing/fixtures';

function api(): FakeApi {
  const fake = fakeApi()
    .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
    .on('GET /api/posts/p1', { body: postFixture({ replyCount: 2, reactions: { '👍': 2 } }) })
    .on('GET /api/posts/p1/replies', { body: { items: [replyFixture(1), replyFixture(2)], nextCursor: null } });
  signIn(fake, hanakoClaims);
  return fake;
}

function renderPost(route = '/posts/p1') {
  return renderScreen(<PostPage />, { route, path: '/posts/:id' });
}

beforeEach(async () => {
  fakeApi();
  await signOut();
});

describe('PostPage', () => {
  beforeEach(() => localStorage.clear());

  it('shows the post and its replies as articles whose ids the mail links point at', async () => {
    api();
    renderPost();
    expect(await screen.findByRole('heading', { level: 1, name: '住民票のコンビニ交付について' })).toBeInTheDocument();
    expect(screen.getByText('質問')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '佐藤 一郎' })).toHaveAttribute('href', '/members/m-sato');
    expect(screen.getByText('窓口業務').tagName).toBe('STRONG');
    expect(screen.getByText('（北町役場）')).toBeInTheDocument();

    const first = await screen.findByText('返信その1');
    expect(first.closest('article')).toHaveAttribute('id', 'reply-r1');
    expect(screen.getByText('返信その2').closest('article')).toHaveAttribute('id', 'reply-r2');
    expect(screen.getByRole('heading', { level: 2, name: '返信（2 件）' })).toBeInTheDocument();
    for (const name of ['リアクション', '通報する', '返信する']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    // not the author: no edit or delete
    expect(screen.queryByRole('button', { name: '編集する' })).not.toBeInTheDocument();
  });

  it('shows the organization the author wrote from, with the current one beside it after a move', async () => {
    api()
      .on('GET /api/posts/p1', { body: postFixture({ author: { id: 'm-gima', displayName: '儀間 聡子', organization: '沖縄県' }, authorOrganizationAtPosting: '久米島町' }) })
      .on('GET /api/posts/p1/replies', { body: { items: [replyFixture(1, { authorOrganizationAtPosting: '北町役場' })], nextCursor: null } });
    renderPost();
    expect(await screen.findByText('（投稿時: 久米島町、現在: 沖縄県）')).toBeInTheDocument();
    expect(await screen.findByText('投稿時: 北町役場、現在: 南市役所')).toBeInTheDocument();
  });

  it('keeps loading pages of the thread until the reply of the link is there', async () => {
    const fake = api().on('GET /api/posts/p1/replies', (request) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      if (!cursor) return { body: { items: [replyFixture(1)], nextCursor: 'c2' } };
      if (cursor === 'c2') return { body: { items: [replyFixture(2)], nextCursor: 'c3' } };
      return { body: { items: [replyFixture(3)], nextCursor: 'c4' } };
    });
    renderPost('/posts/p1#reply-r3');
    expect(await screen.findByText('返信その3')).toBeInTheDocument();
    expect(document.getElementById('reply-r3')).not.toBeNull();
    const cursors = fake.requests
      .filter((request) => request.url.includes('/replies'))
      .map((request) => new URL(request.url).searchParams.get('cursor'));
    expect(cursors).toEqual([null, 'c2', 'c3']);
    // the target is found: no further page is fetched on its own
    expect(screen.getByRole('button', { name: 'もっと見る' })).toBeInTheDocument();
  });

  it('posts a reply: it appears, the box clears, and 投稿しました is announced', async () => {
    const fake = api().on('POST /api/posts/p1/replies', {
      status: 201,
      body: replyFixture(3, { body: 'うちでは予約制にしました', author: { id: hanako.memberId, displayName: hanako.displayName } }),
    });
    const user = userEvent.setup();
    renderPost();
    const box = await screen.findByRole('textbox', { name: '返信' });
    await user.type(box, 'うちでは予約制にしました');
    await user.click(screen.getByRole('button', { name: '返信する' }));

    const status = await waitFor(() => {
      const found = screen.getAllByRole('status').find((element) => element.textContent?.includes('投稿しました'));
      expect(found).toBeTruthy();
      return found!;
    });
    expect(status).toHaveTextContent('返信を投稿しました');
    expect(within(status).getByRole('link', { name: '返信を見る' })).toHaveAttribute('href', '/posts/p1#reply-r3');
    expect(screen.getByText('うちでは予約制にしました').closest('article')).toHaveAttribute('id', 'reply-r3');
    expect(box).toHaveValue('');
    const index = fake.requests.findIndex((request) => request.method === 'POST' && request.url.endsWith('/replies'));
    expect(fake.bodies[index]).toEqual({ body: 'うちでは予約制にしました' });
    expect(fake.requests[index].headers.get('Idempotency-Key')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '返信（3 件）' })).toBeInTheDocument();
  });

  it('toggles a reaction with aria-pressed from the リアクション picker', async () => {
    let prayed = 0;
    const fake = api()
      .on('GET /api/posts/p1', () => ({ body: postFixture({ reactions: { '👍': 2, '🙏': prayed } }) }))
      .on('PUT /api/posts/p1/reactions/%F0%9F%99%8F', () => {
        prayed = 1;
        return { status: 204 };
      })
      .on('DELETE /api/posts/p1/reactions/%F0%9F%99%8F', () => {
        prayed = 0;
        return { status: 204 };
      });
    const user = userEvent.setup();
    renderPost();
    const thumbs = await screen.findByRole('button', { name: '👍 2 人' });
    expect(thumbs).toHaveAttribute('aria-pressed', 'false');
    const open = screen.getByRole('button', { name: 'リアクション' });
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('button', { name: '🙏' }));
    const pray = await screen.findByRole('button', { name: '🙏 1 人' });
    expect(pray).toHaveAttribute('aria-pressed', 'true');
    await user.click(pray);
    await waitFor(() => expect(screen.queryByRole('button', { name: /🙏/ })).not.toBeInTheDocument());
    expect(fake.requests.some((request) => request.method === 'DELETE' && request.url.endsWith('/reactions/%F0%9F%99%8F'))).toBe(true);
    expect(fake.requests.some((request) => request.method === 'PUT' && request.url.endsWith('/reactions/%F0%9F%99%8F'))).toBe(true);
  });

  it('reports a post with a reason and says it was received', async () => {
    // the gateway answers 202 with Content-Length: 0, which the fake cannot say; an empty JSON body stands in
    const fake = api().on('POST /api/posts/p1/reports', { status: 202, body: {} });
    const user = userEvent.setup();
    renderPost();
    await user.click(await screen.findByRole('button', { name: '通報する' }));
    await user.type(screen.getByRole('textbox', { name: '通報の理由' }), '個人情報が書かれています');
    await user.click(screen.getByRole('button', { name: 'モデレーターに送る' }));
    await waitFor(() =>
      expect(screen.getAllByRole('status').some((element) => element.textContent?.includes('通報を受け付けました'))).toBe(true));
    expect(fake.bodies[fake.requests.findIndex((request) => request.url.endsWith('/reports'))]).toEqual({ reason: '個人情報が書かれています' });
  });

  it('lets the author edit, see the history, and delete after confirming', async () => {
    const fake = fakeApi()
      .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
      .on('GET /api/posts/p1', { body: postFixture({ author: { id: hanako.memberId, displayName: hanako.displayName } }) })
      .on('GET /api/posts/p1/replies', { body: { items: [], nextCursor: null } })
      .on('PATCH /api/posts/p1', { body: postFixture({ title: '改題', author: { id: hanako.memberId, displayName: hanako.displayName }, editedAt: '2026-11-21T00:00:00Z' }) })
      .on('DELETE /api/posts/p1', { status: 204 });
    signIn(fake, hanakoClaims);
    const user = userEvent.setup();
    renderPost();
    await user.click(await screen.findByRole('button', { name: '編集する' }));
    const title = screen.getByRole('textbox', { name: 'タイトル' });
    await user.clear(title);
    await user.type(title, '改題');
    await user.click(screen.getByRole('button', { name: '変更を保存する' }));
    expect(await screen.findByRole('heading', { level: 1, name: '改題' })).toBeInTheDocument();
    expect(screen.getByText('編集履歴')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '削除する' }));
    await user.click(screen.getByRole('button', { name: '削除を確定する' }));
    expect(await screen.findByText('other page')).toBeInTheDocument();
    expect(fake.requests.some((request) => request.method === 'DELETE')).toBe(true);
  });

  it('says clearly in Japanese when the post does not exist (or was deleted or hidden)', async () => {
    const fake = fakeApi().on('GET /api/posts/gone', { status: 404, body: { title: '見つかりません / Not found', status: 404 } });
    signIn(fake, hanakoClaims);
    renderScreen(<PostPage />, { route: '/posts/gone', path: '/posts/:id' });
    expect(await screen.findByRole('heading', { level: 1, name: '投稿が見つかりません' })).toBeInTheDocument();
    expect(screen.getByText(/削除されたか、非表示になったか/)).toBeInTheDocument();
  });

  describe('focus', () => {
    function asAuthor() {
      const fake = fakeApi()
        .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
        .on('GET /api/posts/p1', { body: postFixture({ author: { id: hanako.memberId, displayName: hanako.displayName } }) })
        .on('GET /api/posts/p1/replies', { body: { items: [], nextCursor: null } });
      signIn(fake, hanakoClaims);
      return fake;
    }

    it('moves into the delete confirmation and back to 削除する when it is cancelled', async () => {
      asAuthor();
      const user = userEvent.setup();
      renderPost();
      await user.click(await screen.findByRole('button', { name: '削除する' }));
      expect(document.activeElement).toHaveTextContent('この投稿を削除しますか');
      await user.click(screen.getByRole('button', { name: 'キャンセル' }));
      expect(document.activeElement).toBe(screen.getByRole('button', { name: '削除する' }));
    });

    it('moves into the report form and back to 通報する on cancel and after sending', async () => {
      api().on('POST /api/posts/p1/reports', { status: 202, body: {} });
      const user = userEvent.setup();
      renderPost();
      const open = await screen.findByRole('button', { name: '通報する' });
      await user.click(open);
      expect(document.activeElement).toBe(screen.getByRole('textbox', { name: '通報の理由' }));
      await user.click(screen.getByRole('button', { name: 'キャンセル' }));
      expect(document.activeElement).toBe(open);

      await user.click(open);
      await user.type(screen.getByRole('textbox', { name: '通報の理由' }), '個人情報が書かれています');
      await user.click(screen.getByRole('button', { name: 'モデレーターに送る' }));
      await waitFor(() => expect(open).toHaveAttribute('aria-expanded', 'false'));
      expect(document.activeElement).toBe(open);
    });

    it('goes back to リアクション when an emoji is picked', async () => {
      api().on('PUT /api/posts/p1/reactions/%F0%9F%99%8F', { status: 204 });
      const user = userEvent.setup();
      renderPost();
      const open = await screen.findByRole('button', { name: 'リアクション' });
      await user.click(open);
      expect(document.activeElement).toBe(screen.getByRole('group', { name: '絵文字を選ぶ' }));
      await user.click(screen.getByRole('button', { name: '🙏' }));
      expect(document.activeElement).toBe(open);
    });
  });

  describe('notifications of the thread', () => {
    it('shows 通常 for someone else’s post', async () => {
      api();
      renderPost();
      expect(await screen.findByRole('radio', { name: '通常' })).toBeChecked();
    });

    it('shows 通知する for one’s own post, which the services watch for its author', async () => {
      const fake = fakeApi()
        .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
        .on('GET /api/posts/p1', { body: postFixture({ author: { id: hanako.memberId, displayName: hanako.displayName } }) })
        .on('GET /api/posts/p1/replies', { body: { items: [], nextCursor: null } });
      signIn(fake, hanakoClaims);
      renderPost();
      expect(await screen.findByRole('radio', { name: 'ウォッチ' })).toBeChecked();
    });

    it('shows 通知する in a thread one has replied to', async () => {
      api().on('GET /api/posts/p1/replies', {
        body: { items: [replyFixture(1), replyFixture(2, { author: { id: hanako.memberId, displayName: hanako.displayName } })], nextCursor: null },
      });
      renderPost();
      await screen.findByText('返信その2');
      expect(screen.getByRole('radio', { name: 'ウォッチ' })).toBeChecked();
    });

    it('shows what was chosen in this browser over the default', async () => {
      localStorage.setItem(`kyoso.subscription.${hanako.memberId}.post.p1`, 'MUTED');
      const fake = fakeApi()
        .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
        .on('GET /api/posts/p1', { body: postFixture({ author: { id: hanako.memberId, displayName: hanako.displayName } }) })
        .on('GET /api/posts/p1/replies', { body: { items: [], nextCursor: null } });
      signIn(fake, hanakoClaims);
      renderPost();
      expect(await screen.findByRole('radio', { name: 'ミュート' })).toBeChecked();
    });
  });

  describe('idempotency of replies', () => {
    const keysOf = (fake: FakeApi) => fake.requests
      .filter((request) => request.method === 'POST' && request.url.endsWith('/replies'))
      .map((request) => request.headers.get('Idempotency-Key'));

    it('sends the corrected text of a refused reply under a new key', async () => {
      let calls = 0;
      const fake = api().on('POST /api/posts/p1/replies', () => {
        calls += 1;
        return calls === 1
          ? { status: 400, body: { title: '入力内容を確認してください / Invalid input', status: 400 } }
          : { status: 201, body: replyFixture(3) };
      });
      const user = userEvent.setup();
      renderPost();
      const box = await screen.findByRole('textbox', { name: '返信' });
      await user.type(box, 'x');
      await user.click(screen.getByRole('button', { name: '返信する' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('入力内容を確認してください');
      await user.type(box, 'を直しました');
      await user.click(screen.getByRole('button', { name: '返信する' }));
      await waitFor(() => expect(calls).toBe(2));
      const [first, second] = keysOf(fake);
      expect(first).toBeTruthy();
      expect(second).toBeTruthy();
      expect(second).not.toBe(first);
    });

    it('retries a reply with the same key after a lost connection or a 503', async () => {
      let calls = 0;
      const fake = api().on('POST /api/posts/p1/replies', () => {
        calls += 1;
        return calls === 1
          ? { status: 503, body: { title: '一時的に利用できません / Unavailable', status: 503 } }
          : { status: 201, body: replyFixture(3) };
      });
      const user = userEvent.setup();
      renderPost();
      await user.type(await screen.findByRole('textbox', { name: '返信' }), '再送');
      await user.click(screen.getByRole('button', { name: '返信する' }));
      expect(await screen.findByRole('alert')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: '返信する' }));
      await waitFor(() => expect(calls).toBe(2));
      const [first, second] = keysOf(fake);
      expect(second).toBe(first);
    });
  });
});
