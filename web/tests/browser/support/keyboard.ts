import { expect, type Locator, type Page } from '@playwright/test';

const MAX_TABS = 60;

async function isFocused(target: Locator, within: boolean): Promise<boolean> {
  return target
    .evaluate((el, inside) => el === document.activeElement || (inside && el.contains(document.activeElement)), within)
    .catch(() => false);
}

async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
    return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> ${name}`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user walks through a page; fails naming
 * where the focus went when the target is never reached (a focus trap, a control taken out of the tab order).
 * With `within`, a focus anywhere inside `target` (a radio group) counts.
 */
export async function tabTo(page: Page, target: Locator, { backward = false, within = false } = {}): Promise<void> {
  await expect(target).toBeVisible();
  const visited: string[] = [];
  for (let i = 0; i < MAX_TABS; i++) {
    if (await isFocused(target, within)) return;
    await page.keyboard.press(backward ? 'Shift+Tab' : 'Tab');
    visited.push(await describeFocus(page));
  }
  if (await isFocused(target, within)) return;
  throw new Error(
    `${MAX_TABS} presses of ${backward ? 'Shift+Tab' : 'Tab'} never reached ${target.toString()}; the focus went:\n  ${visited.join('\n  ')}`,
  );
}

/** The focused element shows where it is: an outline or a box-shadow (JIS X 8341-3 / WCAG 2.4.7). */
export async function expectVisibleFocus(page: Page, where: string): Promise<void> {
  const style = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const css = getComputedStyle(el);
    return {
      element: `<${el.tagName.toLowerCase()}> ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''}`,
      outlineStyle: css.outlineStyle,
      outlineWidth: css.outlineWidth,
      boxShadow: css.boxShadow,
    };
  });
  expect(style, `${where}: something has the keyboard focus`).not.toBeNull();
  const outline = style!.outlineStyle !== 'none' && parseFloat(style!.outlineWidth) > 0;
  const shadow = style!.boxShadow !== 'none' && style!.boxShadow !== '';
  expect
    .soft(outline || shadow, `${where}: the focused ${style!.element} shows its focus (outline ${style!.outlineStyle} ${style!.outlineWidth}, box-shadow ${style!.boxShadow})`)
    .toBe(true);
}

/**
 * Chooses `label` in a focused select with the arrow keys (Home, then ArrowDown until it is selected), or types it
 * into a focused text input.
 */
export async function chooseByKeyboard(page: Page, field: Locator, label: string): Promise<void> {
  const tag = await field.evaluate((el) => el.tagName);
  if (tag !== 'SELECT') {
    await page.keyboard.type(label);
    return;
  }
  const selected = () => field.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.label.trim() ?? '');
  const options = await field.evaluate((el) => (el as HTMLSelectElement).options.length);
  await page.keyboard.press('Home');
  for (let i = 0; i < options && (await selected()) !== label; i++) {
    await page.keyboard.press('ArrowDown');
  }
  expect(await selected(), `the select reached "${label}" with the arrow keys`).toBe(label);
}
