import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import { todayInJapan } from './dates';
import HandoverPage from './HandoverPage';
import { daysAgo, gimaClaims } from './testing/fixtures';

beforeEach(async () => {
  fakeApi();
  await signOut();
  localStorage.clear();
});

/** 儀間さん before her move: at Kumejima since 2021, no history yet. */
const beforeMove = {
  id: 'm-gima',
  handle: 'gima_sakura',
  displayName: '儀間 さくら',
  email: 'gima@town.kumejima.lg.jp',
  organization: '久米島町',
  organizationCode: '473618',
  prefecture: '沖縄県',
  department: '福祉課 子ども支援係',
  positionFrom: '2021-04-01',
  history: [],
  status: 'ACTIVE',
};

const moveBody = (api: FakeApi) => {
  const index = api.requests.findIndex((request) => request.method === 'POST' && new URL(request.url).pathname === '/api/members/me/moves');
  return index < 0 ? undefined : api.bodies[index];
};

function gateway() {
  const api = fakeApi()
    .on('GET /api/members/me', { body: beforeMove })
    .on('GET /api/members/me/handovers', { body: { given: [], received: [] } })
    .on('GET /api/organizations', (request) => ({
      body: {
        items: new URL(request.url).searchParams.get('q')?.startsWith('沖縄')
          ? [{ lgcode: '470007', name: '沖縄県', prefecture: '沖縄県', kind: '都道府県', label: '沖縄県' }]
          : [],
      },
    }));
  signIn(api, gimaClaims);
  return api;
}

describe('異動を記録する', () => {
  it('offers the municipalities as one types, records the move with the picked code and shows the new history', async () => {
    const effective = daysAgo(1);
    const api = gateway().on('POST /api/members/me/moves', {
      status: 201,
      body: {
        ...beforeMove,
        organization: '沖縄県',
        organizationCode: '470007',
        department: 'こども家庭課',
        positionFrom: effective,
        history: [{ organization: '久米島町', organizationCode: '473618', department: '福祉課 子ども支援係', from: '2021-04-01', to: daysAgo(2) }],
      },
    });
    const user = userEvent.setup();
    renderScreen(<HandoverPage />, { route: '/handover' });
    const section = await screen.findByRole('region', { name: '異動を記録する' });
    expect(within(section).getByText('今の所属: 久米島町 福祉課 子ども支援係（2021年4月1日から）')).toBeInTheDocument();
    const date = within(section).getByLabelText(/異動日/);
    expect(date).toHaveAttribute('max', todayInJapan());
    expect(date).toHaveAttribute('min', '2021-04-02');

    const organization = within(section).getByRole('combobox', { name: '新しい所属' });
    await user.type(organization, '沖縄県');
    await waitFor(() => expect(organization).toHaveAccessibleDescription(expect.stringContaining('団体コード: 470007')));
    await user.type(within(section).getByRole('textbox', { name: '部署' }), 'こども家庭課');
    await user.type(date, effective);
    await user.click(within(section).getByRole('button', { name: '異動を記録する' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('異動を記録しました'));
    expect(moveBody(api)).toEqual({ organization: '沖縄県', organizationCode: '470007', department: 'こども家庭課', effectiveDate: effective });
    const history = within(section).getByRole('list', { name: 'これまでの所属' });
    expect(within(history).getByRole('listitem')).toHaveTextContent('久米島町');
    expect(within(history).getByRole('listitem')).toHaveTextContent('福祉課 子ども支援係');
    expect(within(history).getByRole('listitem')).toHaveTextContent('2021年4月1日〜');
    expect(within(section).getByText(`今の所属: 沖縄県 こども家庭課（${formatted(effective)}から）`)).toBeInTheDocument();
    // a recent move: the job just left can now be handed over, or the new one
    expect(screen.getByRole('group', { name: '引き継ぐ仕事' })).toBeInTheDocument();
  });

  it('sends a typed organization without a code', async () => {
    const api = gateway().on('POST /api/members/me/moves', { status: 201, body: { ...beforeMove, organization: 'デジタル庁', organizationCode: undefined } });
    const user = userEvent.setup();
    renderScreen(<HandoverPage />, { route: '/handover' });
    await user.type(await screen.findByRole('combobox', { name: '新しい所属' }), 'デジタル庁');
    await user.type(screen.getByLabelText(/異動日/), daysAgo(0));
    await user.click(screen.getByRole('button', { name: '異動を記録する' }));
    await waitFor(() => expect(moveBody(api)).toEqual({ organization: 'デジタル庁', effectiveDate: daysAgo(0) }));
  });

  it('shows the service’s date problem beside the date and in an alert, and keeps what was typed', async () => {
    gateway().on('POST /api/members/me/moves', {
      status: 400,
      body: {
        title: '入力内容を確認してください / Invalid input',
        status: 400,
        detail: '異動日は今の所属の開始日（2021-04-01）より後にしてください / The effective date must be after the start of the current position (2021-04-01)',
        errors: [{
          field: 'effectiveDate',
          message: '異動日は今の所属の開始日（2021-04-01）より後にしてください / The effective date must be after the start of the current position (2021-04-01)',
        }],
      },
    });
    const user = userEvent.setup();
    renderScreen(<HandoverPage />, { route: '/handover' });
    const organization = await screen.findByRole('combobox', { name: '新しい所属' });
    await user.type(organization, 'デジタル庁');
    const date = screen.getByLabelText(/異動日/);
    await user.type(date, '2021-03-01');
    await user.click(screen.getByRole('button', { name: '異動を記録する' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('入力内容を確認してください');
    expect(alert).toHaveTextContent('異動日は今の所属の開始日（2021-04-01）より後にしてください');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAccessibleDescription(expect.stringContaining('異動日は今の所属の開始日（2021-04-01）より後にしてください'));
    expect(organization).toHaveValue('デジタル庁');
    expect(screen.getByText('まだ異動の記録はありません。')).toBeInTheDocument();
  });
});

function formatted(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}
