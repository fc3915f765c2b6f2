import { expect, test, type Page } from '@playwright/test';
import { chooseByKeyboard, expectVisibleFocus, tabTo } from './support/keyboard';
import { verificationLink } from './support/mail';
import { gima, passphrase } from './support/people';
import { explainFailures } from './support/onFailure';
import { comboOrText, loginLink, password, postedStatus, screen } from './support/ui';

/**
 * A member who uses no mouse: registration, the mail's link, login and a first post with the keyboard alone
 * (Tab, Shift+Tab, Enter, Space, arrows). The focus must always be visible.
 */
test.describe('キーボードだけで', () => {
  explainFailures();

  async function chooseKindByKeyboard(page: Page, kind: string) {
    const select = page.getByRole('combobox', { name: '種類', exact: true });
    const group = page.getByRole('radiogroup', { name: '種類', exact: true });
    await expect(select.or(group).first()).toBeVisible();
    if (await select.count()) {
      await tabTo(page, select);
      await expectVisibleFocus(page, '種類');
      await chooseByKeyboard(page, select, kind);
      return;
    }
    // Tab enters a radio group once; the arrow keys move within it and Space selects
    const radios = group.getByRole('radio');
    const target = group.getByRole('radio', { name: kind, exact: true });
    await tabTo(page, group, { within: true });
    await expectVisibleFocus(page, '種類');
    for (let i = 0; i < (await radios.count()) && !(await target.isChecked()); i++) {
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Space');
    await expect(target).toBeChecked();
  }

  test('登録からメールの確認、ログイン、はじめての投稿まで', async ({ page }, testInfo) => {
    test.setTimeout(6 * 60_000);
    const person = gima(testInfo, 'kbd');

    await test.step('登録フォーム', async () => {
      await page.goto('/register');
      const email = page.getByRole('textbox', { name: 'メールアドレス', exact: true });
      await tabTo(page, email);
      await expectVisibleFocus(page, 'register: メールアドレス');
      await page.keyboard.type(person.email);
      await tabTo(page, page.getByRole('textbox', { name: '表示名', exact: true }));
      await page.keyboard.type(person.displayName);
      await tabTo(page, page.getByRole('textbox', { name: 'ハンドル', exact: true }));
      await page.keyboard.type(person.handle);
      await tabTo(page, password(page));
      await expectVisibleFocus(page, 'register: パスワード');
      await page.keyboard.type(person.password);
      const prefecture = comboOrText(page, '都道府県');
      await tabTo(page, prefecture);
      await expectVisibleFocus(page, 'register: 都道府県');
      await chooseByKeyboard(page, prefecture, person.prefecture);
      const organization = comboOrText(page, '所属');
      await tabTo(page, organization);
      await chooseByKeyboard(page, organization, person.organization);
      // back to check the email once more, as people do, and forward again
      await tabTo(page, email, { backward: true });
      await expect(email).toHaveValue(person.email);
      const submit = page.getByRole('button', { name: '登録する', exact: true });
      await tabTo(page, submit);
      await expectVisibleFocus(page, 'register: 登録する');
      const registered = page.waitForResponse(
        (r) => r.url().endsWith('/api/auth/register') && r.request().method() === 'POST',
      );
      await page.keyboard.press('Enter');
      const response = await registered;
      expect(response.status(), `POST /api/auth/register: ${await response.text()}`).toBe(202);
      await screen(page, 'kbd-01-registered');
    });

    await test.step('メールのリンクで確認し、キーボードでログインする', async () => {
      const verified = page.waitForResponse(
        (r) => r.url().endsWith('/api/auth/verify') && r.request().method() === 'POST',
      );
      await page.goto(await verificationLink(person.email));
      expect((await verified).status()).toBe(200);
      const toLogin = await loginLink(page);
      await tabTo(page, toLogin);
      await expectVisibleFocus(page, 'verify: ログイン link');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/login/);
      await tabTo(page, page.getByRole('textbox', { name: 'メールアドレス', exact: true }));
      await page.keyboard.type(person.email);
      await tabTo(page, password(page));
      await page.keyboard.type(person.password);
      await tabTo(page, page.getByRole('button', { name: 'ログイン', exact: true }));
      await expectVisibleFocus(page, 'login: ログイン');
      await page.keyboard.press('Enter');
      await expect(page).not.toHaveURL(/\/login/);
      await expect(page.getByRole('navigation', { name: 'メイン' })).toBeVisible();
    });

    await test.step('キーボードだけで自己紹介を投稿する', async () => {
      const newPost = page.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '投稿する', exact: true });
      await tabTo(page, newPost);
      await expectVisibleFocus(page, 'nav: 投稿する');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/posts\/new/);
      await chooseKindByKeyboard(page, '自己紹介');
      await tabTo(page, page.getByRole('textbox', { name: 'タイトル', exact: true }));
      await expectVisibleFocus(page, 'composer: タイトル');
      await page.keyboard.type('キーボードで書いています');
      const body = page.getByRole('textbox', { name: '本文', exact: true });
      await tabTo(page, body);
      await page.keyboard.type(`久米島町の儀間です。マウスを使わずに投稿しています（${passphrase(testInfo)}）。`);
      const submit = page.getByRole('button', { name: '投稿する', exact: true });
      await tabTo(page, submit);
      await expectVisibleFocus(page, 'composer: 投稿する');
      const created = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/posts' && r.request().method() === 'POST',
      );
      await page.keyboard.press('Enter');
      const response = await created;
      expect(response.status(), `POST /api/posts: ${await response.text()}`).toBe(201);
      await expect(postedStatus(page)).toBeVisible();
      await screen(page, 'kbd-02-posted');
    });
  });
});
