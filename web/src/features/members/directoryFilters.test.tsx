import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import DirectoryPage from './DirectoryPage';

afterEach(signOut);

const higa = {
  id: 'm-higa', handle: 'higa_ken', displayName: '比嘉 健', organization: '渡名喜村', organizationCode: '473600',
  prefecture: '沖縄県', department: '住民課', interests: [], status: 'ACTIVE', organizationKind: '村',
};

const searches = (api: ReturnType<typeof fakeApi>) =>
  api.requests.filter((request) => new URL(request.url).pathname === '/api/members').map((request) => new URL(request.url).searchParams);

describe('DirectoryPage filters', () => {
  it('filters by the kind of body', async () => {
    const api = fakeApi()
      .on('GET /api/members', { body: { items: [higa], nextCursor: null } })
      .on('GET /api/members/me', { body: { id: 'm-koda', organization: '久米島町', organizationCode: '473618' } });
    signIn(api, { sub: 'm-koda' });
    const user = userEvent.setup();
    renderScreen(<DirectoryPage />, { route: '/members' });
    const form = await screen.findByRole('search', { name: 'メンバーを探す' });
    await user.selectOptions(within(form).getByRole('combobox', { name: '種類' }), '村');
    await user.click(within(form).getByRole('button', { name: '探す' }));

    await waitFor(() => expect(searches(api)).toHaveLength(2));
    expect(searches(api)[0].has('kind')).toBe(false);
    expect(searches(api)[1].get('kind')).toBe('村');
    expect(searches(api)[1].has('near')).toBe(false);
    expect(screen.getByRole('combobox', { name: '種類' })).toHaveValue('村');
  });

  it('finds members near the own organization, nearest first, with the distance', async () => {
    const api = fakeApi()
      .on('GET /api/members', (request) => ({
        body: {
          items: new URL(request.url).searchParams.has('near') ? [{ ...higa, distanceKm: 58.2 }] : [higa],
          nextCursor: null,
        },
      }))
      .on('GET /api/members/me', { body: { id: 'm-koda', organization: '久米島町', organizationCode: '473618' } });
    signIn(api, { sub: 'm-koda' });
    const user = userEvent.setup();
    renderScreen(<DirectoryPage />, { route: '/members' });
    const form = await screen.findByRole('search', { name: 'メンバーを探す' });
    const near = within(form).getByRole('combobox', { name: '自分の所属の近く' });
    await waitFor(() => expect(near).toBeEnabled());
    expect(near).toHaveAccessibleDescription(expect.stringContaining('久米島町'));
    await user.selectOptions(near, '100 km 以内');
    await user.click(within(form).getByRole('button', { name: '探す' }));

    await waitFor(() => expect(searches(api)).toHaveLength(2));
    expect(searches(api)[1].get('near')).toBe('473618');
    expect(searches(api)[1].get('withinKm')).toBe('100');
    const list = await screen.findByRole('list', { name: 'メンバー一覧' });
    expect(await within(list).findByText('約 58 km')).toBeInTheDocument();
  });

  it('offers 近く only to a member whose organization has a code', async () => {
    const api = fakeApi()
      .on('GET /api/members', { body: { items: [], nextCursor: null } })
      .on('GET /api/members/me', { body: { id: 'm-x', organization: 'デジタル庁' } });
    signIn(api, { sub: 'm-x' });
    renderScreen(<DirectoryPage />, { route: '/members' });
    const near = await screen.findByRole('combobox', { name: '自分の所属の近く' });
    await waitFor(() => expect(near).toHaveAccessibleDescription(expect.stringContaining('所属の団体コードが登録されていないため使えません')));
    expect(near).toBeDisabled();
  });
});
