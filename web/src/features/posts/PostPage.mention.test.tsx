import { beforeEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderScreen } from '../../test/render';
import { fakeApi } from '../../test/fakeApi';
import { signIn, signOut } from '../auth/testing/signIn';
import PostPage from './PostPage';
import { draftStorage, replyPlace } from './editor/draftStorage';
import { channelsFixture, hanako, hanakoClaims, postFixture } from './testing/fixtures';

function api() {
  const fake = fakeApi()
    .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
    .on('GET /api/posts/p1', { body: postFixture() })
    .on('GET /api/posts/p1/replies', { body: { items: [], nextCursor: null } });
  signIn(fake, hanakoClaims);
  return fake;
}

async function replyBox(route: string) {
  api();
  renderScreen(<PostPage />, { route, path: '/posts/:id' });
  return screen.findByRole('textbox', { name: '返信' });
}

beforeEach(async () => {
  fakeApi();
  await signOut();
  localStorage.clear();
});

describe('PostPage ?mention', () => {
  it('starts the reply with @handle when opened from the console’s “ask someone” link', async () => {
    expect(await replyBox('/posts/p1?mention=tanaka_ken')).toHaveValue('@tanaka_ken ');
  });

  it('ignores a mention that is not a handle', async () => {
    expect(await replyBox('/posts/p1?mention=Tanaka%20Ken')).toHaveValue('');
  });

  it('keeps a draft and puts the mention in front of it once', async () => {
    draftStorage.save(hanako.memberId, replyPlace('p1'), { body: '書きかけの返信', idempotencyKey: 'k1' });
    expect(await replyBox('/posts/p1?mention=tanaka_ken')).toHaveValue('@tanaka_ken 書きかけの返信');
  });

  it('does not repeat a mention the draft already has', async () => {
    draftStorage.save(hanako.memberId, replyPlace('p1'), { body: '@tanaka_ken さん、いかがですか', idempotencyKey: 'k1' });
    expect(await replyBox('/posts/p1?mention=tanaka_ken')).toHaveValue('@tanaka_ken さん、いかがですか');
  });
});
