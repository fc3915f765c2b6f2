import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../../test/render';
import { fakeApi } from '../../../test/fakeApi';
import { signIn, signOut } from '../../auth/testing/signIn';
import ComposerPage from '../ComposerPage';
import { channelsFixture, hanakoClaims } from '../testing/fixtures';

beforeEach(async () => {
  fakeApi();
  await signOut();
  localStorage.clear();
});

describe('似ている投稿', () => {
  it('shows posts like the question being written, solved first as the service ranks them, from its title and body', async () => {
    const api = fakeApi()
      .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
      .on('POST /api/posts/similar', { body: { items: [
        { postId: 'p7', title: '窓口で申請書を書かせない仕組みを入れた自治体', kind: 'QUESTION', channel: 'general', solved: true, excerpt: '北見市の事例が…', replyCount: 3 },
        { postId: 'p8', title: '書かない窓口の費用', kind: 'ISSUE', channel: 'general', excerpt: '予算の取り方', replyCount: 0 },
      ] } });
    signIn(api, hanakoClaims);
    const user = userEvent.setup();
    renderScreen(<ComposerPage />, { route: '/posts/new?channel=general', path: '/posts/new' });
    await user.selectOptions(await screen.findByRole('combobox', { name: '種類' }), '質問');
    expect(screen.queryByRole('region', { name: '似ている投稿' })).not.toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'タイトル' }), '書かない窓口の導入事例');
    await user.type(screen.getByRole('textbox', { name: '本文' }), '申請書を書かなくてよい窓口');

    const region = await screen.findByRole('region', { name: '似ている投稿' });
    const first = within(region).getAllByRole('listitem')[0];
    expect(within(first).getByRole('link', { name: /窓口で申請書を書かせない仕組みを入れた自治体/ })).toHaveAttribute('href', '/posts/p7');
    expect(within(first).getByText('解決済み')).toBeInTheDocument();
    expect(within(first).getByText('北見市の事例が…')).toBeInTheDocument();
    await waitFor(() => {
      const sent = api.bodies.filter((_, index) => api.requests[index].url.endsWith('/api/posts/similar'));
      expect(sent.at(-1)).toEqual({ title: '書かない窓口の導入事例', body: '申請書を書かなくてよい窓口', limit: 5 });
    });
  });
});
