import { test, type Page } from '@playwright/test';
import path from 'node:path';

/** A full-page screenshot of the screen as it is now: target/screenshots/<project>/<name>.png (relative to web/). */
export async function shot(page: Page, name: string): Promise<void> {
  const info = test.info();
  const webDir = info.config.configFile ? path.dirname(info.config.configFile) : process.cwd();
  const file = path.join(webDir, 'target', 'screenshots', info.project.name, `${name}.png`);
  // the status banner fades in; let animations settle so the picture shows what a person sees
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
}
