import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderScreen } from '../../test/render';
import { fakeApi } from '../../test/fakeApi';
import { signIn, signOut } from '../auth/testing/signIn';
import ComposerPage from '../posts/ComposerPage';
import { channelsFixture, hanakoClaims } from '../posts/testing/fixtures';

beforeEach(async () => {
  fakeApi();
  await signOut();
});

// archiving happens in the console; what it must change for everyone else is that nobody can pick the channel to post
describe('an archived channel in the composer', () => {
  it('is not offered, while the open ones are', async () => {
    const archived = { id: 'naha-2025', slug: 'naha-2025', name: '那覇勉強会 2025', description: '', postingPolicy: 'OPEN' as const, postCount: 9, archived: true };
    const api = fakeApi().on('GET /api/channels', { body: { items: [...channelsFixture, archived], nextCursor: null } });
    signIn(api, hanakoClaims);
    renderScreen(<ComposerPage />, { route: '/posts/new?channel=naha-2025', path: '/posts/new' });
    const channel = await screen.findByRole('combobox', { name: 'チャンネル' });
    expect(within(channel).getAllByRole('option').map((option) => option.textContent)).toEqual(['自己紹介', '雑談']);
    expect(channel).not.toHaveValue('naha-2025');
  });
});
