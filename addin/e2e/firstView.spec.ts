import { expect, test, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';

// What the browser really fetches for the pane's first screen and the views after it: the page's own JavaScript
// (office.js apart, which Office serves), each file measured gzip-compressed as the budget counts it.

interface Script {
  name: string;
  gzipBytes: number | null;
}

function recordScripts(page: Page) {
  const scripts: Script[] = [];
  const pending = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.includes('/assets/') && url.pathname.endsWith('.js')) pending.add(request.url());
  });
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.includes('/assets/') || !url.pathname.endsWith('.js')) return;
    const script: Script = { name: url.pathname.split('/').pop() ?? url.pathname, gzipBytes: null };
    scripts.push(script);
    script.gzipBytes = gzipSync(await response.body()).length;
    pending.delete(response.url());
  });
  return {
    /** The names of the scripts fetched so far, once every one asked for has arrived. */
    async settled(): Promise<Script[]> {
      await expect.poll(() => pending.size + scripts.filter((s) => s.gzipBytes === null).length).toBe(0);
      return [...scripts];
    },
    loaded: (prefix: string) => scripts.some((s) => s.name.startsWith(`${prefix}-`)),
  };
}

test('the first screen fetches at most 150 KB of JavaScript; MSAL, My peers, the Agenda and the slot results wait until needed', async ({ page }) => {
  const scripts = recordScripts(page);
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Sign in to the dev tenant' })).toBeVisible();
  await expect(page.getByLabel('Account').locator('option', { hasText: 'Ana Souza' })).toHaveCount(1);
  const firstScreen = await scripts.settled();
  const total = firstScreen.reduce((sum, s) => sum + (s.gzipBytes ?? 0), 0);
  test.info().annotations.push({ type: 'first screen', description: `${firstScreen.length} scripts, ${(total / 1024).toFixed(1)} KB gzip` });
  expect(total, `${firstScreen.map((s) => `${s.name} ${s.gzipBytes}`).join(', ')}`).toBeLessThanOrEqual(150 * 1024);
  expect(firstScreen.some((s) => s.name.startsWith('DevSignIn-')), 'the sign-in screen came in a chunk of its own').toBe(true);
  for (const later of ['msalNestable', 'msalWindow', 'EntraSignIn', 'entraAuth', 'PaneTabs', 'ScheduleView', 'PeersView', 'AgendaView', 'SlotList']) {
    expect(scripts.loaded(later), `${later} is not fetched for the sign-in screen`).toBe(false);
  }

  const account = page.getByLabel('Account');
  await account.selectOption(await account.locator('option', { hasText: 'Ana Souza' }).getAttribute('value'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('combobox', { name: 'Search people' })).toBeVisible();
  await scripts.settled();
  expect(scripts.loaded('ScheduleView'), 'the Schedule form came in a chunk of its own').toBe(true);
  for (const later of ['msalNestable', 'msalWindow', 'PeersView', 'AgendaView', 'SlotList']) {
    expect(scripts.loaded(later), `${later} is not fetched for the Schedule form`).toBe(false);
  }

  // Opening My peers fetches it, so the names above are the names the build gives these chunks.
  await page.getByRole('tab', { name: 'My peers' }).click();
  await expect(page.getByRole('tabpanel', { name: 'My peers' })).toBeVisible();
  await expect.poll(() => scripts.loaded('PeersView')).toBe(true);
});
