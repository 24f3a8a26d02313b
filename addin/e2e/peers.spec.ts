import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoSeriousA11yViolations, screenshots, signIn } from './pane';

// My peers against the real backend on the dev tenant with Table storage (Azurite): Ana keeps a commitment with Ben.
const ana = 'Ana Souza';
const ben = 'Ben Carter';

/** Opens My peers from the keyboard (arrow keys between tabs) and waits until the pairs have loaded. */
async function openMyPeers(page: Page) {
  const schedule = page.getByRole('tab', { name: 'Schedule' });
  await expect(schedule).toHaveAttribute('aria-selected', 'true');
  const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/pairs' && r.request().method() === 'GET');
  await schedule.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'My peers' })).toHaveAttribute('aria-selected', 'true');
  const response = await loaded;
  expect(response.status(), await response.text()).toBe(200);
  await expect(page.getByRole('heading', { name: 'My pairs' })).toBeVisible();
  await expect(page.getByText('Loading your pairs…')).toHaveCount(0);
}

/** Ana's open (not closed) pair with Ben alone. */
function pairWithBen(page: Page): Locator {
  return page.locator('article:not([data-status="closed"])').filter({ has: page.getByRole('heading', { level: 3, name: ben, exact: true }) });
}

async function proposePairWithBen(page: Page) {
  await page.getByRole('button', { name: 'Propose a pair' }).click();
  const form = page.getByRole('form', { name: 'Propose a pair' });
  const search = form.getByRole('combobox', { name: 'Search people' });
  await search.click();
  await search.pressSequentially('Ben');
  const option = page.getByRole('option', { name: new RegExp(ben) });
  await expect(option).toBeVisible();
  await option.click();
  await expect(form.getByLabel('Chosen peers')).toContainText(ben);
  await form.getByRole('textbox', { name: 'Purpose' }).fill('Grow as engineering leads');
  const proposed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/pairs' && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Propose' }).click();
  const response = await proposed;
  expect(response.status(), await response.text()).toBe(201);
  await expect(pairWithBen(page).first()).toBeVisible();
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "yyyy-MM-dd" of the UTC calendar `days` from now. */
function utcDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** How the pane writes a date: "Sat 5 Dec 2026". */
function shownDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${weekdays[d.getUTCDay()]} ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

async function addCommitment(page: Page, commitments: Locator, pairId: string, text: string): Promise<{ id: string; due: string; etag: string }> {
  await commitments.getByRole('button', { name: 'Add a commitment' }).click();
  const form = commitments.getByRole('form', { name: 'A new commitment' });
  await form.getByRole('textbox', { name: 'Commitment' }).fill(text);
  const added = page.waitForResponse((r) => r.url().endsWith(`/api/pairs/${pairId}/commitments`) && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Add' }).click();
  const response = await added;
  expect(response.status(), await response.text()).toBe(201);
  await expect(commitments.getByRole('listitem', { name: text })).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Commitment' })).toHaveValue('');
  return (await response.json()) as { id: string; due: string; etag: string };
}

/** The pair's open commitments, with the card's details opened and the list loaded. */
async function openCommitments(pair: Locator): Promise<Locator> {
  const show = pair.getByRole('button', { name: 'Show details' });
  if (await show.isVisible()) await show.click();
  const region = pair.getByRole('region', { name: 'Open commitments' });
  // The add button appears once the list has loaded.
  await expect(region.getByRole('button', { name: 'Add a commitment' })).toBeVisible();
  return region;
}

const uniqueTag = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

test('a commitment Ana adds with Ben survives a reload, and once done it leaves the open list', async ({ page }) => {
  await signIn(page, ana);
  await openMyPeers(page);
  if ((await pairWithBen(page).count()) === 0) await proposePairWithBen(page);
  const pair = pairWithBen(page).first();
  const pairId = await pair.getAttribute('data-pair-id');
  expect(pairId).toBeTruthy();
  await expect(pair.getByText(/^(Proposed|Active|Paused)$/)).toBeVisible();

  let commitments = await openCommitments(pair);
  const text = `Send Ben the RFC draft (e2e ${uniqueTag()})`;
  const stored = await addCommitment(page, commitments, pairId ?? '', text);
  // No due date typed: the API chose one (the next session, else today + the cadence) and the pane shows it.
  expect(stored.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(commitments.getByRole('listitem', { name: text })).toContainText(`Due ${shownDate(stored.due)}`);

  await expectNoSeriousA11yViolations(page, 'My peers view');
  mkdirSync(screenshots, { recursive: true });
  await page.setViewportSize({ width: 320, height: 900 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'horizontal scroll at 320 px').toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(screenshots, 'peers-320.png'), fullPage: true });

  // Stored, not just drawn: after a reload (the sign-in lives in the tab's session) it is still there.
  await page.reload();
  await openMyPeers(page);
  commitments = await openCommitments(pairWithBen(page).first());
  const item = commitments.getByRole('listitem', { name: text });
  await expect(item).toBeVisible();
  await page.setViewportSize({ width: 320, height: 640 });
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'peers-320-commitments.png') });

  // Done: sent with its ETag, gone from the open list, and still gone after a reload.
  const done = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/pairs/${pairId}/commitments/`));
  await item.getByRole('button', { name: 'Done' }).click();
  const doneResponse = await done;
  expect(doneResponse.status(), await doneResponse.text()).toBe(200);
  expect(doneResponse.request().headers()['if-match']).toBe(stored.etag);
  await expect(commitments.getByRole('listitem', { name: text })).toHaveCount(0);
  await expect(commitments.getByRole('status').filter({ hasText: 'Marked done' })).toContainText(text);

  await page.reload();
  await openMyPeers(page);
  commitments = await openCommitments(pairWithBen(page).first());
  await expect(commitments.getByRole('listitem', { name: text })).toHaveCount(0);
});

test('when Ben changes a commitment while Ana edits it, Ana sees his change, keeps her text and re-applies it', async ({ page, browser }, testInfo) => {
  await signIn(page, ana);
  await openMyPeers(page);
  if ((await pairWithBen(page).count()) === 0) await proposePairWithBen(page);
  const pairId = (await pairWithBen(page).first().getAttribute('data-pair-id')) ?? '';
  const commitments = await openCommitments(pairWithBen(page).first());
  const text = `Book the design review room (e2e ${uniqueTag()})`;
  await addCommitment(page, commitments, pairId, text);

  // Ana starts editing the text...
  const item = commitments.getByRole('listitem', { name: text });
  await item.getByRole('button', { name: 'Edit' }).click();
  const anasText = `${text}, for Thursday`;
  await item.getByRole('textbox', { name: 'Commitment' }).fill(anasText);

  // ...while Ben, in his own browser, moves its due date to two days ago (now overdue everywhere).
  const overdueDate = utcDate(-2);
  const bensContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 360, height: 800 }, locale: 'en-GB' });
  try {
    const bens = await bensContext.newPage();
    await signIn(bens, ben);
    await openMyPeers(bens);
    const bensPair = bens.locator(`article[data-pair-id="${pairId}"]`);
    const bensItem = (await openCommitments(bensPair)).getByRole('listitem', { name: text });
    await bensItem.getByRole('button', { name: 'Edit' }).click();
    await bensItem.getByLabel('Due').fill(overdueDate);
    const saved = bens.waitForResponse((r) => r.request().method() === 'PATCH');
    await bensItem.getByRole('button', { name: 'Save' }).click();
    // A date already past is asked about before it is saved.
    const ask = bens.getByRole('alertdialog', { name: 'Due on a day already past?' });
    await expect(ask).toBeVisible();
    await expectNoSeriousA11yViolations(bens, 'past due date question');
    await ask.getByRole('button', { name: 'Save with this date' }).click();
    expect((await saved).status()).toBe(200);
    await expect(bensItem.getByText(`Overdue: was due ${shownDate(overdueDate)}`)).toBeVisible();
  } finally {
    await bensContext.close();
  }

  // Ana saves: the API answers 412; the pane shows Ben's change, the item as stored now, and Ana's text still typed.
  const stale = page.waitForResponse((r) => r.request().method() === 'PATCH');
  await item.getByRole('button', { name: 'Save' }).click();
  expect((await stale).status()).toBe(412);
  const alert = item.getByRole('alert');
  await expect(alert).toContainText('This commitment changed while you were working on it');
  await expect(alert.getByRole('list', { name: 'What changed' })).toHaveText(`Due is now ${shownDate(overdueDate)}`);
  await expect(item.getByText(`Overdue: was due ${shownDate(overdueDate)}`)).toBeVisible();
  await expect(item.getByRole('textbox', { name: 'Commitment' })).toHaveValue(anasText);
  await page.setViewportSize({ width: 320, height: 640 });
  await item.scrollIntoViewIfNeeded();
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, 'peers-320-conflict.png') });
  await expectNoSeriousA11yViolations(page, 'conflict notice');

  // One click re-applies Ana's text on top of Ben's version: both changes survive.
  const reapplied = page.waitForResponse((r) => r.request().method() === 'PATCH');
  await alert.getByRole('button', { name: 'Apply my change again' }).click();
  const answer = await reapplied;
  expect(answer.status(), await answer.text()).toBe(200);
  expect((await answer.json()) as { text: string; due: string }).toMatchObject({ text: anasText, due: overdueDate });
  const updated = commitments.getByRole('listitem', { name: anasText });
  await expect(updated).toContainText(`Overdue: was due ${shownDate(overdueDate)}`);
  await expect(updated.getByRole('alert')).toHaveCount(0);

  // Tidy up: dropped, it leaves the open list.
  await updated.getByRole('button', { name: 'Drop' }).click();
  await expect(commitments.getByRole('listitem', { name: anasText })).toHaveCount(0);
});
