import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, expectNoSeriousA11yViolations, screenshots, signIn, tokenFor, type ClientConfig } from './pane';

// "Create series" against the real backend on the dev tenant: Olivia and Mateo (people no other browser test uses) are
// an active pair; Olivia finds times with Mateo and double-clicks "Create series" on the best slot.
const organizer = { name: 'Olivia Brown', first: 'Olivia', mail: 'olivia.brown@contoso.dev' };
const peer = { name: 'Mateo García', first: 'Mateo', mail: 'mateo.garcia@contoso.dev' };

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

async function findTimesWithMateo(page: Page) {
  const search = page.getByRole('combobox', { name: 'Search people' });
  await search.click();
  await search.pressSequentially('Mateo');
  await page.getByRole('option', { name: new RegExp(peer.name) }).click();
  await page.getByRole('button', { name: 'Find times' }).click();
  await expect(page.getByTestId('slot-card').first()).toBeVisible({ timeout: 30_000 });
}

test('a double click on "Create series" makes exactly one series, and the result links the agenda', async ({ page, browser, playwright }, testInfo) => {
  test.setTimeout(180_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  let pairId: string;
  let olivia: string;
  try {
    const config = (await (await api.get('/api/client-config')).json()) as ClientConfig;
    olivia = await tokenFor(api, config, organizer.mail);
    const mateo = await tokenFor(api, config, peer.mail);
    // An active pair: Olivia proposes, Mateo accepts. The agreement ends in six months: the series' end.
    const today = new Date();
    const proposed = await call<{ id: string; etag: string }>(api, olivia, 'POST', '/api/pairs', 201, {
      peers: [peer.mail],
      agreement: {
        purpose: `Learn to lead design reviews (e2e ${Date.now().toString(36)})`,
        cadence: 'every2Weeks',
        durationMinutes: 60,
        confidentiality: 'What we discuss stays between us unless we both agree otherwise.',
        boundaries: '',
        startDate: isoDate(today),
        plannedEndDate: isoDate(new Date(today.getTime() + 180 * 86_400_000)),
      },
    });
    pairId = proposed.id;
    const accepted = await call<{ status: string }>(api, mateo, 'POST', `/api/pairs/${pairId}/accept`, 200, {}, { 'If-Match': proposed.etag });
    expect(accepted.status).toBe('active');
  } catch (error) {
    await api.dispose();
    throw error;
  }

  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === `/api/pairs/${pairId}/series`) creates.push(r.headers()['idempotency-key'] ?? '');
  });

  await signIn(page, organizer.name);
  await findTimesWithMateo(page);

  // A slot whose series meets on no one's public holiday: creating one that does asks first (another test covers that).
  const create = page
    .getByTestId('slot-card')
    .filter({ hasNot: page.locator('[data-kind="publicHoliday"]') })
    .first()
    .getByRole('button', { name: 'Create series' });
  await expect(create).toBeVisible();
  await create.dblclick();

  const panel = page.getByRole('region', { name: `Peer mentoring: ${organizer.first} & ${peer.first}` });
  await expect(panel).toBeVisible({ timeout: 90_000 });
  const agenda = panel.getByRole('link', { name: 'Open the agenda in OneNote' });
  await expect(agenda).toBeVisible();
  expect(await agenda.getAttribute('href')).toMatch(/^https?:\/\//);
  await expect(panel.getByRole('link', { name: 'Open the agenda in the OneNote app' })).toHaveAttribute('href', /^onenote:/);
  await expect(panel.getByRole('link', { name: 'Join the Teams meeting' })).toBeVisible();
  await expect(panel.getByTestId('shared-with')).toContainText(peer.mail);

  // One intent, one key: however many requests the clicks made, they carried the same key, and there is one series.
  expect(creates.length).toBeGreaterThanOrEqual(1);
  expect(new Set(creates).size).toBe(1);
  const list = await call<{ series: { id: string; status: string }[] }>(api, olivia, 'GET', `/api/pairs/${pairId}/series`, 200);
  expect(list.series).toHaveLength(1);
  expect(list.series[0]?.status).toBe('active');
  await api.dispose();

  await expectNoSeriousA11yViolations(page, 'series result');
  mkdirSync(screenshots, { recursive: true });
  await page.setViewportSize({ width: 320, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.screenshot({ path: join(screenshots, 'series-320.png'), fullPage: true });

  // At the pane's usual width, no session's Move or Cancel form is open until its action is chosen (they were all
  // shown at once, a style overriding their hidden attribute), and cancelling asks first.
  await page.setViewportSize({ width: 350, height: 900 });
  const sessions = panel.getByTestId('occurrence');
  await expect(sessions.first()).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Cancel this session' })).toHaveCount(0);
  await expect(panel.locator('[data-testid="occurrence"] form')).toHaveCount(0);
  await sessions.first().getByRole('button', { name: 'Cancel session' }).click();
  await expect(sessions.first().getByRole('form', { name: /Cancel the session of/ })).toBeVisible();
  await expect(panel.locator('[data-testid="occurrence"] form')).toHaveCount(1);
  await sessions.first().getByRole('button', { name: 'Cancel this session' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Cancel this session?' });
  await expect(ask).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'cancel-session question');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.screenshot({ path: join(screenshots, 'series-350-cancel.png') });
  await ask.getByRole('button', { name: 'Keep it' }).click();
  await expect(ask).toHaveCount(0);
  await expect(sessions).not.toHaveCount(0);

  // Opened again (a fresh browser), the pane shows the pair's series, read back from the API, instead of "Create series".
  const href = await agenda.getAttribute('href');
  const again = await (await browser.newContext()).newPage();
  await signIn(again, organizer.name);
  await findTimesWithMateo(again);
  const shown = again.getByRole('region', { name: `Peer mentoring: ${organizer.first} & ${peer.first}` });
  await expect(shown).toBeVisible({ timeout: 30_000 });
  await expect(shown.getByRole('link', { name: 'Open the agenda in OneNote' })).toHaveAttribute('href', href ?? '');
  await expect(again.getByRole('button', { name: 'Create series' })).toHaveCount(0);
  await again.context().close();
});
