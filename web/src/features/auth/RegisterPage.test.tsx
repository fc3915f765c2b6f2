import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import RegisterPage from './RegisterPage';

function organizationOptions(): string[] {
  const input = screen.getByRole('combobox', { name: '所属' });
  const list = document.getElementById(input.getAttribute('list') ?? '');
  if (!list) throw new Error('所属 has no list of suggestions');
  return within(list).queryAllByRole('option', { hidden: true }).map((option) => option.getAttribute('value') ?? '');
}

async function fillRequired(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: 'メールアドレス' }), 'hanako@town.sabae.lg.jp');
  await user.type(screen.getByRole('textbox', { name: '表示名' }), '鈴木 花子');
  await user.type(screen.getByRole('textbox', { name: 'ハンドル' }), 'suzuki_hanako');
  await user.type(screen.getByLabelText(/^パスワード/), 'correct horse battery');
}

describe('RegisterPage', () => {
  it('has the fields and the button of the contract, with the hints', async () => {
    fakeApi();
    renderScreen(<RegisterPage />);
    expect(screen.getByRole('heading', { level: 1, name: '新規登録' })).toBeInTheDocument();
    for (const name of ['メールアドレス', '表示名', 'ハンドル', '招待コード']) {
      expect(screen.getByRole('textbox', { name })).toBeInTheDocument();
    }
    expect(screen.getByLabelText(/^パスワード/)).toHaveAttribute('type', 'password');
    // what browser tests find it by: the required marker is seen but not part of the name
    expect(screen.getByLabelText(/^パスワード/)).toHaveAccessibleName('パスワード');
    expect(screen.getByRole('combobox', { name: '都道府県' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '所属' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'ハンドル' })).toHaveAccessibleDescription(/半角英小文字・数字・_ で3〜30文字/);
    expect(screen.getByLabelText(/^パスワード/)).toHaveAccessibleDescription('10文字以上');
    expect(screen.getByRole('button', { name: '登録する' })).toBeInTheDocument();
  });

  it('offers the 47 prefectures, then the chosen one’s municipalities and government as 所属', async () => {
    fakeApi();
    const user = userEvent.setup();
    renderScreen(<RegisterPage />);
    const prefecture = screen.getByRole('combobox', { name: '都道府県' });
    await screen.findByRole('option', { name: '沖縄県' });
    // 47 prefectures and the "choose" option
    expect(within(prefecture).getAllByRole('option')).toHaveLength(48);
    expect(organizationOptions()).toEqual([]);

    await user.selectOptions(prefecture, '福井県');
    const fukui = organizationOptions();
    expect(fukui).toContain('福井県庁');
    expect(fukui).toContain('鯖江市');
    expect(fukui).toContain('永平寺町');
    expect(fukui).not.toContain('札幌市');

    await user.selectOptions(prefecture, '北海道');
    expect(organizationOptions()).toContain('札幌市 中央区');
    expect(organizationOptions()).not.toContain('鯖江市');
  });

  it('sends the municipality’s code, remembers the prefecture and says where the mail went', async () => {
    const api = fakeApi().on('POST /api/auth/register', { status: 202, body: { memberId: 'm-9', status: 'PENDING_VERIFICATION' } });
    const user = userEvent.setup();
    renderScreen(<RegisterPage />);
    await fillRequired(user);
    await screen.findByRole('option', { name: '福井県' });
    await user.selectOptions(screen.getByRole('combobox', { name: '都道府県' }), '福井県');
    await user.type(screen.getByRole('combobox', { name: '所属' }), '鯖江市');
    expect(screen.getByText('全国地方公共団体コード 182079 として登録します。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '登録する' }));

    expect(await screen.findByRole('heading', { level: 1, name: '確認メールを送りました' })).toBeInTheDocument();
    expect(screen.getByText(/hanako@town\.sabae\.lg\.jp に確認メールを送りました/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '確認する' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /確認画面/ })).toHaveAttribute('href', '/verify');
    expect(api.bodies[0]).toEqual({
      email: 'hanako@town.sabae.lg.jp',
      password: 'correct horse battery',
      displayName: '鈴木 花子',
      handle: 'suzuki_hanako',
      organization: '鯖江市',
      organizationCode: '182079',
    });
    expect(JSON.parse(localStorage.getItem('kyoso.pendingPrefecture') ?? '{}')).toEqual({
      email: 'hanako@town.sabae.lg.jp',
      prefecture: '福井県',
    });
  });

  it('sends a national agency typed by hand without a code', async () => {
    const api = fakeApi().on('POST /api/auth/register', { status: 202, body: { memberId: 'm-9' } });
    const user = userEvent.setup();
    renderScreen(<RegisterPage />);
    await fillRequired(user);
    await user.type(screen.getByRole('combobox', { name: '所属' }), 'デジタル庁');
    await user.type(screen.getByRole('textbox', { name: '招待コード' }), 'INV-1');
    await user.click(screen.getByRole('button', { name: '登録する' }));
    await screen.findByRole('heading', { level: 1, name: '確認メールを送りました' });
    expect(api.bodies[0]).toMatchObject({ organization: 'デジタル庁', invitationCode: 'INV-1' });
    expect(api.bodies[0]).not.toHaveProperty('organizationCode');
    expect(localStorage.getItem('kyoso.pendingPrefecture')).toBeNull();
  });

  it('shows a refused domain at the email field and the title in the alert', async () => {
    const message = '登録できるのは自治体・省庁のメールアドレス（lg.jp、go.jp など）です / Registration is open to public-sector addresses';
    fakeApi().on('POST /api/auth/register', {
      status: 422,
      body: { title: '入力内容を確認してください / Invalid input', status: 422, errors: [{ field: 'email', message }] },
    });
    const user = userEvent.setup();
    renderScreen(<RegisterPage />);
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: '登録する' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    const email = screen.getByRole('textbox', { name: 'メールアドレス' });
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('登録できるのは自治体・省庁のメールアドレス'));
    expect(screen.queryByText(/Registration is open/)).not.toBeInTheDocument();
  });

  it('puts a taken handle (409) at the handle field', async () => {
    fakeApi().on('POST /api/auth/register', {
      status: 409,
      body: { title: '競合しています / Conflict', status: 409, detail: 'このハンドルは既に使われています / This handle is already taken' },
    });
    const user = userEvent.setup();
    renderScreen(<RegisterPage />);
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: '登録する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('競合しています');
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'ハンドル' })).toHaveAccessibleDescription(expect.stringContaining('このハンドルは既に使われています')),
    );
  });

  it('fills in the invitation code from the console’s invitation link and sends it', async () => {
    const api = fakeApi().on('POST /api/auth/register', { status: 202, body: { memberId: 'm-9', status: 'PENDING_VERIFICATION' } });
    const user = userEvent.setup();
    renderScreen(<RegisterPage />, { route: '/register?invitation=INV-7Q2K' });
    expect(screen.getByRole('textbox', { name: '招待コード' })).toHaveValue('INV-7Q2K');
    await fillRequired(user);
    await screen.findByRole('option', { name: '福井県' });
    await user.selectOptions(screen.getByRole('combobox', { name: '都道府県' }), '福井県');
    await user.type(screen.getByRole('combobox', { name: '所属' }), '鯖江市');
    await user.click(screen.getByRole('button', { name: '登録する' }));
    await screen.findByRole('heading', { level: 1, name: '確認メールを送りました' });
    expect(api.bodies[0]).toMatchObject({ invitationCode: 'INV-7Q2K' });
  });
});
