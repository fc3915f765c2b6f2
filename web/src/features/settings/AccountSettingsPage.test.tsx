import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { session } from '../../auth/session';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import AccountSettingsPage from './AccountSettingsPage';

const me = {
  id: 'm-taro',
  handle: 'yamada_taro',
  displayName: '山田 太郎',
  email: 'taro@town.sabae.lg.jp',
  organization: '鯖江市',
  organizationCode: '182079',
  prefecture: '福井県',
  department: '情報統計課',
  bio: '**よろしく**',
  interests: ['書かない窓口', '電子申請'],
  roles: ['MEMBER'],
};

afterEach(signOut);

function gateway() {
  const api = fakeApi().on('GET /api/members/me', { body: me });
  signIn(api, { sub: 'm-taro' });
  return api;
}

const sent = (api: ReturnType<typeof fakeApi>, method: string) => {
  const index = api.requests.findIndex((request) => request.method === method);
  return index < 0 ? undefined : api.bodies[index];
};

describe('AccountSettingsPage', () => {
  it('edits the own profile and saves it', async () => {
    const api = gateway().on('PATCH /api/members/me', { body: { ...me, department: '総務課' } });
    const user = userEvent.setup();
    renderScreen(<AccountSettingsPage />, { route: '/settings/account' });
    const department = await screen.findByRole('textbox', { name: '部署' });
    expect(screen.getByRole('textbox', { name: '表示名' })).toHaveValue('山田 太郎');
    expect(screen.getByRole('combobox', { name: '所属' })).toHaveValue('鯖江市');
    await screen.findByRole('option', { name: '福井県' });
    expect(screen.getByRole('combobox', { name: '都道府県' })).toHaveValue('福井県');
    expect(screen.getByRole('textbox', { name: '関心のあるテーマ' })).toHaveValue('書かない窓口、電子申請');

    await user.clear(department);
    await user.type(department, '総務課');
    await user.type(screen.getByRole('textbox', { name: '関心のあるテーマ' }), ', 生成AI、電子申請');
    await user.click(screen.getByRole('button', { name: '保存する' }));

    expect(await screen.findByText('保存しました')).toBeInTheDocument();
    expect(sent(api, 'PATCH')).toEqual({
      displayName: '山田 太郎',
      prefecture: '福井県',
      organization: '鯖江市',
      organizationCode: '182079',
      department: '総務課',
      bio: '**よろしく**',
      interests: ['書かない窓口', '電子申請', '生成AI'],
    });
  });

  it('shows a refused field at the field', async () => {
    gateway().on('PATCH /api/members/me', {
      status: 400,
      body: {
        title: '入力内容を確認してください / Invalid input',
        status: 400,
        errors: [{ field: 'displayName', message: '表示名を空にはできません / The display name cannot be empty' }],
      },
    });
    const user = userEvent.setup();
    renderScreen(<AccountSettingsPage />, { route: '/settings/account' });
    await user.clear(await screen.findByRole('textbox', { name: '表示名' }));
    await user.click(screen.getByRole('button', { name: '保存する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    expect(screen.getByRole('textbox', { name: '表示名' })).toHaveAccessibleDescription('表示名を空にはできません');
  });

  it('asks before leaving, says what is erased and what stays, then deletes and signs out', async () => {
    const api = gateway().on('DELETE /api/members/me', { status: 204 });
    const user = userEvent.setup();
    renderScreen(<AccountSettingsPage />, { route: '/settings/account', path: '/settings/account' });
    await user.click(await screen.findByRole('button', { name: '退会する' }));

    const confirmation = screen.getByRole('region', { name: '本当に退会しますか？' });
    expect(confirmation).toHaveTextContent('メールアドレス・表示名・所属・プロフィールなどの個人情報');
    expect(confirmation).toHaveTextContent('通知設定');
    expect(confirmation).toHaveTextContent('投稿と返信は「退会したメンバー」の投稿として残ります');
    expect(within(confirmation).getByRole('heading')).toHaveFocus();
    expect(api.requests.some((request) => request.method === 'DELETE')).toBe(false);

    await user.click(within(confirmation).getByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('region', { name: '本当に退会しますか？' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '退会する' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: '退会する' }));
    await user.click(screen.getByRole('button', { name: '退会を確定する' }));

    expect(await screen.findByText('退会しました。これまでのご参加、ありがとうございました。')).toBeInTheDocument();
    expect(await screen.findByText('other page')).toBeInTheDocument();
    expect(api.requests.filter((request) => request.method === 'DELETE').map((request) => new URL(request.url).pathname)).toEqual([
      '/api/members/me',
    ]);
    await waitFor(() => expect(session.current()).toBeNull());
    // the server ended the member's sessions with the member: nothing is left to log out of
    expect(api.requests.some((request) => new URL(request.url).pathname === '/api/auth/logout')).toBe(false);
  });

  it('keeps the member when leaving fails, and says why', async () => {
    gateway().on('DELETE /api/members/me', { status: 503, body: { title: '一時的に利用できません / Unavailable', status: 503 } });
    const user = userEvent.setup();
    renderScreen(<AccountSettingsPage />, { route: '/settings/account', path: '/settings/account' });
    await user.click(await screen.findByRole('button', { name: '退会する' }));
    await user.click(screen.getByRole('button', { name: '退会を確定する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('一時的に利用できません');
    expect(session.current()).not.toBeNull();
    expect(screen.queryByText('other page')).not.toBeInTheDocument();
  });
});
