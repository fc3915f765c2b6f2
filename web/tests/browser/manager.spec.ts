import { expect, test } from '@playwright/test';
import { checkA11y } from './support/a11y';
import { managerEmail } from './support/env';
import { gima, type Person } from './support/people';
import { shotOnFailure } from './support/shot';
import { apiToken, joinThroughApi, loginThroughUi, screen } from './support/ui';
import { baseURL } from './support/env';

/**
 * The community manager's desk, as far as it is built: 冨岡さん schedules the Naha study session from the console,
 * a town official finds it and signs up (the only place, then the waitlist would begin), the manager sees her among
 * the attendees, and an announcement shows its delivery progress. axe-core on each console and session screen.
 */
shotOnFailure();

test('冨岡さんが勉強会を作り、儀間さんが参加を申し込み、運営コンソールに参加者が見える', async ({ page, browser }, testInfo) => {
  test.setTimeout(6 * 60_000);
  const manager: Person = {
    email: managerEmail,
    handle: `manager_${process.env.KYOSO_BROWSER_RUN}`.slice(0, 30),
    displayName: '冨岡 佳子',
    prefecture: '東京都',
    organization: 'デジタル庁',
    password: 'digital-Kyoso-2026',
  };
  const member = gima(testInfo, 'rsvp');
  const title = `那覇 DX 勉強会 ${process.env.KYOSO_BROWSER_RUN}`;
  await joinThroughApi(manager);
  await joinThroughApi(member);

  await test.step('冨岡さんが運営コンソールで勉強会を作る', async () => {
    await page.goto('/login?next=/console');
    await loginThroughUi(page, manager);
    await expect(page.getByRole('heading', { level: 1, name: '運営コンソール' })).toBeVisible();
    await checkA11y(page, 'console');
    await screen(page, 'm-01-console');
    const sessions = page.getByRole('region', { name: '勉強会' });
    await sessions.getByRole('textbox', { name: 'タイトル' }).fill(title);
    await sessions.getByRole('textbox', { name: '説明' }).fill('書かない窓口の事例を、那覇で一緒に学びます。');
    // three days ahead, 14:00–17:00 in Japan, whatever the machine's time zone
    const day = new Date(Date.now() + 3 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
    await sessions.getByLabel('開始').fill(`${day}T14:00`);
    await sessions.getByLabel('終了').fill(`${day}T17:00`);
    await sessions.getByRole('textbox', { name: '会場' }).fill('那覇市IT創造館');
    await sessions.getByLabel('都道府県').selectOption('沖縄県');
    await sessions.getByLabel('定員').fill('1');
    await sessions.getByRole('button', { name: '勉強会を作る' }).click();
    await expect(page.getByRole('status').filter({ hasText: `勉強会「${title}」を作りました` })).toBeVisible();
  });

  await test.step('儀間さんが勉強会を見つけて参加を申し込む', async () => {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    await phone.goto('/login?next=/sessions');
    await loginThroughUi(phone, member);
    await expect(phone.getByRole('heading', { level: 1, name: '勉強会' })).toBeVisible();
    await checkA11y(phone, 'sessions');
    await screen(phone, 'm-02-sessions');
    await phone.getByRole('link', { name: title }).first().click();
    await phone.getByRole('button', { name: '参加する', exact: true }).click();
    await expect(phone.getByRole('button', { name: '参加を取り消す', exact: true })).toBeVisible();
    await checkA11y(phone, 'session');
    await screen(phone, 'm-03-session-going');
    await context.close();
  });

  await test.step('運営コンソールの参加者に儀間さんが出る', async () => {
    await page.reload();
    const sessions = page.getByRole('region', { name: '勉強会' });
    await expect(sessions.getByText(member.displayName).first()).toBeVisible({ timeout: 15_000 });
    await screen(page, 'm-04-console-attendee');
  });

  await test.step('まだ投稿していない儀間さんに声をかける。2 回目は送られない', async () => {
    await page.reload();
    const never = page.getByRole('region', { name: 'まだ投稿していないメンバー' });
    const her = never.getByRole('checkbox', { name: member.displayName }).first();
    await expect(her).toBeVisible({ timeout: 15_000 });
    await her.check();
    await never.getByRole('button', { name: '送る', exact: true }).click();
    await expect(never).toContainText('1 人に送りました。');
    await checkA11y(page, 'console-nudged');
    await screen(page, 'm-05-nudged');
    await never.getByRole('checkbox', { name: member.displayName }).first().check();
    await never.getByRole('button', { name: '送る', exact: true }).click();
    await expect(never).toContainText('1 人には送りませんでした。');
    await expect(never).toContainText('30 日以内に声かけ済み');
  });

  await test.step('通報された投稿を、理由を添えて非表示にする', async () => {
    const token = await apiToken(member);
    const send = (path: string, body: unknown) => fetch(new URL(path, baseURL), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const written = await send('/api/posts', {
      channel: 'general', kind: 'DISCUSSION', title: `宣伝です ${process.env.KYOSO_BROWSER_RUN}`, body: '業務と関係のない宣伝', tags: [],
    });
    expect(written.status).toBe(201);
    const { id } = (await written.json()) as { id: string };
    const managerToken = await apiToken(manager);
    const reported = await fetch(new URL(`/api/posts/${id}/reports`, baseURL), {
      method: 'POST',
      headers: { Authorization: `Bearer ${managerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: '業務と関係のない宣伝です' }),
    });
    expect(reported.status).toBe(202);
    await page.reload();
    const reports = page.getByRole('region', { name: '通報' });
    const card = reports.getByRole('article').filter({ hasText: `宣伝です ${process.env.KYOSO_BROWSER_RUN}` }).first();
    await expect(card).toBeVisible({ timeout: 15_000 });
    await card.getByRole('textbox', { name: '理由' }).fill('ガイドラインの「宣伝の禁止」にあたるため');
    await card.getByRole('button', { name: '非表示にする', exact: true }).click();
    await expect(reports.getByRole('list', { name: '対応の履歴' }).or(reports.getByRole('region', { name: '対応の履歴' })).first())
      .toContainText('ガイドラインの「宣伝の禁止」にあたるため', { timeout: 15_000 });
    await checkA11y(page, 'console-report-handled');
    await screen(page, 'm-06-report-handled');
  });

  await test.step('お知らせを送ると、配信の進み具合が見える', async () => {
    const announcements = page.getByRole('region', { name: 'お知らせ' });
    await announcements.getByRole('textbox', { name: 'タイトル' }).fill('那覇の勉強会の資料を公開しました');
    await announcements.getByRole('textbox', { name: '本文' }).fill('参加できなかった方も、スレッドでどうぞ。');
    await announcements.getByRole('button', { name: 'お知らせを送る' }).click();
    await expect(page.getByRole('status', { name: '配信の進み具合' })).toContainText(/件送信済み/, { timeout: 60_000 });
    await checkA11y(page, 'console-announced');
    await screen(page, 'm-07-announced');
  });
});
