import { defineConfig } from '@playwright/test';

// Browser tests against the real platform (the gateway serves this app at `/`). They run in Debian's Chromium,
// never in a browser Playwright downloads: CI machines install `chromium` with apt-get (see .ci/run).
const baseURL = process.env.KYOSO_BASE_URL ?? 'http://localhost:8080';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/browser',
  outputDir: 'target/playwright/results',
  // the stories share one platform and a 2-core machine: one browser at a time, in order
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // the platform runs four JVMs, a broker and a database on a small machine: be patient, not flaky
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['junit', { outputFile: 'target/playwright/junit.xml' }],
  ],
  use: {
    baseURL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    // screenshots are taken on purpose, one per screen, by the tests themselves (support/shot.ts)
    screenshot: 'off',
    trace: 'off',
    video: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-dev-shm-usage',
        // NETLOG_DIR=/some/dir: Chromium writes its network log there (sockets, each request's phases), one file per
        // browser; that is how a request the gateway left unanswered on a kept-alive connection was found
        ...(process.env.NETLOG_DIR ? [`--log-net-log=${process.env.NETLOG_DIR}/netlog-${Date.now()}-${process.pid}.json`] : []),
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    },
    {
      name: 'phone',
      // the seed story again on a phone; the keyboard run and the manager's desk are desktop journeys (the manager's
      // test opens a phone-sized page for the member itself)
      testMatch: /seed-story\.spec\.ts/,
      use: {
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
        userAgent:
          'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
      },
    },
  ],
});
