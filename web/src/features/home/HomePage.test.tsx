import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderScreen } from '../../test/render';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import { channelsFixture, hanako, hanakoClaims, postFixture } from '../posts/testing/fixtures';
import { signIn, signOut } from '../auth/testing/signIn';
import { markChannelSeen } from '../channels/seenChannels';
import HomePage from './HomePage';

function memberApi({ introduced }: { introduced: boolean }): FakeApi {
  const api = fakeApi()
    .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
    .on('GET /api/posts', (request) => {
      const query = new URL(request.url).searchParams;
      if (query.get('kind') === 'INTRODUCTION') {
        expect(query.get('author')).toBe(hanako.memberId);
        return { body: { items: introduced ? [postFixture({ kind: 'INTRODUCTION' })] : [], nextCursor: null } };
      }
      return {
        body: {
          items: [
            postFixture({ id: 'p1', replyCount: 3 }),
            postFixture({ id: 'p2', kind: 'IDEA', title: '防災アプリの共同開発', channel: 'general', replyCount: 0 }),
          ],
          nextCursor: null,
        },
      };
    });
  signIn(api, hanakoClaims);
  return api;
}

beforeEach(async () => {
  fakeApi();
  await signOut();
});

describe('HomePage', () => {
  it('welcomes a guest in Japanese with ways to register and log in', async () => {
    fakeApi();
    renderScreen(<HomePage />);
    expect(await screen.findByRole('heading', { level: 1, name: '共創へようこそ' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'アカウントを作成する' })).toHaveAttribute('href', '/register');
    expect(screen.getByRole('link', { name: '登録済みの方はこちら' })).toHaveAttribute('href', '/login');
  });

  it('marks channels with posts not seen yet, with the count in the link name', async () => {
    markChannelSeen(hanako.memberId, 'general', 2);
    markChannelSeen(hanako.memberId, 'introductions', 4);
    memberApi({ introduced: true });
    renderScreen(<HomePage />);
    const channels = await screen.findByRole('region', { name: 'チャンネル' });
    expect(await within(channels).findByRole('link', { name: '雑談 未読 3 件' })).toHaveAttribute('href', '/channels/general');
    expect(within(channels).getByRole('link', { name: '自己紹介' })).toBeInTheDocument();
    // never opened in this browser: all of its posts are new
    expect(within(channels).getByRole('link', { name: 'お知らせ 未読 1 件' })).toBeInTheDocument();
  });

  it('lists the latest posts as cards with kind, link, author and replies', async () => {
    memberApi({ introduced: true });
    renderScreen(<HomePage />);
    const latest = await screen.findByRole('region', { name: '新着の投稿' });
    const link = await within(latest).findByRole('link', { name: '住民票のコンビニ交付について' });
    expect(link).toHaveAttribute('href', '/posts/p1');
    const card = link.closest('article')!;
    expect(within(card).getByText('質問')).toBeInTheDocument();
    expect(within(card).getByText('佐藤 一郎')).toBeInTheDocument();
    expect(within(card).getByText('（北町役場）')).toBeInTheDocument();
    expect(within(card).getByText('返信 3 件')).toBeInTheDocument();
    expect(within(latest).getByText('アイデア')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '新しい投稿を書く' })).toHaveAttribute('href', '/posts/new');
    expect(screen.queryByRole('link', { name: '自己紹介を書く' })).not.toBeInTheDocument();
  });

  it('invites a member without a self-introduction to write one', async () => {
    memberApi({ introduced: false });
    renderScreen(<HomePage />);
    expect(await screen.findByRole('link', { name: '自己紹介を書く' }))
      .toHaveAttribute('href', '/posts/new?channel=introductions&kind=INTRODUCTION');
    expect(screen.getByRole('link', { name: 'はじめての方へのガイドを見る' })).toHaveAttribute('href', '/welcome');
  });
});
