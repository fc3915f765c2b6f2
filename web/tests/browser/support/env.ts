/** Where the platform under test is, and what makes this run's people unique. */
export const baseURL = process.env.KYOSO_BASE_URL ?? 'http://localhost:8080';
export const mailApi = (process.env.KYOSO_MAIL_API ?? 'http://localhost:8025').replace(/\/+$/, '');

// One id per `playwright test` run: workers inherit it from the runner's environment, so a restarted worker keeps it.
process.env.KYOSO_BROWSER_RUN ??= Date.now().toString(36);
export const runId = process.env.KYOSO_BROWSER_RUN;

/**
 * An address the platform under test makes ADMIN when verified (KYOSO_ADMIN_EMAILS): the end-to-end platform lists
 * it; against `./kyoso up` set KYOSO_BROWSER_MANAGER_EMAIL=admin@example.lg.jp (registered once per platform).
 */
export const managerEmail = process.env.KYOSO_BROWSER_MANAGER_EMAIL ?? 'browser.manager@digital.go.jp';
