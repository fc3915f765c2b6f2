import { test, type BrowserContext, type Page, type Request } from '@playwright/test';
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

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
  status: string;
  controlledClients?: string[];
}

/**
 * The service worker's versions as Chromium's DevTools sees them (installing, activating, running, stopping…): a
 * navigation the worker does not answer names no request, and only this says whether the worker was there to answer.
 */
async function serviceWorkerState(context: BrowserContext, page: Page): Promise<string[]> {
  const versions = new Map<string, WorkerVersion>();
  const cdp = await context.newCDPSession(page);
  try {
    cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: WorkerVersion[] }) => {
      for (const version of event.versions) versions.set(version.versionId, version);
    });
    await cdp.send('ServiceWorker.enable');
    // the versions arrive as events just after enable
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  return [...versions.values()].map((version) => `  version ${version.versionId} ${new URL(version.scriptURL).pathname}: `
    + `${version.status}, ${version.runningStatus}, controlling ${version.controlledClients?.length ?? 0} page(s)`);
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

  test.afterEach(async ({ page, context }, testInfo) => {
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
    const workers = await Promise.race([
      serviceWorkerState(context, page).catch((error: Error) => [`  (not readable: ${error.message})`]),
      new Promise<string[]>((resolve) => setTimeout(() => resolve(['  (no answer within 5 s)']), 5_000)),
    ]);
    const lines = [
      `[${testInfo.project.name}] ${spec} failed at ${new Date(now).toISOString()}; the page was at ${page.url()}`,
      `requests still in flight (${waiting.length}):`,
      ...waiting.map(([request, exchange]) => describe(request, exchange, now)),
      `the last ${ended.length} requests that ended:`,
      ...ended.map(([request, exchange]) => describe(request, exchange, now)),
      `the service worker's versions:`,
      ...workers,
    ];
    console.log(lines.join('\n'));
  });
}
