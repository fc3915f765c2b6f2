import { expect, type Locator, type Page } from '@playwright/test';
import { checkA11y } from './a11y';
import { baseURL } from './env';
import { verificationLink } from './mail';
import type { Person } from './people';
import { shot } from './shot';

/** Every screen the story passes: a picture for people, axe-core for the rules. */
export async function screen(page: Page, name: string): Promise<void> {
  await shot(page, name);
  await checkA11y(page, name);
}

/** A control the contract allows to be a select or a text input (都道府県, 所属, 種類). */
export async function choose(field: Locator, label: string): Promise<void> {
  await expect(field).toBeVisible();
  const tag = await field.evaluate((el) => el.tagName);
  if (tag === 'SELECT') {
    await field.selectOption({ label });
  } else {
    await field.fill(label);
  }
}

/** `都道府県` or `所属`: a combobox (select, or input with suggestions) or a plain textbox. */
export function comboOrText(page: Page, name: string): Locator {
  return page
    .getByRole('combobox', { name, exact: true })
    .or(page.getByRole('textbox', { name, exact: true }))
    .first();
}

export function password(page: Page): Locator {
  // the contract's textbox パスワード: Playwright, like Chromium's accessibility tree, gives a password input that role
  return page.getByRole('textbox', { name: 'パスワード', exact: true });
}

/** Fills and sends the registration form; resolves when the platform has accepted it (202). */
export async function registerThroughUi(page: Page, person: Person, beforeSubmit?: () => Promise<void>): Promise<void> {
  await page.getByRole('textbox', { name: 'メールアドレス', exact: true }).fill(person.email);
  await page.getByRole('textbox', { name: '表示名', exact: true }).fill(person.displayName);
  await page.getByRole('textbox', { name: 'ハンドル', exact: true }).fill(person.handle);
  await password(page).fill(person.password);
  await choose(comboOrText(page, '都道府県'), person.prefecture);
  await choose(comboOrText(page, '所属'), person.organization);
  if (beforeSubmit) await beforeSubmit();
  const registered = page.waitForResponse(
    (r) => r.url().endsWith('/api/auth/register') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: '登録する', exact: true }).click();
  const response = await registered;
  expect(response.status(), `POST /api/auth/register: ${await response.text()}`).toBe(202);
}

/** Opens the link from the captured verification mail; resolves when the page has verified the address. */
export async function verifyFromMail(page: Page, person: Person): Promise<void> {
  const link = await verificationLink(person.email);
  const verified = page.waitForResponse(
    (r) => r.url().endsWith('/api/auth/verify') && r.request().method() === 'POST',
  );
  await page.goto(link);
  const response = await verified;
  expect(response.status(), `POST /api/auth/verify: ${await response.text()}`).toBe(200);
  await expect(page.getByRole('alert')).toHaveCount(0);
}

/** Logs in on the login page the browser is on; resolves when the app has left it. */
export async function loginThroughUi(page: Page, person: Person): Promise<void> {
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('textbox', { name: 'メールアドレス', exact: true }).fill(person.email);
  await password(page).fill(person.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('navigation', { name: 'メイン' })).toBeVisible();
}

/** Registers and verifies through the API, as quickly as a second person can join; the mail is still the captured one. */
export async function joinThroughApi(person: Person): Promise<string> {
  const api = (path: string, body: unknown) =>
    fetch(new URL(path, baseURL), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  const registered = await api('/api/auth/register', {
    email: person.email,
    password: person.password,
    displayName: person.displayName,
    handle: person.handle,
    organization: person.organization,
    ...(person.organizationCode ? { organizationCode: person.organizationCode } : {}),
  });
  expect(registered.status, `register ${person.email}: ${await registered.clone().text()}`).toBe(202);
  const { memberId } = (await registered.json()) as { memberId: string };
  const token = new URL(await verificationLink(person.email)).searchParams.get('token');
  const verified = await api('/api/auth/verify', { token });
  expect(verified.status, `verify ${person.email}: ${await verified.clone().text()}`).toBe(200);
  return memberId;
}

/** The header's `通知` link, whose name carries the unread count. */
export function bell(page: Page): Locator {
  return page.getByRole('link', { name: /^通知(（未読 \d+ 件）)?$/ });
}

/** The composer's `種類`: a select or a radio group. */
export async function chooseKind(page: Page, kind: string): Promise<void> {
  const select = page.getByRole('combobox', { name: '種類', exact: true });
  const group = page.getByRole('radiogroup', { name: '種類', exact: true });
  await expect(select.or(group).first()).toBeVisible();
  if (await select.count()) {
    await select.selectOption({ label: kind });
  } else {
    await group.getByRole('radio', { name: kind, exact: true }).check();
  }
}

/** The status live region that says a post or reply went out. */
export function postedStatus(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: '投稿しました' });
}

/** Opens the account menu (a disclosure) when its entries are hidden, then follows one of its links. */
export async function openFromAccountMenu(page: Page, linkName: string): Promise<void> {
  const link = page.getByRole('link', { name: linkName, exact: true });
  if (!(await link.isVisible())) {
    // a <details> disclosure: its <summary> is named アカウント by aria-label but has no button role in Chromium
    await page.getByRole('button', { name: 'アカウント', exact: true }).or(page.getByLabel('アカウント', { exact: true })).first().click();
  }
  // the menu must fit the screen (a phone is 390 px wide: WCAG 1.4.10 reflow) and close once it has been used
  const box = await link.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect
    .soft(box && box.x >= 0 && box.x + box.width <= width, `the account menu's "${linkName}" lies within the ${width} px wide screen (box ${JSON.stringify(box)})`)
    .toBe(true);
  await link.click();
  await expect.soft(link, 'the account menu closes after one of its links was followed').toBeHidden({ timeout: 5_000 });
}

/** The way on to the login page after verifying: the page's own link (`ログインする`), else the header's `ログイン`. */
export async function loginLink(page: Page): Promise<Locator> {
  const inPage = page.getByRole('main').getByRole('link', { name: /^ログイン/ });
  const inHeader = page.getByRole('banner').getByRole('link', { name: 'ログイン', exact: true });
  await expect(inPage.or(inHeader).first()).toBeVisible();
  return (await inPage.count()) > 0 ? inPage.first() : inHeader;
}

/** An access token for `person` from the API (not the browser's session), to watch the platform settle. */
/** Whether `person` is a member already (a platform that several runs have used). */
export async function canLogIn(person: Person): Promise<boolean> {
  const response = await fetch(new URL('/api/auth/login', baseURL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  return response.status === 200;
}

export async function apiToken(person: Person): Promise<string> {
  const response = await fetch(new URL('/api/auth/login', baseURL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  expect(response.status, `API login of ${person.email}`).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** GET through the gateway as the holder of `token`; the parsed body. */
export async function apiGet<T>(path: string, token: string): Promise<T> {
  const response = await fetch(new URL(path, baseURL), {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

/** POST, PUT or DELETE through the gateway as the holder of `token`; the response, for its status and body. */
export async function apiSend(method: 'POST' | 'PUT' | 'DELETE', path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(new URL(path, baseURL), {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
