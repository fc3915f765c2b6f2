import { screen, waitFor, within } from '@testing-library/react';
import { RequireAuth } from '../../auth/RequireAuth';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import WelcomePage from './WelcomePage';
import { welcomeShown } from './welcomeSeen';

afterEach(signOut);

describe('WelcomePage', () => {
  it('greets the member, shows the three steps and the introduction template, and is remembered as shown', async () => {
    signIn(fakeApi(), { sub: 'm-new', name: '新井 一郎' });
    expect(welcomeShown('m-new')).toBe(false);
    renderScreen(
      <RequireAuth>
        <WelcomePage />
      </RequireAuth>,
      { route: '/welcome' },
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'ようこそ、新井 一郎 さん' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').slice(0, 3).map((item) => item.textContent)).toEqual([
      expect.stringContaining('みんなフラットに'),
      expect.stringContaining('なんでも聞いてみる'),
      expect.stringContaining('人事異動'),
    ]);
    const example = screen.getByRole('figure', { name: '自己紹介の例' });
    for (const field of ['所属', '担当業務', '関心のあるテーマ', 'ひとこと']) {
      expect(within(example).getByText(field, { selector: 'dt' })).toBeInTheDocument();
    }
    expect(screen.getByRole('link', { name: '自己紹介を書く' })).toHaveAttribute(
      'href',
      '/posts/new?channel=introductions&kind=INTRODUCTION',
    );
    expect(screen.getByRole('link', { name: 'あとで' })).toHaveAttribute('href', '/');
    // remembered by an effect after the page has shown, which a busy machine may run after the checks above
    await waitFor(() => expect(welcomeShown('m-new')).toBe(true));
  });
});
