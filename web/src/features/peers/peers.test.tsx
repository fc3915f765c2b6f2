import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import DirectoryPage from '../members/DirectoryPage';

afterEach(signOut);

const peers = {
  organizationCode: '473618',
  kind: '町',
  withinKm: 150,
  items: [
    {
      organizationCode: '473821', name: '与那国町', prefecture: '沖縄県', kind: '町', distanceKm: 412.6,
      members: [{ memberId: 'm-yonaguni', displayName: '崎原 海', handle: 'sakihara', department: '総務課' }],
    },
    {
      organizationCode: '473600', name: '渡名喜村', prefecture: '沖縄県', kind: '町', distanceKm: 58.2,
      members: [
        { memberId: 'm-1', displayName: '上原 一', handle: 'uehara1', department: '住民課' },
        { memberId: 'm-2', displayName: '上原 二', handle: 'uehara2' },
        { memberId: 'm-3', displayName: '上原 三', handle: 'uehara3' },
        { memberId: 'm-4', displayName: '上原 四', handle: 'uehara4' },
        { memberId: 'm-5', displayName: '上原 五', handle: 'uehara5' },
        { memberId: 'm-6', displayName: '上原 六', handle: 'uehara6' },
      ],
    },
  ],
  peerCodes: ['473600', '473821'],
};

describe('近くの同じ種類の自治体', () => {
  it('lists nearby towns of the same kind, nearest first, with up to five members linked to their profiles', async () => {
    const api = fakeApi().on('GET /api/members/peers', { body: peers });
    signIn(api, { sub: 'm-koda' });
    const user = userEvent.setup();
    renderScreen(<DirectoryPage />, { route: '/members?view=peers' });

    const section = await screen.findByRole('region', { name: '近くの同じ種類の自治体' });
    expect(screen.getByRole('link', { name: '近くの同じ種類の自治体' })).toHaveAttribute('aria-current', 'page');
    const list = await within(section).findByRole('list', { name: '近くの同じ種類の自治体' });
    const towns = within(list).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(towns).toEqual(['沖縄県 渡名喜村', '沖縄県 与那国町']);
    expect(within(section).getByText(/「町」で、近くにある自治体/)).toBeInTheDocument();

    const tonaki = within(list).getByRole('list', { name: '沖縄県 渡名喜村' });
    expect(within(tonaki).getAllByRole('link')).toHaveLength(5);
    expect(within(tonaki).getByRole('link', { name: '上原 一' })).toHaveAttribute('href', '/members/m-1');
    expect(within(tonaki).queryByRole('link', { name: '上原 六' })).not.toBeInTheDocument();
    expect(within(list).getByText(/約 58 km/)).toBeInTheDocument();
    expect(within(list).getByText(/約 413 km/)).toBeInTheDocument();

    const first = api.requests.find((request) => new URL(request.url).pathname === '/api/members/peers')!;
    expect(new URL(first.url).searchParams.get('withinKm')).toBe('150');
    await user.selectOptions(within(section).getByRole('combobox', { name: '距離' }), '300 km 以内');
    await waitFor(() => expect(api.requests.some((request) =>
      new URL(request.url).pathname === '/api/members/peers' && new URL(request.url).searchParams.get('withinKm') === '300')).toBe(true));
  });

  it('says why there is nothing when the member’s organization has no code', async () => {
    const api = fakeApi().on('GET /api/members/peers', {
      body: {
        withinKm: 150, items: [], peerCodes: [],
        reason: '所属の団体コードが登録されていないため、近くの自治体を探せません / Your organization has no code, so nearby municipalities cannot be found',
      },
    });
    signIn(api, { sub: 'm-koda' });
    renderScreen(<DirectoryPage />, { route: '/members?view=peers' });
    const section = await screen.findByRole('region', { name: '近くの同じ種類の自治体' });
    expect(await within(section).findByText('所属の団体コードが登録されていないため、近くの自治体を探せません')).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'アカウントの設定へ' })).toHaveAttribute('href', '/settings/account');
    expect(within(section).queryByRole('combobox', { name: '距離' })).not.toBeInTheDocument();
    expect(screen.queryByText(/cannot be found/)).not.toBeInTheDocument();
  });
});

describe('近くの同じ種類の自治体で解決した質問', () => {
  it('lists the questions solved in those towns, and searches among them by keyword', async () => {
    const api = fakeApi()
      .on('GET /api/members/peers', { body: peers })
      .on('GET /api/posts', { body: { items: [
        { id: 'p1', kind: 'QUESTION', title: '学童保育の待機児童を減らした方法', solved: true, author: { id: 'm-1', displayName: '上原 一', organization: '渡名喜村' } },
      ], nextCursor: null } })
      .on('GET /api/search', { body: { items: [
        { postId: 'p2', title: '放課後児童クラブの場所探し', snippet: '公民館を使いました', solved: true },
      ], nextCursor: null } });
    signIn(api, { sub: 'm-koda' });
    const user = userEvent.setup();
    renderScreen(<DirectoryPage />, { route: '/members?view=peers' });

    const section = await screen.findByRole('region', { name: '近くの同じ種類の自治体で解決した質問' });
    expect(await within(section).findByRole('link', { name: '学童保育の待機児童を減らした方法' })).toHaveAttribute('href', '/posts/p1');
    const feed = api.requests.find((request) => new URL(request.url).pathname === '/api/posts')!;
    const params = new URL(feed.url).searchParams;
    expect(params.get('organizationCodes')).toBe('473600,473821');
    expect(params.get('solved')).toBe('true');
    expect(params.get('kind')).toBe('QUESTION');

    await user.type(within(section).getByRole('searchbox', { name: 'キーワード' }), '学童');
    await user.click(within(section).getByRole('button', { name: '探す' }));
    expect(await within(section).findByRole('link', { name: '放課後児童クラブの場所探し' })).toHaveAttribute('href', '/posts/p2');
    const search = api.requests.find((request) => new URL(request.url).pathname === '/api/search')!;
    expect(new URL(search.url).searchParams.get('q')).toBe('学童');
    expect(new URL(search.url).searchParams.get('organizationCodes')).toBe('473600,473821');
  });
});
