import { StrictMode } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import VerifyPage from './VerifyPage';

const verifyRequests = (api: ReturnType<typeof fakeApi>) =>
  api.requests.filter((request) => request.method === 'POST' && new URL(request.url).pathname === '/api/auth/verify');

describe('VerifyPage', () => {
  it('verifies the token of the link by itself, once even under StrictMode, and offers to log in', async () => {
    const api = fakeApi().on('POST /api/auth/verify', { body: { memberId: 'm-1', status: 'ACTIVE' } });
    renderScreen(
      <StrictMode>
        <VerifyPage />
      </StrictMode>,
      { route: '/verify?token=tok-once' },
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'メールアドレスを確認しました' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ログインする' })).toHaveAttribute('href', '/login');
    expect(verifyRequests(api)).toHaveLength(1);
    expect(api.bodies[api.requests.indexOf(verifyRequests(api)[0])]).toEqual({ token: 'tok-once' });
    expect(screen.queryByRole('button', { name: '確認する' })).not.toBeInTheDocument();
  });

  it('says in Japanese that a used or expired token did not work, and offers the form and the resend', async () => {
    fakeApi().on('POST /api/auth/verify', {
      status: 400,
      body: {
        title: '確認できませんでした / Verification failed',
        status: 400,
        detail: '確認用のリンクが無効か、期限切れか、既に使われています。確認メールを再送してください / This verification link is invalid',
      },
    });
    renderScreen(<VerifyPage />, { route: '/verify?token=tok-used' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('確認できませんでした');
    expect(alert).toHaveTextContent('期限切れか、既に使われています');
    expect(alert).not.toHaveTextContent('Verification failed');
    expect(screen.getByRole('button', { name: '確認する' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '確認メールを再送する' })).toBeInTheDocument();
  });

  it('without a token, verifies the code typed into the form', async () => {
    const api = fakeApi().on('POST /api/auth/verify', { body: { memberId: 'm-1', status: 'ACTIVE' } });
    const user = userEvent.setup();
    renderScreen(<VerifyPage />, { route: '/verify' });
    expect(verifyRequests(api)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '確認する' }));
    expect(screen.getByRole('textbox', { name: '確認コード' })).toHaveAccessibleDescription(expect.stringContaining('確認コードを入力してください'));
    expect(verifyRequests(api)).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: '確認コード' }), '  typed-code ');
    await user.click(screen.getByRole('button', { name: '確認する' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'メールアドレスを確認しました' })).toBeInTheDocument();
    expect(verifyRequests(api)).toHaveLength(1);
    expect(api.bodies.at(-1)).toEqual({ token: 'typed-code' });
  });

  it('resends the mail and says so', async () => {
    const api = fakeApi().on('POST /api/auth/verify/resend', { status: 202, body: {} });
    const user = userEvent.setup();
    renderScreen(<VerifyPage />, { route: '/verify' });
    await user.type(screen.getByRole('textbox', { name: 'メールアドレス' }), 'taro@city.example.lg.jp');
    await user.click(screen.getByRole('button', { name: '確認メールを再送する' }));
    expect(await screen.findByRole('status', { name: '' })).toBeDefined();
    expect(await screen.findAllByText(/確認メールを再送しました/)).not.toHaveLength(0);
    expect(api.bodies.at(-1)).toEqual({ email: 'taro@city.example.lg.jp' });
  });
});
