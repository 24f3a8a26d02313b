import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
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

/** Signs in to the dev tenant as the seeded person with this display name, on the pane's page at `address`. */
export async function signIn(page: Page, name: string, address = './') {
  await page.goto(address);
  await expect(page.getByRole('heading', { name: 'Sign in to the dev tenant' })).toBeVisible();
  const account = page.getByLabel('Account');
  const option = account.locator('option', { hasText: name });
  await expect(option).toHaveCount(1);
  await account.selectOption(await option.getAttribute('value'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner')).toContainText(name);
}

/** What the tests read of GET /api/client-config to sign in to the dev tenant without the pane. */
export interface ClientConfig {
  apiScope: string;
  devTenant: { tokenEndpoint: string; clientId: string } | null;
}

/** An access token for the API as the seeded person with this mail, straight from the dev tenant. */
export async function tokenFor(api: APIRequestContext, config: ClientConfig, mail: string): Promise<string> {
  const dev = config.devTenant;
  if (dev === null) throw new Error('The browser tests need the backend on the dev tenant (authMode devTenant).');
  const response = await api.post(dev.tokenEndpoint, {
    form: { grant_type: 'password', username: mail, password: 'dev', client_id: dev.clientId, scope: config.apiScope },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** One API call with a token; asserts the status and returns the JSON answer. */
export async function call<T>(api: APIRequestContext, token: string, method: string, path: string, expected: number, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await api.fetch(path, { method, headers: { Authorization: `Bearer ${token}`, ...headers }, ...(body === undefined ? {} : { data: body }) });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(expected);
  return (await response.json()) as T;
}

/** The wall clock in a zone: "Tue 1 Dec 2026, 10:00–11:00", as the pane writes a session's time (computed apart from the pane's code). */
export function sessionWhen(start: string, end: string, timeZone: string): string {
  const parts = (instant: string) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(instant))
        .map((x) => [x.type, x.value]),
    );
    return { date: `${p.weekday} ${p.day} ${p.month} ${p.year}`, time: `${p.hour}:${p.minute}` };
  };
  const from = parts(start);
  const to = parts(end);
  return `${from.date}, ${from.time}\u2013${to.time}${from.date === to.date ? '' : ' (+1 day)'}`;
}
