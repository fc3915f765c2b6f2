import { render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthProvider } from '../../auth/AuthProvider';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import { ownProfileKey } from '../settings/AccountSettingsPage';
import DirectoryPage from './DirectoryPage';
import MemberProfilePage from './MemberProfilePage';

const hanako = {
  id: 'm-hanako',
  handle: 'maeda_hanako',
  displayName: '前田 花子',
  organization: 'サンプル町役場',
  prefecture: '福井県',
  department: '住民課',
  bio: '**窓口**の改善に取り組んでいます',
  interests: ['書かない窓口', '電子申請'],
  status: 'ACTIVE',
  memberSince: '2026-04-01T00:00:00Z',
};

afterEach(signOut);

const searches = (api: ReturnType<typeof fakeApi>) =>
  api.requests.filter((request) => new URL(request.url).pathname === '/api/members').map((request) => new URL(request.url).searchParams);

describe('MemberProfilePage', () => {
  it('shows the public profile, the Markdown bio, interests and recent posts', async () => {
    const api = fakeApi()
      .on('GET /api/members/m-hanako', { body: hanako })
      .on('GET /api/posts', { body: { items: [{ id: 'p-1', kind: 'QUESTION', title: '住民票のコンビニ交付について', replyCount: 2, createdAt: '2026-11-28T09:00:00Z' }], nextCursor: null } });
    signIn(api, { sub: 'm-taro' });
    renderScreen(<MemberProfilePage />, { route: '/members/m-hanako', path: '/members/:id' });
    expect(await screen.findByRole('heading', { level: 1, name: '前田 花子' })).toBeInTheDocument();
    expect(screen.getByText('@maeda_hanako')).toBeInTheDocument();
    expect(screen.getByText('サンプル町役場')).toBeInTheDocument();
    expect(screen.getByText('2026年4月1日')).toBeInTheDocument();
    expect(screen.getByText('窓口').tagName).toBe('STRONG');
    expect(screen.getByRole('link', { name: '「書かない窓口」に関心のあるメンバー' })).toHaveAttribute(
      'href',
      `/members?interest=${encodeURIComponent('書かない窓口')}`,
    );
    expect(await screen.findByRole('link', { name: '住民票のコンビニ交付について' })).toHaveAttribute('href', '/posts/p-1');
    expect(screen.getByText('質問')).toBeInTheDocument();
    const posts = api.requests.find((request) => new URL(request.url).pathname === '/api/posts');
    expect(new URL(posts!.url).searchParams.get('author')).toBe('m-hanako');
    expect(screen.queryByRole('link', { name: 'プロフィールを編集する' })).not.toBeInTheDocument();
  });

  it('offers the own profile’s owner a link to edit it', async () => {
    const api = fakeApi()
      .on('GET /api/members/m-hanako', { body: hanako })
      .on('GET /api/posts', { body: { items: [], nextCursor: null } });
    signIn(api, { sub: 'm-hanako' });
    renderScreen(<MemberProfilePage />, { route: '/members/m-hanako', path: '/members/:id' });
    expect(await screen.findByRole('link', { name: 'プロフィールを編集する' })).toHaveAttribute('href', '/settings/account');
    expect(await screen.findByText('まだ投稿はありません。')).toBeInTheDocument();
  });
});

describe('MemberProfilePage cache', () => {
  it('does not take the own account settings (cached as members/me) for the public profile at /members/me', async () => {
    const api = fakeApi()
      .on('GET /api/members/me', { body: hanako })
      .on('GET /api/posts', { body: { items: [], nextCursor: null } });
    signIn(api, { sub: 'm-hanako' });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    queryClient.setQueryData(ownProfileKey, { email: 'hanako@town.example.lg.jp', notAProfile: true });
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={['/members/me']}>
          <AuthProvider>
            <Routes>
              <Route path="/members/:id" element={<MemberProfilePage />} />
            </Routes>
          </AuthProvider>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: '前田 花子' })).toBeInTheDocument();
    expect(queryClient.getQueryData(ownProfileKey)).toEqual({ email: 'hanako@town.example.lg.jp', notAProfile: true });
  });
});

describe('DirectoryPage', () => {
  it('searches with the filters and links each card to the profile', async () => {
    const api = fakeApi().on('GET /api/members', { body: { items: [hanako], nextCursor: null } });
    signIn(api, { sub: 'm-taro' });
    const user = userEvent.setup();
    renderScreen(<DirectoryPage />, { route: '/members' });
    const list = await screen.findByRole('list', { name: 'メンバー一覧' });
    expect(within(list).getByRole('link', { name: '前田 花子' })).toHaveAttribute('href', '/members/m-hanako');
    expect(within(list).getByText('サンプル町役場 ・ 住民課 ・ 福井県')).toBeInTheDocument();

    const form = screen.getByRole('search', { name: 'メンバーを探す' });
    await within(form).findByRole('option', { name: '福井県' });
    await user.type(within(form).getByRole('searchbox', { name: 'キーワード' }), '窓口');
    await user.selectOptions(within(form).getByRole('combobox', { name: '都道府県' }), '福井県');
    await user.type(within(form).getByRole('textbox', { name: '関心のあるテーマ' }), '電子申請');
    await user.click(within(form).getByRole('button', { name: '探す' }));

    await waitFor(() => expect(searches(api)).toHaveLength(2));
    const last = searches(api)[1];
    expect(last.get('q')).toBe('窓口');
    expect(last.get('prefecture')).toBe('福井県');
    expect(last.get('interest')).toBe('電子申請');
    expect(last.has('organization')).toBe(false);
  });

  it('pages on with the cursor', async () => {
    const api = fakeApi()
      .on('GET /api/members?limit=20', { body: { items: [hanako], nextCursor: 'c-2' } })
      .on('GET /api/members?limit=20&cursor=c-2', { body: { items: [{ ...hanako, id: 'm-2', displayName: '鈴木 一郎' }], nextCursor: null } });
    signIn(api, { sub: 'm-taro' });
    const user = userEvent.setup();
    renderScreen(<DirectoryPage />, { route: '/members' });
    await user.click(await screen.findByRole('button', { name: 'もっと見る' }));
    expect(await screen.findByRole('link', { name: '鈴木 一郎' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '前田 花子' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'もっと見る' })).not.toBeInTheDocument();
  });
});
