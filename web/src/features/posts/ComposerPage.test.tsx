import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import ComposerPage from './ComposerPage';
import { introductionTemplate } from './kinds';
import { channelsFixture, hanako, hanakoClaims, postFixture } from './testing/fixtures';
import { signIn, signOut } from '../auth/testing/signIn';

function api(): FakeApi {
  const fake = fakeApi().on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } });
  signIn(fake, hanakoClaims);
  return fake;
}

function renderComposer(route = '/posts/new') {
  return renderScreen(<ComposerPage />, { route, path: '/posts/new' });
}

beforeEach(async () => {
  fakeApi();
  await signOut();
});

describe('ComposerPage', () => {
  it('offers the five kinds to a member, and only open channels', async () => {
    api();
    renderComposer();
    const kind = await screen.findByRole('combobox', { name: '種類' });
    const kinds = within(kind).getAllByRole('option').map((option) => option.textContent);
    expect(kinds).toEqual(['課題', 'アイデア', '質問', '自己紹介', '雑談']);
    const channels = within(screen.getByRole('combobox', { name: 'チャンネル' })).getAllByRole('option');
    expect(channels.map((option) => option.textContent)).toEqual(['自己紹介', '雑談']);
    expect(screen.getByRole('textbox', { name: 'タイトル' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: '本文' })).toBeInTheDocument();
  });

  it('offers お知らせ and the moderators’ channel to a moderator', async () => {
    const fake = fakeApi().on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } });
    signIn(fake, { ...hanakoClaims, roles: ['MEMBER', 'MODERATOR'] });
    renderComposer();
    const kind = await screen.findByRole('combobox', { name: '種類' });
    expect(within(kind).getByRole('option', { name: 'お知らせ' })).toBeInTheDocument();
    expect(within(screen.getByRole('combobox', { name: 'チャンネル' })).getByRole('option', { name: 'お知らせ' })).toBeInTheDocument();
  });

  it('prefills the self-introduction template in #自己紹介', async () => {
    api();
    renderComposer('/posts/new?channel=introductions&kind=INTRODUCTION');
    const body = await screen.findByRole('textbox', { name: '本文' });
    expect(body).toHaveValue(introductionTemplate());
    expect(screen.getByRole('combobox', { name: '種類' })).toHaveValue('INTRODUCTION');
    expect(screen.getByRole('combobox', { name: 'チャンネル' })).toHaveValue('introductions');
  });

  it('fills the template when 自己紹介 is chosen with an empty body', async () => {
    api();
    const user = userEvent.setup();
    renderComposer();
    await user.selectOptions(await screen.findByRole('combobox', { name: '種類' }), '自己紹介');
    expect(screen.getByRole('textbox', { name: '本文' })).toHaveValue(introductionTemplate());
  });

  it('keeps a draft while typing and restores it after a remount', async () => {
    api();
    const user = userEvent.setup();
    const first = renderComposer('/posts/new?channel=general');
    await user.type(await screen.findByRole('textbox', { name: 'タイトル' }), '窓口の混雑');
    await user.type(screen.getByRole('textbox', { name: '本文' }), '予約制にした自治体はありますか');
    expect(await screen.findByText(/下書きを保存しました/)).toBeInTheDocument();
    first.unmount();

    renderComposer('/posts/new?channel=general');
    expect(await screen.findByRole('textbox', { name: 'タイトル' })).toHaveValue('窓口の混雑');
    expect(screen.getByRole('textbox', { name: '本文' })).toHaveValue('予約制にした自治体はありますか');
    expect(screen.getByText(/前回の下書き/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '下書きを破棄' }));
    await user.click(screen.getByRole('button', { name: '破棄する' }));
    expect(screen.getByRole('textbox', { name: 'タイトル' })).toHaveValue('');
    expect(localStorage.getItem(`kyoso.draft.${hanako.memberId}.post.general`)).toBeNull();
  });

  it('shows the field errors of a rejected post at each field and the title in an alert', async () => {
    api().on('POST /api/posts', {
      status: 400,
      body: {
        title: '入力内容を確認してください / Invalid input',
        status: 400,
        errors: [{ field: 'title', message: 'タイトルを入力してください / title is required' }],
      },
    });
    const user = userEvent.setup();
    renderComposer();
    await user.type(await screen.findByRole('textbox', { name: '本文' }), '本文だけ');
    await user.click(screen.getByRole('button', { name: '投稿する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    const title = screen.getByRole('textbox', { name: 'タイトル' });
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('タイトルを入力してください');
  });

  it('posts with an idempotency key, announces where it went and opens the post', async () => {
    const fake = api().on('POST /api/posts', {
      status: 201,
      body: postFixture({ id: 'p9', channel: 'general', kind: 'QUESTION', title: '窓口の混雑' }),
    });
    const user = userEvent.setup();
    renderComposer('/posts/new?channel=general');
    await user.selectOptions(await screen.findByRole('combobox', { name: '種類' }), '質問');
    await user.type(screen.getByRole('textbox', { name: 'タイトル' }), '窓口の混雑');
    await user.type(screen.getByRole('textbox', { name: '本文' }), '予約制は？');
    await user.type(screen.getByRole('textbox', { name: 'タグ' }), '窓口,予約{Enter}');
    await user.click(screen.getByRole('button', { name: '投稿する' }));

    expect(await screen.findByText('other page')).toBeInTheDocument();
    const status = screen.getAllByRole('status').find((element) => element.textContent?.includes('投稿しました'));
    expect(status).toHaveTextContent('投稿しました。#雑談 に公開されました');
    expect(within(status!).getByRole('link', { name: '#雑談 を見る' })).toHaveAttribute('href', '/channels/general');

    const index = fake.requests.findIndex((candidate) => candidate.method === 'POST' && candidate.url.endsWith('/api/posts'));
    expect(fake.requests[index].headers.get('Idempotency-Key')).toMatch(/.{8,}/);
    expect(fake.bodies[index]).toEqual({ channel: 'general', kind: 'QUESTION', title: '窓口の混雑', body: '予約制は？', tags: ['窓口', '予約'] });
    expect(localStorage.getItem(`kyoso.draft.${hanako.memberId}.post.general`)).toBeNull();
  });

  it('sends the same idempotency key again when a post is retried', async () => {
    let calls = 0;
    const fake = api().on('POST /api/posts', () => {
      calls += 1;
      return calls === 1
        ? { status: 503, body: { title: '一時的に利用できません / Unavailable', status: 503 } }
        : { status: 201, body: postFixture({ id: 'p9' }) };
    });
    const user = userEvent.setup();
    renderComposer();
    await user.type(await screen.findByRole('textbox', { name: 'タイトル' }), '再送');
    await user.type(screen.getByRole('textbox', { name: '本文' }), '本文');
    await user.click(screen.getByRole('button', { name: '投稿する' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '投稿する' }));
    await waitFor(() => expect(calls).toBe(2));
    const keys = fake.requests
      .filter((request) => request.method === 'POST' && request.url.endsWith('/api/posts'))
      .map((request) => request.headers.get('Idempotency-Key'));
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends the corrected post of a refused one under a new key, since the old key stays bound to the old text', async () => {
    let calls = 0;
    const fake = api().on('POST /api/posts', () => {
      calls += 1;
      return calls === 1
        ? { status: 422, body: { title: '入力内容を確認してください / Invalid input', status: 422 } }
        : { status: 201, body: postFixture({ id: 'p9' }) };
    });
    const user = userEvent.setup();
    renderComposer();
    await user.type(await screen.findByRole('textbox', { name: 'タイトル' }), '直す前');
    await user.type(screen.getByRole('textbox', { name: '本文' }), '本文');
    await user.click(screen.getByRole('button', { name: '投稿する' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'タイトル' }), 'と後');
    await user.click(screen.getByRole('button', { name: '投稿する' }));
    await waitFor(() => expect(calls).toBe(2));
    const keys = fake.requests
      .filter((request) => request.method === 'POST' && request.url.endsWith('/api/posts'))
      .map((request) => request.headers.get('Idempotency-Key'));
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBeTruthy();
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('keeps the focus in the discard confirmation and brings it back when cancelled', async () => {
    api();
    const user = userEvent.setup();
    renderComposer('/posts/new?channel=general');
    await user.type(await screen.findByRole('textbox', { name: 'タイトル' }), '窓口の混雑');
    const open = await screen.findByRole('button', { name: '下書きを破棄' });
    await user.click(open);
    expect(document.activeElement).toHaveTextContent('書いた内容を消します');
    await user.click(screen.getByRole('button', { name: 'キャンセル' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '下書きを破棄' }));
    await user.click(screen.getByRole('button', { name: '下書きを破棄' }));
    await user.click(screen.getByRole('button', { name: '破棄する' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'タイトル' })));
  });
});

