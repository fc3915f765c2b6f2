// Lighthouse on the Kyoso web client as a signed-in member sees it, with the mobile preset (throttled 4G and CPU),
// in Debian's Chromium. Runs against a platform started with ./kyoso up; prints the four category scores per page
// and writes the full reports under target/.
//   npm install && node run.mjs            (KYOSO_BASE_URL, KYOSO_MAIL_API, CHROMIUM_PATH to move it)
import { mkdirSync, writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

const base = process.env.KYOSO_BASE_URL ?? 'http://localhost:8080';
const mailApi = process.env.KYOSO_MAIL_API ?? 'http://localhost:8025';
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const targets = { performance: 90, accessibility: 95, 'best-practices': 95 };

async function api(method, path, body, headers = {}) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  // every answer is read whole, so that its connection can be used again
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: async () => JSON.parse(text) };
}

async function verificationToken(email) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const mails = await (await fetch(`${mailApi}/api/messages?to=${encodeURIComponent(email)}`)).json();
    const text = JSON.stringify(mails);
    const match = /verify\?token=([A-Za-z0-9_-]+)/.exec(text);
    if (match) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no verification mail for ${email}`);
}

async function aMemberWithAThread() {
  const run = Date.now().toString(36);
  const email = `lighthouse.${run}@bench.example.lg.jp`;
  const password = 'lighthouse-bench-password';
  await api('POST', '/api/auth/register', {
    email, password, displayName: '計測 太郎', handle: `lh_${run}`, organization: '計測町',
  });
  await api('POST', '/api/auth/verify', { token: await verificationToken(email) });
  const login = await api('POST', '/api/auth/login', { email, password }, { 'X-Kyoso-Client': 'web' });
  const { accessToken } = await login.json();
  const cookie = /kyoso_refresh=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('login did not set the kyoso_refresh cookie');
  const auth = { Authorization: `Bearer ${accessToken}` };
  const post = await (await api('POST', '/api/posts', {
    channel: 'general', kind: 'QUESTION', title: '窓口のオンライン予約、どう始めましたか？',
    body: '住民票の窓口で**待ち時間**を減らしたいです。\n\n- 予約システム\n- 番号札\n\nどれから始めましたか？', tags: ['窓口', 'DX'],
  }, auth)).json();
  for (let i = 1; i <= 8; i++) {
    await api('POST', `/api/posts/${post.id}/replies`, { body: `うちの町では${i}年前に始めました。まず番号札から。` }, auth);
  }
  return { cookie, postId: post.id };
}

const { cookie, postId } = await aMemberWithAThread();
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  const url = new URL(base);
  await page.setCookie({ name: 'kyoso_refresh', value: cookie, domain: url.hostname, path: '/api/auth',
    httpOnly: true, secure: true, sameSite: 'Strict' });
  await page.evaluate(() => localStorage.setItem('kyoso.signedIn', '1'));
  await page.close();
  await browser.disconnect();

  mkdirSync('target', { recursive: true });
  const pages = { feed: '/channels/general', thread: `/posts/${postId}`, home: '/' };
  const rows = [];
  for (const [name, path] of Object.entries(pages)) {
    const result = await lighthouse(base + path, {
      port: chrome.port, output: 'json', logLevel: 'error', disableStorageReset: true,
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    writeFileSync(`target/lighthouse-${name}.json`, result.report);
    const scores = Object.fromEntries(Object.entries(result.lhr.categories).map(([id, c]) => [id, Math.round(c.score * 100)]));
    const audits = result.lhr.audits;
    rows.push({ page: name, ...scores, 'LCP ms': Math.round(audits['largest-contentful-paint'].numericValue),
      'TBT ms': Math.round(audits['total-blocking-time'].numericValue), CLS: audits['cumulative-layout-shift'].numericValue.toFixed(3) });
  }
  console.table(rows);
  const misses = rows.flatMap((row) => Object.entries(targets).filter(([id, min]) => row[id] < min)
    .map(([id, min]) => `${row.page}: ${id} ${row[id]} < ${min}`));
  console.log(misses.length ? `below target: ${misses.join('; ')}` : 'every page meets its targets');
} finally {
  await chrome.kill();
}
