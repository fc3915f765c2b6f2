import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { gima, passphrase, tomioka } from './support/people';
import {
  apiGet,
  apiToken,
  bell,
  chooseKind,
  joinThroughApi,
  loginLink,
  loginThroughUi,
  openFromAccountMenu,
  password,
  postedStatus,
  registerThroughUi,
  screen,
  verifyFromMail,
} from './support/ui';
import { explainFailures } from './support/onFailure';

/**
 * The Naha study session (../../shared/seed), told through the web client in Chromium: 儀間 聡子 of Kumejima joins
 * from the link in her mail, writes her first self-introduction, 冨岡 佳子 of the Digital Agency welcomes her with a
 * mention that rings her bell while she is looking, she finds her post again by searching in Japanese, changes how
 * she is notified, and leaves; her post stays, by a former member. Once on a desktop, once on a phone-sized screen.
 */

/** A second person at a second browser, with the same screen as the project's (the page fixture's options). */
async function secondBrowser(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const use = testInfo.project.use;
  return browser.newContext({
    baseURL: use.baseURL,
    viewport: use.viewport,
    deviceScaleFactor: use.deviceScaleFactor,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    userAgent: use.userAgent,
    locale: use.locale,
    timezoneId: use.timezoneId,
  });
}

/** The unread count in the bell's accessible name (`通知（未読 3 件）`), 0 when the name is plain `通知`. */
async function unreadOnBell(page: Page): Promise<number> {
  const snapshot = await bell(page).ariaSnapshot();
  const count = /未読 (\d+) 件/.exec(snapshot);
  return count ? Number(count[1]) : 0;
}

explainFailures();

function main(page: Page) {
  return page.getByRole('main');
}

test('儀間さんが登録し、自己紹介を書き、メンションを受け取り、日本語で検索し、通知を設定して退会する', async ({ page, browser }, testInfo) => {
  test.setTimeout(12 * 60_000);
  const a = gima(testInfo);
  const b = tomioka(testInfo);
  const word = passphrase(testInfo);
  const title = '久米島町の儀間です';
  const introduction = [
    '久米島町 福祉課こども班の儀間です。',
    '少ない人数で複数の業務を兼務していて、窓口業務のデジタル化を進めたいと考えています。',
    `那覇の勉強会の合言葉は「${word}」でした。よろしくお願いします。`,
  ].join('\n\n');
  let postId = '';
  let replyId = '';
  let replySentAt = 0;
  let pageB: Page | undefined;
  const contextB = await secondBrowser(browser, testInfo);

  try {
    await test.step('儀間さんが登録フォームから登録する', async () => {
      await page.goto('/register');
      await expect(page.getByRole('button', { name: '登録する', exact: true })).toBeVisible();
      await screen(page, '01-register');
      await registerThroughUi(page, a);
      await expect(page.getByRole('alert')).toHaveCount(0);
      // the form has been sent: the page now tells her to look at her mail
      await expect.soft(page.getByRole('button', { name: '登録する', exact: true })).toBeHidden();
      await screen(page, '02-register-mail-sent');
    });

    await test.step('届いたメールのリンクを開いてメールアドレスを確認する', async () => {
      await verifyFromMail(page, a);
      await screen(page, '03-verify');
    });

    await test.step('ログインすると、はじめての案内（/welcome）が出る', async () => {
      await (await loginLink(page)).click();
      await expect(page).toHaveURL(/\/login/);
      await screen(page, '04-login');
      await loginThroughUi(page, a);
      await expect.soft(page, 'a member who has never posted is shown the onboarding first').toHaveURL(/\/welcome$/);
      await screen(page, '05-welcome');
    });

    await test.step('はじめての自己紹介を書いて投稿する', async () => {
      await page.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '投稿する', exact: true }).click();
      await expect(page).toHaveURL(/\/posts\/new/);
      await expect(page.getByRole('button', { name: '投稿する', exact: true })).toBeVisible();
      await screen(page, '06-composer');
      await chooseKind(page, '自己紹介');
      const channel = page.getByRole('combobox', { name: /チャンネル/ });
      if ((await channel.count()) && (await channel.evaluate((el) => el.tagName)) === 'SELECT') {
        const option = channel.locator('option', { hasText: '自己紹介' });
        if (await option.count()) await channel.selectOption({ label: (await option.first().textContent())!.trim() });
      }
      await page.getByRole('textbox', { name: 'タイトル', exact: true }).fill(title);
      await page.getByRole('textbox', { name: '本文', exact: true }).fill(introduction);
      const created = page.waitForResponse((r) => /\/api\/posts$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
      await page.getByRole('button', { name: '投稿する', exact: true }).click();
      const response = await created;
      expect(response.status(), `POST /api/posts: ${await response.text()}`).toBe(201);
      postId = ((await response.json()) as { id: string }).id;
      await expect(postedStatus(page)).toBeVisible();
      await screen(page, '07-posted');
      if (!new URL(page.url()).pathname.endsWith(`/posts/${postId}`)) {
        // the success message links to the new post
        await postedStatus(page).getByRole('link').first().click();
      }
      await expect(page).toHaveURL(new RegExp(`/posts/${postId}`));
      await expect(main(page).getByRole('heading', { name: title })).toBeVisible();
      await screen(page, '08-post');
    });

    const unreadBefore = await unreadOnBell(page);

    await test.step('冨岡さんが別のブラウザでその投稿を開き、@メンション付きで返信する', async () => {
      await joinThroughApi(b);
      pageB = await contextB.newPage();
      // a link to a signed-in page leads a guest to the login page and back
      await pageB.goto(`/posts/${postId}`);
      await expect(pageB).toHaveURL(/\/login/);
      await loginThroughUi(pageB, b);
      await expect.soft(pageB, 'after logging in she is back on the page she opened').toHaveURL(new RegExp(`/posts/${postId}`));
      if (!pageB.url().includes(`/posts/${postId}`)) await pageB.goto(`/posts/${postId}`);
      await expect(main(pageB).getByRole('heading', { name: title })).toBeVisible();
      await screen(pageB, 'b-01-post');
      await pageB
        .getByRole('textbox', { name: '返信', exact: true })
        .fill(`@${a.handle} ようこそ共創へ！窓口のデジタル化なら、都城市の佐藤さんの話が参考になりますよ。`);
      const replied = pageB.waitForResponse(
        (r) => new URL(r.url()).pathname === `/api/posts/${postId}/replies` && r.request().method() === 'POST',
      );
      // the bell's name is watched in her page from now on, to print how long the notice took to arrive
      await page.evaluate(() => {
        const link = document.querySelector('a[href="/notifications"][aria-label]');
        if (!link) return;
        const before = link.getAttribute('aria-label');
        new MutationObserver(() => {
          const w = window as unknown as { kyosoBellChangedAt?: number };
          if (link.getAttribute('aria-label') !== before && !w.kyosoBellChangedAt) w.kyosoBellChangedAt = Date.now();
        }).observe(link, { attributes: true });
      });
      replySentAt = Date.now();
      await pageB.getByRole('button', { name: '返信する', exact: true }).click();
      const response = await replied;
      expect(response.status(), `POST replies: ${await response.text()}`).toBe(201);
      replyId = ((await response.json()) as { id: string }).id;
      await expect(postedStatus(pageB)).toBeVisible();
      await screen(pageB, 'b-02-replied');
    });

    await test.step('開いたままの儀間さんの画面で、ベルに未読が届く（再読み込みなし）', async () => {
      // soft: without a live bell the notice is still on the notifications page, and the story goes on to it
      await expect
        .configure({ soft: true })
        .poll(() => unreadOnBell(page), { message: 'the bell shows the new notice without a reload', timeout: 15_000 })
        .toBeGreaterThan(unreadBefore);
      await expect.soft(bell(page)).toHaveAccessibleName(/^通知（未読 \d+ 件）$/);
      const changedAt = await page.evaluate(() => (window as unknown as { kyosoBellChangedAt?: number }).kyosoBellChangedAt);
      // a figure for the README, not a timed assertion: the click on 返信する until her bell's name changed
      console.log(`[bench] ${test.info().project.name}: the live notice reached the bell ${changedAt ? `${changedAt - replySentAt} ms` : '(not seen)'} after 返信する was clicked`);
      await screen(page, '09-bell-unread');
    });

    await test.step('通知一覧から返信へ移動する', async () => {
      await bell(page).click();
      await expect(page).toHaveURL(/\/notifications$/);
      const list = page.getByRole('list', { name: '通知一覧', exact: true });
      await expect(list).toBeVisible();
      const fromB = list.getByRole('listitem').filter({ hasText: b.displayName });
      await expect(fromB.first()).toBeVisible();
      // a reply that also mentions her is one notice, not two
      await expect.soft(fromB, 'one notice for a reply that mentions her').toHaveCount(1);
      await expect(page.getByRole('button', { name: 'すべて既読にする', exact: true })).toBeVisible();
      await screen(page, '10-notifications');
      await fromB.first().getByRole('link').first().click();
      await expect(page).toHaveURL(new RegExp(`/posts/${postId}#reply-${replyId}$`));
      // soft: a thread that does not show the new reply is a defect to report, and the story can still go on
      const reply = page.locator(`[id="reply-${replyId}"]`);
      await expect.soft(reply, 'the reply the notice points at is on the page (not a stale thread)').toBeVisible();
      await expect.soft(reply).toContainText(b.displayName);
      await expect.soft(reply, 'the page is scrolled to the reply').toBeInViewport();
      await screen(page, '11-reply');
    });

    await test.step('日本語で検索して自分の投稿を見つける', async () => {
      const query = `窓口 ${word}`;
      const box = page.getByRole('search', { name: '検索' }).getByRole('searchbox', { name: '検索', exact: true });
      await box.fill(query);
      await box.press('Enter');
      await expect(page).toHaveURL(/\/search\?q=/);
      expect(new URL(page.url()).searchParams.get('q')).toBe(query);
      const result = main(page).locator(`a[href*="/posts/${postId}"]`);
      await expect(result.first()).toBeVisible();
      await expect(result.first()).toContainText(title);
      await screen(page, '12-search');
    });

    await test.step('通知の設定を変えて保存する', async () => {
      await openFromAccountMenu(page, '通知の設定');
      await expect(page).toHaveURL(/\/settings\/notifications$/);
      const save = page.getByRole('button', { name: '保存する', exact: true });
      await expect(save).toBeVisible();
      await screen(page, '13-settings-notifications');
      // reactions are the least important notice: she turns them off
      const reactions = page.getByRole('checkbox', { name: /リアクション/ });
      const toggle = (await reactions.count()) ? reactions.first() : page.getByRole('checkbox').first();
      const wasChecked = await toggle.isChecked();
      await toggle.setChecked(!wasChecked);
      const saved = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/notifications/preferences' && r.request().method() === 'PUT',
      );
      await save.click();
      const response = await saved;
      expect(response.status(), `PUT preferences: ${await response.text()}`).toBe(200);
      await expect(page.getByRole('status').filter({ hasText: '保存しました' })).toBeVisible();
      await expect(toggle).toBeChecked({ checked: !wasChecked });
      await screen(page, '14-settings-saved');
    });

    await test.step('退会する：確認してから退会し、もうログインできない', async () => {
      await openFromAccountMenu(page, 'アカウントの設定');
      await expect(page).toHaveURL(/\/settings\/account$/);
      await expect(page.getByRole('button', { name: '退会する', exact: true })).toBeVisible();
      await screen(page, '15-account');
      await page.getByRole('button', { name: '退会する', exact: true }).click();
      const confirm = page.getByRole('button', { name: '退会を確定する', exact: true });
      await expect(confirm).toBeVisible();
      await screen(page, '16-leave-confirm');
      const left = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/members/me' && r.request().method() === 'DELETE',
      );
      await confirm.click();
      expect((await left).status()).toBe(204);
      await expect(page.getByRole('navigation', { name: 'メイン' })).toBeHidden();
      await screen(page, '17-left');

      await page.goto('/login');
      await page.getByRole('textbox', { name: 'メールアドレス', exact: true }).fill(a.email);
      await password(page).fill(a.password);
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expect(page).toHaveURL(/\/login/);
      await screen(page, '18-login-after-leaving');
    });

    await test.step('冨岡さんの画面では、儀間さんの投稿が「退会したメンバー」のものとして残る', async () => {
      const other = pageB!;
      // erasure travels by events to posts-service: wait for the platform, then look at what the page shows
      const token = await apiToken(b);
      await expect
        .poll(
          async () => (await apiGet<{ author?: { former?: boolean } }>(`/api/posts/${postId}`, token)).author?.former,
          { message: 'posts-service shows the post by a former member', timeout: 60_000 },
        )
        .toBe(true);
      const box = other.getByRole('search', { name: '検索' }).getByRole('searchbox', { name: '検索', exact: true });
      await box.fill(`窓口 ${word}`);
      await box.press('Enter');
      await expect(other).toHaveURL(/\/search\?q=/);
      await main(other).locator(`a[href*="/posts/${postId}"]`).first().click();
      await expect(other).toHaveURL(new RegExp(`/posts/${postId}`));
      await expect(main(other).getByRole('heading', { name: title })).toBeVisible();
      // once in CI (desktop) the page kept showing its copy from before the erasure; opening the post afresh must
      // show the former member in any case, and the log says when that was needed
      try {
        await expect(main(other)).toContainText('退会したメンバー', { timeout: 10_000 });
      } catch {
        console.log('[seed-story] the post page still showed its copy from before the erasure: reloading it');
        await other.reload();
        await expect(main(other)).toContainText('退会したメンバー', { timeout: 15_000 });
      }
      await expect.soft(main(other), 'her name is erased with her personal data').not.toContainText(a.displayName);
      await screen(other, 'b-03-former-member');
    });
  } finally {
    await contextB.close();
  }
});
