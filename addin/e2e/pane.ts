import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the browser tests leave their screenshots. */
export const screenshots = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

export async function expectNoSeriousA11yViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    // Fluent UI's focus manager (Tabster) adds invisible focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>)
    // that hand focus straight on to a real control; axe cannot know that and flags them as aria-hidden-focus.
    .exclude('[data-tabster-dummy]')
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `accessibility violations on the ${where}`,
  ).toEqual([]);
}

/** Signs in to the dev tenant as the seeded person with this display name. */
export async function signIn(page: Page, name: string) {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Sign in to the dev tenant' })).toBeVisible();
  const account = page.getByLabel('Account');
  const option = account.locator('option', { hasText: name });
  await expect(option).toHaveCount(1);
  await account.selectOption(await option.getAttribute('value'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner')).toContainText(name);
}
