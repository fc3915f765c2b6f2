import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

/**
 * axe-core on the whole page as it is now (WCAG 2.1 A and AA). Serious and critical violations fail the test with a
 * list a person can act on (after the story has gone on, so every screen is checked); moderate and minor ones are attached to the report.
 */
export async function checkA11y(page: Page, screenName: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const minor = results.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  const describe = (list: typeof results.violations) =>
    list
      .map((v) => {
        const targets = v.nodes
          .slice(0, 5)
          .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`)
          .join('\n');
        const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
        return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets}${more}`;
      })
      .join('\n');
  if (minor.length > 0) {
    await test.info().attach(`axe-${screenName}-minor.txt`, { body: describe(minor), contentType: 'text/plain' });
  }
  // soft: one screen's violations must not hide the rest of the story's screens; the test still fails
  expect.soft(
    blocking,
    `axe-core on the screen "${screenName}" (${page.url()}) found serious or critical violations:\n${describe(blocking)}`,
  ).toEqual([]);
}
