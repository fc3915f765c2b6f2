import { afterEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import MemberProfilePage from './MemberProfilePage';

afterEach(signOut);

const gima = {
  id: 'm-gima',
  handle: 'gima_sakura',
  displayName: '儀間 さくら',
  organization: '沖縄県庁',
  organizationCode: '470007',
  prefecture: '沖縄県',
  department: 'こども家庭課',
  positionFrom: '2026-04-01',
  history: [
    { organization: '久米島町', organizationCode: '473618', department: '福祉課 子ども支援係', from: '2021-04-01', to: '2026-03-31' },
    { organization: '那覇市', organizationCode: '472018', from: '2016-04-01', to: '2021-03-31' },
  ],
  interests: [],
  status: 'ACTIVE',
  memberSince: '2025-06-01T00:00:00Z',
};

describe('MemberProfilePage history', () => {
  it('shows the department, since when the member is in the current organization, and the previous positions', async () => {
    const api = fakeApi()
      .on('GET /api/members/m-gima', { body: gima })
      .on('GET /api/posts', { body: { items: [], nextCursor: null } });
    signIn(api, { sub: 'm-koda' });
    renderScreen(<MemberProfilePage />, { route: '/members/m-gima', path: '/members/:id' });
    expect(await screen.findByRole('heading', { level: 1, name: '儀間 さくら' })).toBeInTheDocument();
    expect(screen.getByText('こども家庭課')).toBeInTheDocument();
    expect(screen.getByText('2026年4月1日 から現在の所属')).toBeInTheDocument();

    expect(screen.getByRole('heading', { level: 2, name: '前所属' })).toBeInTheDocument();
    const history = screen.getByRole('list', { name: '前所属' });
    const [kumejima, naha] = within(history).getAllByRole('listitem');
    expect(kumejima).toHaveTextContent('久米島町');
    expect(kumejima).toHaveTextContent('福祉課 子ども支援係');
    expect(kumejima).toHaveTextContent('2021年4月1日〜2026年3月31日');
    expect(naha).toHaveTextContent('那覇市');
    expect(naha).toHaveTextContent('2016年4月1日〜2021年3月31日');
  });

  it('shows no history section for a member who never moved', async () => {
    const api = fakeApi()
      .on('GET /api/members/m-gima', { body: { ...gima, history: [], positionFrom: undefined } })
      .on('GET /api/posts', { body: { items: [], nextCursor: null } });
    signIn(api, { sub: 'm-koda' });
    renderScreen(<MemberProfilePage />, { route: '/members/m-gima', path: '/members/:id' });
    expect(await screen.findByRole('heading', { level: 1, name: '儀間 さくら' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '前所属' })).not.toBeInTheDocument();
    expect(screen.queryByText(/から現在の所属/)).not.toBeInTheDocument();
  });
});
