import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { session } from '../../auth/session';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { markWelcomeShown } from '../onboarding/welcomeSeen';
import LoginPage from './LoginPage';
import { rememberPrefecture } from './pendingPrefecture';
import { safeNext } from './safeNext';
import { tokenAnswer } from './testing/token';

/** The login page, and after it a line saying where the app went. */
function LoginThenWhere() {
  const location = useLocation();
  if (location.pathname === '/login') return <LoginPage />;
  return <p>now at {location.pathname + location.search + location.hash}</p>;
}

function gateway(posts: unknown[] = []): FakeApi {
  return fakeApi()
    .on('POST /api/auth/login', tokenAnswer({ sub: 'm-taro' }))
    .on('POST /api/auth/logout', { status: 204 })
    .on('GET /api/posts', { body: { items: posts, nextCursor: null } })
    .on('PATCH /api/members/me', { body: { id: 'm-taro' } });
}

async function logIn() {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'メールアドレス' }), 'taro@city.example.lg.jp');
  await user.type(screen.getByLabelText('パスワード'), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'ログイン' }));
}

afterEach(async () => {
  await session.logout().catch(() => undefined);
});

describe('LoginPage', () => {
  it('goes to the page it was sent from', async () => {
    const api = gateway();
    renderScreen(<LoginThenWhere />, { route: `/login?next=${encodeURIComponent('/posts/p-1?x=1#reply-r-2')}` });
    await logIn();
    expect(await screen.findByText('now at /posts/p-1?x=1#reply-r-2')).toBeInTheDocument();
    expect(api.bodies[0]).toEqual({ email: 'taro@city.example.lg.jp', password: 'correct horse battery' });
  });

  it('never follows a next that leaves the site', async () => {
    gateway();
    renderScreen(<LoginThenWhere />, { route: `/login?next=${encodeURIComponent('//evil.example/phish')}` });
    await logIn();
    expect(await screen.findByText('now at /')).toBeInTheDocument();
  });

  it('welcomes a member who has never posted on the first login, and not after the welcome was shown', async () => {
    gateway([]);
    const first = renderScreen(<LoginThenWhere />, { route: '/login' });
    await logIn();
    expect(await screen.findByText('now at /welcome')).toBeInTheDocument();
    first.unmount();

    markWelcomeShown('m-taro');
    renderScreen(<LoginThenWhere />, { route: '/login' });
    await logIn();
    expect(await screen.findByText('now at /')).toBeInTheDocument();
  });

  it('goes home for a member who has already posted', async () => {
    gateway([{ id: 'p-1', title: '既存の投稿' }]);
    renderScreen(<LoginThenWhere />, { route: '/login' });
    await logIn();
    expect(await screen.findByText('now at /')).toBeInTheDocument();
  });

  it('saves the prefecture chosen at registration after the first login', async () => {
    const api = gateway([{ id: 'p-1' }]);
    rememberPrefecture('Taro@City.example.lg.jp', '福井県');
    renderScreen(<LoginThenWhere />, { route: '/login' });
    await logIn();
    await screen.findByText('now at /');
    const patch = api.requests.findIndex((request) => request.method === 'PATCH');
    expect(api.bodies[patch]).toEqual({ prefecture: '福井県' });
    expect(api.requests[patch].headers.get('Authorization')).toMatch(/^Bearer /);
    expect(localStorage.getItem('kyoso.pendingPrefecture')).toBeNull();
  });

  it('shows a refused login in the alert and stays', async () => {
    fakeApi().on('POST /api/auth/login', {
      status: 401,
      body: { title: 'ログインできません / Login failed', status: 401, detail: 'メールアドレスかパスワードが正しくありません / wrong' },
    });
    renderScreen(<LoginThenWhere />, { route: '/login?next=/members' });
    await logIn();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('ログインできません');
    expect(alert).toHaveTextContent('メールアドレスかパスワードが正しくありません');
    expect(screen.getByRole('heading', { level: 1, name: 'ログイン' })).toBeInTheDocument();
  });
});

describe('safeNext', () => {
  it.each([
    ['/posts/1', '/posts/1'],
    ['/search?q=%E7%AA%93%E5%8F%A3', '/search?q=%E7%AA%93%E5%8F%A3'],
    [null, '/'],
    ['', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/\t/evil.example', '/'],
    ['/login?next=/x', '/'],
    ['/login/', '/'],
    ['/.//evil.example', '/'],
    ['/a/..//evil.example', '/'],
    ['/./\\evil.example', '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
