import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { HandoverView } from '../../api/generated/members';
import { fakeApi, type FakeApi } from '../../test/fakeApi';
import { renderScreen } from '../../test/render';
import { signIn, signOut } from '../auth/testing/signIn';
import { Layout } from '../../app/Layout';
import { fakeStream } from '../notifications/testing/fakeStream';
import ComposerPage from '../posts/ComposerPage';
import { channelsFixture } from '../posts/testing/fixtures';
import HandoverPage from './HandoverPage';
import { gimaClaims, gimaProfile, kodaClaims, kodaProfile, receivedHandover, thread } from './testing/fixtures';

beforeEach(async () => {
  fakeApi();
  await signOut();
  localStorage.clear();
});

const requestsTo = (api: FakeApi, method: string, path: string) =>
  api.requests
    .map((request, index) => ({ request, body: api.bodies[index] }))
    .filter(({ request }) => request.method === method && new URL(request.url).pathname === path);

function renderHandover() {
  // the composer is mounted beside the page, so that the introduction's link can be followed
  return renderScreen(
    <Routes>
      <Route path="/handover" element={<HandoverPage />} />
      <Route path="/posts/new" element={<ComposerPage />} />
    </Routes>,
    { route: '/handover' },
  );
}

describe('HandoverPage as successor', () => {
  function successorGateway() {
    let watchedByMe = false;
    const api = fakeApi()
      .on('GET /api/members/me', { body: kodaProfile() })
      .on('GET /api/members/me/handovers', { body: { given: [], received: [receivedHandover()] } })
      .on('GET /api/posts/handovers/h-1/threads', {
        body: {
          handoverId: 'h-1',
          items: [
            thread('p-1', '保育料の無償化の事務手順', { solved: true, open: false, role: 'ASKED', lastActivityAt: '2026-03-25T01:00:00Z' }),
            thread('p-2', '児童手当の現況届を廃止した後の確認方法', { open: true, role: 'ASKED' }),
            thread('p-3', '放課後児童クラブの利用料の決め方', { kind: 'DISCUSSION', solved: undefined, open: false, role: 'ANSWERED' }),
            thread('p-4', '病児保育の広域利用', { open: true, role: 'BOTH' }),
          ],
          nextCursor: null,
        },
      })
      .on('GET /api/notifications/handovers/h-1/watches', () => ({
        body: {
          items: [
            { target: { type: 'post', id: 'p-9' }, title: '保育所の入所調整の進め方', alreadyWatchedBySuccessor: watchedByMe },
            { target: { type: 'channel', id: 'kosodate' }, title: '子育て支援', alreadyWatchedBySuccessor: true },
            { target: { type: 'channel', id: 'general' }, title: '雑談 / General', alreadyWatchedBySuccessor: false, mutedBySuccessor: true },
          ],
        },
      }))
      .on('POST /api/notifications/handovers/h-1/take-over-watches', () => {
        watchedByMe = true;
        return { body: { copied: 1, alreadyWatching: 1 } };
      })
      .on('GET /api/members/past-holders', {
        body: {
          items: [
            {
              memberId: 'm-gima', displayName: '儀間 さくら', handle: 'gima_sakura', organization: '久米島町', organizationCode: '473618',
              department: '福祉課 子ども支援係', from: '2021-04-01', to: '2026-03-31',
              current: { organization: '沖縄県庁', organizationCode: '470007', department: 'こども家庭課' },
            },
            {
              memberId: 'm-higa', displayName: '比嘉 健', handle: 'higa_ken', organization: '久米島町', organizationCode: '473618',
              department: '福祉課', from: '2016-04-01', to: '2021-03-31',
              current: { organization: '那覇市', organizationCode: '472018', department: 'こども政策課' },
            },
          ],
          nextCursor: null,
        },
      })
      .on('GET /api/channels', { body: { items: channelsFixture } });
    signIn(api, kodaClaims);
    return api;
  }

  it('shows who the handover is from, the job, the note and the predecessor’s threads with open questions first', async () => {
    successorGateway();
    renderHandover();
    expect(await screen.findByRole('heading', { level: 1, name: '引き継ぎ' })).toBeInTheDocument();
    const received = await screen.findByRole('region', { name: '受け取った引き継ぎ' });
    const handover = await within(received).findByRole('article', { name: '儀間 さくらさんからの引き継ぎ' });
    expect(within(handover).getAllByRole('link', { name: '儀間 さくら' })[0]).toHaveAttribute('href', '/members/m-gima');
    const facts = within(handover).getAllByRole('definition').map((fact) => fact.textContent);
    expect(facts).toEqual([
      '儀間 さくら （現在の所属: 沖縄県庁）',
      '久米島町 福祉課 子ども支援係',
      '2021年4月1日〜2026年3月31日',
      '児童手当の現況届の件は、県の担当（新里さん）に相談中です。',
    ]);

    const threads = await within(handover).findByRole('list', { name: '前任者のスレッド' });
    const items = within(threads).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('link').textContent)).toEqual([
      '児童手当の現況届を廃止した後の確認方法',
      '病児保育の広域利用',
      '保育料の無償化の事務手順',
      '放課後児童クラブの利用料の決め方',
    ]);
    expect(within(items[0]).getByText('未解決')).toBeInTheDocument();
    expect(within(items[0]).getByText('質問した')).toBeInTheDocument();
    expect(within(items[1]).getByText('質問して回答もした')).toBeInTheDocument();
    expect(within(items[2]).getByText('解決済み')).toBeInTheDocument();
    expect(within(items[2]).queryByText('未解決')).not.toBeInTheDocument();
    expect(within(items[3]).getByText('返信した')).toBeInTheDocument();
    expect(within(items[0]).getByRole('link')).toHaveAttribute('href', '/posts/p-2');
    expect(within(handover).getByText('未解決の質問が 2 件あります。')).toBeInTheDocument();

    const pastHolders = await within(handover).findByRole('list', { name: 'この所属の前任者たち' });
    const higa = within(pastHolders).getByRole('link', { name: '比嘉 健' }).closest('li')!;
    expect(higa).toHaveTextContent('現在の所属: 那覇市 こども政策課');
    expect(higa).toHaveTextContent('久米島町 福祉課（2016年4月1日〜2021年3月31日）');
  });

  it('asks posts-service for the handover’s threads and the past holders by the organization’s code', async () => {
    const api = successorGateway();
    renderHandover();
    await screen.findByRole('list', { name: 'この所属の前任者たち' });
    await screen.findByRole('list', { name: '前任者のスレッド' });
    const [threads] = requestsTo(api, 'GET', '/api/posts/handovers/h-1/threads');
    expect(threads.request.headers.get('Authorization')).toMatch(/^Bearer /);
    const [holders] = requestsTo(api, 'GET', '/api/members/past-holders');
    expect(new URL(holders.request.url).searchParams.get('organizationCode')).toBe('473618');
  });

  it('takes over the predecessor’s watches in one go and says how many', async () => {
    const api = successorGateway();
    const user = userEvent.setup();
    renderHandover();
    const watches = await screen.findByRole('list', { name: '前任者のウォッチ' });
    expect(within(watches).getByRole('link', { name: '保育所の入所調整の進め方' })).toHaveAttribute('href', '/posts/p-9');
    expect(within(watches).getByRole('link', { name: '子育て支援' })).toHaveAttribute('href', '/channels/kosodate');
    expect(within(watches).getAllByText('ウォッチ中')).toHaveLength(1);
    // what the successor muted stays muted: the service leaves it, and the page says so
    expect(within(watches).getByRole('link', { name: '雑談' })).toHaveAttribute('href', '/channels/general');
    expect(within(watches).getByText('ミュート中（引き継いでもミュートのままです）')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'ウォッチをまとめて引き継ぐ' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 件のウォッチを引き継ぎました'));
    expect(requestsTo(api, 'POST', '/api/notifications/handovers/h-1/take-over-watches')).toHaveLength(1);
    expect(await screen.findByText('すべてのウォッチを引き継ぎ済みです。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'ウォッチをまとめて引き継ぐ' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: '前任者のウォッチ' })).getAllByText('ウォッチ中')).toHaveLength(2);
  });

  it('opens the composer on the introductions channel with the handover’s draft', async () => {
    successorGateway();
    const user = userEvent.setup();
    renderHandover();
    expect(await screen.findByText('下書きのタイトル: 「久米島町 福祉課 子ども支援係を引き継ぎました」')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '引き継ぎの自己紹介を書く' }));

    expect(await screen.findByRole('heading', { level: 1, name: '新しい投稿' })).toBeInTheDocument();
    expect(await screen.findByRole('textbox', { name: 'タイトル' })).toHaveValue('久米島町 福祉課 子ども支援係を引き継ぎました');
    expect(screen.getByRole('textbox', { name: '本文' })).toHaveValue(
      'はじめまして、幸田 舞です。儀間 さくらさんの後任として、久米島町 福祉課 子ども支援係の仕事を引き継ぎました。',
    );
    expect(screen.getByRole('combobox', { name: 'チャンネル' })).toHaveValue('introductions');
    expect(screen.getByRole('combobox', { name: '種類' })).toHaveValue('INTRODUCTION');
  });

  it('asks before replacing an introduction the successor had already started', async () => {
    successorGateway();
    localStorage.setItem('kyoso.draft.m-koda.post.introductions', JSON.stringify({
      title: '自己紹介', body: '書きかけの自己紹介', kind: 'INTRODUCTION', tags: [], idempotencyKey: 'k-1', savedAt: '2026-04-01T00:00:00Z',
    }));
    const user = userEvent.setup();
    renderHandover();
    await user.click(await screen.findByRole('button', { name: '引き継ぎの自己紹介を書く' }));
    expect(screen.getByText('自己紹介チャンネルに書きかけの下書きがあります。引き継ぎの下書きで置き換えますか？')).toHaveFocus();
    await user.click(screen.getByRole('button', { name: '書きかけの下書きを開く' }));
    expect(await screen.findByRole('textbox', { name: 'タイトル' })).toHaveValue('自己紹介');
  });

  it('says the threads are still arriving, without an error, while posts-service has not heard of the handover', async () => {
    const api = successorGateway()
      .on('GET /api/posts/handovers/h-1/threads', { status: 404, body: { title: '引き継ぎが見つかりません / No such handover', status: 404 } })
      .on('GET /api/notifications/handovers/h-1/watches', { status: 404, body: { title: 'Not found', status: 404 } });
    const user = userEvent.setup();
    renderHandover();
    const handover = await screen.findByRole('article', { name: '儀間 さくらさんからの引き継ぎ' });
    await waitFor(() => expect(within(handover).getAllByText(/引き継ぎの内容がまだ届いていません/)).toHaveLength(2));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    api.on('GET /api/posts/handovers/h-1/threads', { body: { items: [thread('p-2', '児童手当の現況届を廃止した後の確認方法', { open: true })], nextCursor: null } });
    await user.click(within(handover).getAllByRole('button', { name: 'もう一度読み込む' })[0]);
    expect(await within(handover).findByRole('link', { name: '児童手当の現況届を廃止した後の確認方法' })).toBeInTheDocument();
  });

  it('explains the page when nothing was handed over or given yet', async () => {
    const api = fakeApi()
      .on('GET /api/members/me', { body: kodaProfile() })
      .on('GET /api/members/me/handovers', { body: { given: [], received: [] } });
    signIn(api, kodaClaims);
    renderHandover();
    expect(await screen.findByText(/まだ引き継ぎを受け取っていません。/)).toBeInTheDocument();
    expect(screen.getByText('まだ後任者を指名していません。')).toBeInTheDocument();
    expect(screen.getByText('まだ異動の記録はありません。')).toBeInTheDocument();
    // no recent move: only the current job can be handed over, so there is nothing to choose
    expect(screen.queryByRole('group', { name: '引き継ぐ仕事' })).not.toBeInTheDocument();
    expect(screen.getByText('引き継ぐ仕事: 久米島町 福祉課 子ども支援係')).toBeInTheDocument();
  });
});

describe('HandoverPage as predecessor', () => {
  function predecessorGateway(given: HandoverView[] = []) {
    const list = { given: [...given], received: [] as HandoverView[] };
    const api = fakeApi()
      .on('GET /api/members/me', { body: gimaProfile() })
      .on('GET /api/members/me/handovers', () => ({ body: list }))
      .on('POST /api/members/me/handovers', () => {
        const named: HandoverView = {
          id: 'h-2',
          predecessor: { id: 'm-gima', displayName: '儀間 さくら', organization: '沖縄県庁' },
          successor: { email: 'ko***@town.kumejima.lg.jp' },
          status: 'WAITING_FOR_SUCCESSOR',
          position: gimaProfile().history![0],
          note: '現況届の件をお願いします',
          namedAt: '2026-04-02T01:00:00Z',
        };
        list.given.unshift(named);
        return { status: 201, body: named };
      });
    signIn(api, gimaClaims);
    return api;
  }

  it('names the successor for the job just left, invites them, and lists them as waiting', async () => {
    const api = predecessorGateway();
    const user = userEvent.setup();
    renderHandover();
    const give = await screen.findByRole('region', { name: '後任者に引き継ぐ' });
    const position = within(give).getByRole('group', { name: '引き継ぐ仕事' });
    expect(within(position).getByRole('radio', { name: /前の所属: 久米島町 福祉課 子ども支援係/ })).toBeChecked();
    expect(within(position).getByRole('radio', { name: /今の所属: 沖縄県庁 こども家庭課/ })).not.toBeChecked();

    await user.type(within(give).getByRole('textbox', { name: '後任者のメールアドレス' }), 'koda@town.kumejima.lg.jp');
    await user.type(within(give).getByRole('textbox', { name: 'メモ' }), '現況届の件をお願いします');
    await user.click(within(give).getByRole('button', { name: '後任者を指名する' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('koda@town.kumejima.lg.jp に招待メールを送りました'));
    expect(requestsTo(api, 'POST', '/api/members/me/handovers')[0].body).toEqual({
      successorEmail: 'koda@town.kumejima.lg.jp',
      note: '現況届の件をお願いします',
      position: 'previous',
    });
    const list = await within(give).findByRole('list', { name: '指名した後任者' });
    const item = within(list).getByRole('listitem');
    expect(item).toHaveTextContent('ko***@town.kumejima.lg.jp');
    expect(item).toHaveTextContent('待っています: 招待中');
    expect(item).toHaveTextContent('久米島町 福祉課 子ども支援係');
    expect(within(give).getByRole('textbox', { name: '後任者のメールアドレス' })).toHaveValue('');
  });

  it('shows a field problem beside the field and in an alert', async () => {
    predecessorGateway().on('POST /api/members/me/handovers', {
      status: 400,
      body: {
        title: '入力内容を確認してください / Invalid input',
        status: 400,
        errors: [{ field: 'successorEmail', message: '自分自身を後任にはできません / You cannot name yourself as your successor' }],
      },
    });
    const user = userEvent.setup();
    renderHandover();
    const email = await screen.findByRole('textbox', { name: '後任者のメールアドレス' });
    await user.type(email, 'gima@pref.okinawa.lg.jp');
    await user.click(screen.getByRole('button', { name: '後任者を指名する' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('自分自身を後任にはできません'));
    expect(screen.queryByText(/You cannot name yourself/)).not.toBeInTheDocument();
  });

  it('says so when the same successor was already named (409)', async () => {
    predecessorGateway().on('POST /api/members/me/handovers', {
      status: 409,
      body: {
        title: '競合しています / Conflict',
        status: 409,
        detail: 'この方はこの仕事の後任として既に指名されています / This person has already been named as your successor for this position',
      },
    });
    const user = userEvent.setup();
    renderHandover();
    const email = await screen.findByRole('textbox', { name: '後任者のメールアドレス' });
    await user.type(email, 'koda@town.kumejima.lg.jp');
    await user.click(screen.getByRole('button', { name: '後任者を指名する' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('この方はこの仕事の後任として既に指名されています');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('既に指名されています'));
  });

  it('lists successors who took over as 引き継ぎ済み', async () => {
    predecessorGateway([{
      id: 'h-1', status: 'ACTIVE', successor: { id: 'm-koda', displayName: '幸田 舞', organization: '久米島町', email: 'ko***@town.kumejima.lg.jp' },
      position: gimaProfile().history![0], namedAt: '2026-03-20T01:00:00Z',
    }]);
    renderHandover();
    const list = await screen.findByRole('list', { name: '指名した後任者' });
    expect(within(list).getByRole('listitem')).toHaveTextContent('幸田 舞（ko***@town.kumejima.lg.jp）');
    expect(within(list).getByRole('listitem')).toHaveTextContent('引き継ぎ済み');
  });
});

describe('the way to the handover page', () => {
  it('is in the account menu', async () => {
    const api = fakeApi().on('GET /api/notifications/unread-count', { body: { count: 0 } });
    signIn(api, kodaClaims);
    fakeStream();
    const user = userEvent.setup();
    renderScreen(<Layout><p>本文</p></Layout>);
    await user.click(await screen.findByRole('button', { name: 'アカウント' }));
    expect(screen.getByRole('link', { name: '引き継ぎ' })).toHaveAttribute('href', '/handover');
  });
});
