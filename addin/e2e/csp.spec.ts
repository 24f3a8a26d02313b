import { expect, test, type Page } from '@playwright/test';
import { signIn } from './pane';

// The pane as the API serves it, under the API's Content-Security-Policy: signing in, both tabs and a people
// search must run without a single violation; an injected inline script must be refused (and seen by this test).

type Violation = { directive: string; blocked: string; source: string };

declare global {
  interface Window {
    __cspViolations: Violation[];
  }
}

async function recordViolations(page: Page, consoleErrors: string[]) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile });
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) consoleErrors.push(message.text());
  });
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations);

test('the pane runs under its Content-Security-Policy without a violation', async ({ page }) => {
  const consoleErrors: string[] = [];
  await recordViolations(page, consoleErrors);

  const pageResponse = page.waitForResponse((r) => r.request().resourceType() === 'document');
  await signIn(page, 'Ana Souza');
  const policy = (await (await pageResponse).allHeaders())['content-security-policy'] ?? '';
  expect(policy).toContain("default-src 'none'");
  expect(policy).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com(;|$)/);
  expect(policy).toContain('frame-ancestors ');

  await page.getByRole('tab', { name: 'My peers' }).click();
  await expect(page.getByRole('heading', { name: 'My pairs' })).toBeVisible();
  await expect(page.getByText('Loading your pairs…')).toHaveCount(0);
  await page.getByRole('button', { name: 'Propose a pair' }).click();
  const search = page.getByRole('form', { name: 'Propose a pair' }).getByRole('combobox', { name: 'Search people' });
  await search.click();
  await search.pressSequentially('Ben');
  await expect(page.getByRole('option', { name: /Ben Carter/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Schedule' }).click();

  expect(await violations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);

  // A reload revalidates the page (304): the policy that comes with it must still be the pane's.
  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Ana Souza');
  expect(await violations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);

  // The recorder works and the policy bites: an inline script is refused.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.appendChild(script);
  });
  await expect.poll(() => violations(page)).toEqual([expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline' })]);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
