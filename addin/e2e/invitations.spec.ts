import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { call, expectNoSeriousA11yViolations, screenshots, sessionWhen, signIn, tokenFor, type ClientConfig } from './pane';

// A proposal reaches the invited peer, and the proposer sees the answer, against the real backend on the dev tenant at
// the task pane's width: Ana proposes to Ben, Ben (in his own browser) finds the invitation first and accepts, and
// Ana's pane shows it when she comes back to it, then the next session and its Agenda view.
const ana = { name: 'Ana Souza', mail: 'ana.souza@contoso.dev', zone: 'America/Sao_Paulo' };
const ben = { name: 'Ben Carter', mail: 'ben.carter@contoso.dev' };
const paneSize = { width: 350, height: 900 };

async function openMyPeers(page: Page) {
  await page.getByRole('tab', { name: /^My peers/ }).click();
  await expect(page.getByRole('heading', { name: 'My pairs' })).toBeVisible();
  await expect(page.getByText('Loading your pairs…')).toHaveCount(0);
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'horizontal scroll').toBeLessThanOrEqual(0);
}

/** The person leaves the pane's window and comes back to it (what a browser or Outlook signals as its window loses and regains focus). */
async function comeBack(page: Page) {
  await page.evaluate(() => {
    window.dispatchEvent(new Event('blur'));
    window.dispatchEvent(new Event('focus'));
  });
}

test('Ben finds Ana’s proposal first and accepts it; Ana’s pane shows that when she comes back, then the next session and its agenda', async ({
  page,
  browser,
  playwright,
}, testInfo) => {
  // Two browsers, several axe runs and a loaded machine.
  test.setTimeout(180_000);
  await page.setViewportSize(paneSize);
  await signIn(page, ana.name);
  await openMyPeers(page);

  // Ana proposes, with a purpose of this run's own.
  const purpose = `Grow as engineering leads (e2e ${Date.now().toString(36)})`;
  await page.getByRole('button', { name: 'Propose a pair' }).click();
  const form = page.getByRole('form', { name: 'Propose a pair' });
  const search = form.getByRole('combobox', { name: 'Search people' });
  await search.click();
  await search.pressSequentially('Ben');
  await page.getByRole('option', { name: new RegExp(ben.name) }).click();
  await form.getByRole('textbox', { name: 'Purpose' }).fill(purpose);
  const proposed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/pairs' && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Propose' }).click();
  const proposal = await proposed;
  expect(proposal.status(), await proposal.text()).toBe(201);
  const pairId = ((await proposal.json()) as { id: string }).id;
  const anasCard = page.locator(`article[data-pair-id="${pairId}"]`);
  await expect(anasCard.getByText(`Waiting for ${ben.name} to accept.`)).toBeVisible();
  await expect(anasCard.getByRole('button', { name: 'Agreement', exact: true })).toHaveAttribute('aria-expanded', 'true');

  // Ben opens the pane in his own browser: the default tab says an invitation waits; My peers shows it first.
  const bensContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: paneSize, locale: 'en-GB' });
  try {
    const bens = await bensContext.newPage();
    await signIn(bens, ben.name);
    await expect(bens.getByRole('tab', { name: 'Schedule' })).toHaveAttribute('aria-selected', 'true');
    const cue = bens.getByRole('tab', { name: /^My peers, \d+ invitations?$/ });
    await expect(cue).toBeVisible();
    await bens.screenshot({ path: join(screenshots, 'invitation-cue-350.png') });
    await cue.click();
    const invitations = bens.getByRole('region', { name: /invitations? for you$/ });
    const invitation = invitations.locator(`article[data-pair-id="${pairId}"]`);
    await expect(invitation).toBeVisible();
    await expect(invitation).toContainText(`${ana.name} invites you to meet as peers.`);
    await expect(invitation.getByRole('region', { name: 'Agreement' })).toContainText(purpose);
    // First: above the list of pairs and the propose button.
    const invitationsBox = await invitations.boundingBox();
    const myPairsBox = await bens.getByRole('heading', { name: 'My pairs' }).boundingBox();
    expect(invitationsBox && myPairsBox && invitationsBox.y < myPairsBox.y).toBe(true);
    await expect(invitation.getByRole('button', { name: 'Decline…' })).toBeVisible();
    await expectNoSeriousA11yViolations(bens, 'invitation');
    await noSidewaysScroll(bens);
    mkdirSync(screenshots, { recursive: true });
    await bens.screenshot({ path: join(screenshots, 'invitation-350.png'), fullPage: true });

    const accepted = bens.waitForResponse((r) => new URL(r.url()).pathname === `/api/pairs/${pairId}/accept`);
    await invitation.getByRole('button', { name: 'Accept the agreement' }).click();
    const acceptance = await accepted;
    expect(acceptance.status(), await acceptance.text()).toBe(200);
    const bensCard = bens.locator(`article[data-pair-id="${pairId}"]`);
    await expect(bensCard.getByText('Active', { exact: true })).toBeVisible();
    await expect(invitations.locator(`article[data-pair-id="${pairId}"]`)).toHaveCount(0);
  } finally {
    await bensContext.close();
  }

  // Ana's pane has not been told; it still waits, until she comes back to it.
  await expect(anasCard.getByText(`Waiting for ${ben.name} to accept.`)).toBeVisible();
  await comeBack(page);
  await expect(anasCard.getByText(`Waiting for ${ben.name} to accept.`)).toHaveCount(0);
  await expect(anasCard.getByText('Active', { exact: true })).toBeVisible();
  await expect(anasCard.getByRole('button', { name: 'Agreement', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await expect(anasCard.getByText('No session planned yet. Find a time on the Schedule tab.')).toBeVisible();

  // A session is planned (through the API, as the series would); back in the pane, Ana sees it in her own time.
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  let session: { id: string; start: string; end: string };
  try {
    const config = (await (await api.get('/api/client-config')).json()) as ClientConfig;
    const token = await tokenFor(api, config, ana.mail);
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    session = await call(api, token, 'POST', `/api/pairs/${pairId}/sessions`, 201, { start: `${day}T15:00:00Z`, end: `${day}T16:00:00Z` });
  } finally {
    await api.dispose();
  }
  await comeBack(page);
  const facts = anasCard.getByRole('list', { name: 'Next session and history' });
  await expect(facts).toContainText(`Next: ${sessionWhen(session.start, session.end, ana.zone)}`);
  // The pair's first session is the proposer's turn.
  await expect(facts).toContainText('Your turn to bring a challenge');
  await expect(facts).toContainText('No sessions held yet');
  await expectNoSeriousA11yViolations(page, 'pair with its next session');
  await noSidewaysScroll(page);
  await page.screenshot({ path: join(screenshots, 'peers-next-session-350.png'), fullPage: true });

  // The agenda link opens the Agenda view in the pane, on that session.
  const link = facts.getByRole('link', { name: 'Open the agenda' });
  await expect(link).toHaveAttribute('href', `#agenda/${pairId}/${session.id}`);
  await link.click();
  await expect(page.getByRole('tab', { name: 'Agenda' })).toHaveAttribute('aria-selected', 'true');
  const agenda = page.getByRole('region', { name: `Session with ${ben.name}` });
  await expect(agenda).toBeVisible();
  await expect(agenda).toHaveAttribute('data-session-id', session.id);
  await expect(agenda).toContainText(sessionWhen(session.start, session.end, ana.zone));
  await expect(agenda).toContainText('Your turn to bring a challenge');
  await noSidewaysScroll(page);
  await page.screenshot({ path: join(screenshots, 'agenda-from-peers-350.png'), fullPage: true });

  // The link's address opens the same view in a new tab (a plain browser; Outlook's "open in browser").
  const again = await page.context().newPage();
  await again.setViewportSize(paneSize);
  await signIn(again, ana.name, `./#agenda/${pairId}/${session.id}`);
  await expect(again.getByRole('tab', { name: 'Agenda' })).toHaveAttribute('aria-selected', 'true');
  await expect(again.getByRole('region', { name: `Session with ${ben.name}` })).toHaveAttribute('data-session-id', session.id);
  await again.close();
});
