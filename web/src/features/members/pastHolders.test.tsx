import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import DirectoryPage from './DirectoryPage';

afterEach(signOut);

describe('以前の担当者を探す', () => {
  it('finds who held a job at an organization before, with where they are now', async () => {
    const api = fakeApi()
      .on('GET /api/organizations', { body: { items: [{ lgcode: '473618', name: '久米島町', prefecture: '沖縄県', kind: '町', label: '沖縄県 久米島町' }] } })
      .on('GET /api/members/past-holders', { body: { items: [{
        memberId: 'm-gima', displayName: '儀間 聡子', handle: 'gima', organization: '久米島町', organizationCode: '473618',
        department: '福祉課 子ども支援係', from: '2023-04-01', to: '2026-03-31',
        current: { organization: '沖縄県', department: '子ども未来政策課' },
      }], nextCursor: null } });
    signIn(api, { sub: 'm-koda' });
    const user = userEvent.setup();
    renderScreen(<DirectoryPage />, { route: '/members?view=past' });
    expect(screen.getByRole('link', { name: '以前の担当者' })).toHaveAttribute('aria-current', 'page');
    const section = screen.getByRole('region', { name: '以前の担当者を探す' });
    await user.type(within(section).getByRole('combobox', { name: '所属' }), '沖縄県 久米島町');
    // the suggestion is picked once the list has answered: its code is shown under the field
    expect(await within(section).findByText(/団体コード: 473618/)).toBeInTheDocument();
    await user.type(within(section).getByRole('textbox', { name: '部署（一部でも可）' }), '子ども');
    await user.click(within(section).getByRole('button', { name: '以前の担当者を探す' }));

    const list = await within(section).findByRole('list', { name: /以前の担当者/ });
    expect(within(list).getByRole('link', { name: '儀間 聡子' })).toHaveAttribute('href', '/members/m-gima');
    expect(list).toHaveTextContent('沖縄県');
    await waitFor(() => {
      const asked = api.requests.find((request) => new URL(request.url).pathname === '/api/members/past-holders');
      expect(asked).toBeDefined();
      const params = new URL(asked!.url).searchParams;
      expect(params.get('organizationCode')).toBe('473618');
      expect(params.get('department')).toBe('子ども');
    });
  });
});
