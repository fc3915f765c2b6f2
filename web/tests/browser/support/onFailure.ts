import { test, type Request } from '@playwright/test';
import path from 'node:path';
import { shot } from './shot';

interface Exchange {
  started: number;
  status?: number;
  ended?: number;
  failure?: string;
}

const LAST_ENDED = 25;

function describe(request: Request, exchange: Exchange, now: number): string {
  const url = new URL(request.url());
  const who = request.serviceWorker() ? ' (service worker)' : '';
  const began = new Date(exchange.started).toISOString();
  if (exchange.ended === undefined) {
    return `  ${request.method()} ${url.pathname}${url.search} ${request.resourceType()}${who}: started ${began}, `
      + `still waiting after ${now - exchange.started} ms`;
  }
  const outcome = exchange.failure ?? String(exchange.status ?? 'no answer');
  return `  ${request.method()} ${url.pathname}${url.search} ${request.resourceType()}${who}: started ${began}, `
    + `${outcome} after ${exchange.ended - exchange.started} ms`;
}

/**
 * When a test fails, keeps what there is to see: a picture of the page (`failed-<spec>.png`, the screen the story
 * stopped at) and, on the console so that CI's log keeps it, the browser's requests still in flight and the last ones
 * that ended, with their times. A navigation that times out names no request; this list does, and its times can be
 * matched with the gateway's access log.
 */
export function explainFailures(): void {
  const exchanges = new Map<Request, Exchange>();

  test.beforeEach(({ context }) => {
    exchanges.clear();
    context.on('request', (request) => exchanges.set(request, { started: Date.now() }));
    context.on('response', (response) => {
      const exchange = exchanges.get(response.request());
      if (exchange) exchange.status = response.status();
    });
    context.on('requestfinished', (request) => {
      const exchange = exchanges.get(request);
      if (exchange) exchange.ended = Date.now();
    });
    context.on('requestfailed', (request) => {
      const exchange = exchanges.get(request);
      if (!exchange) return;
      exchange.ended = Date.now();
      exchange.failure = `failed (${request.failure()?.errorText ?? 'no reason given'})`;
    });
  });

  test.afterEach(async ({ page }, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) return;
    const spec = path.basename(testInfo.file).replace(/\.spec\.ts$/, '');
    await shot(page, `failed-${spec}`).catch(() => undefined);

    const now = Date.now();
    const all = [...exchanges.entries()];
    const waiting = all.filter(([, exchange]) => exchange.ended === undefined);
    const ended = all
      .filter(([, exchange]) => exchange.ended !== undefined)
      .sort(([, a], [, b]) => (a.ended ?? 0) - (b.ended ?? 0))
      .slice(-LAST_ENDED);
    const lines = [
      `[${testInfo.project.name}] ${spec} failed at ${new Date(now).toISOString()}; the page was at ${page.url()}`,
      `requests still in flight (${waiting.length}):`,
      ...waiting.map(([request, exchange]) => describe(request, exchange, now)),
      `the last ${ended.length} requests that ended:`,
      ...ended.map(([request, exchange]) => describe(request, exchange, now)),
    ];
    console.log(lines.join('\n'));
  });
}
