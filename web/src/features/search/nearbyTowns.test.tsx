import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import { channelsFixture, hanakoClaims } from '../posts/testing/fixtures';
import SearchPage from './SearchPage';

afterEach(signOut);

describe('近くの同じ種類の自治体の投稿だけ', () => {
  it('narrows the search to the towns like mine', async () => {
    const api = fakeApi()
      .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
      .on('GET /api/members/peers', { body: { organizationCode: '473618', kind: '町', items: [], peerCodes: ['473081', '473146'] } })
      .on('GET /api/search', { body: { items: [], nextCursor: null } });
    signIn(api, hanakoClaims);
    const user = userEvent.setup();
    renderScreen(<SearchPage />, { route: '/search?q=学童', path: '/search' });
    await user.click(await screen.findByRole('checkbox', { name: '近くの同じ種類の自治体の投稿だけ' }));
    await waitFor(() => expect(api.requests.some((request) => request.url.includes('/api/search')
      && new URL(request.url).searchParams.get('organizationCodes') === '473081,473146')).toBe(true));
  });

  it('says why it cannot narrow when the member’s organization has no code', async () => {
    const api = fakeApi()
      .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
      .on('GET /api/members/peers', { body: { items: [], peerCodes: [], reason: '所属の団体コードが分からないため、近い自治体を探せません / Your organization has no known code' } })
      .on('GET /api/search', { body: { items: [], nextCursor: null } });
    signIn(api, hanakoClaims);
    renderScreen(<SearchPage />, { route: '/search?q=学童&towns=peers', path: '/search' });
    expect(await screen.findByText('所属の団体コードが分からないため、近い自治体を探せません')).toBeInTheDocument();
    expect(api.requests.some((request) => request.url.includes('organizationCodes'))).toBe(false);
  });
});
