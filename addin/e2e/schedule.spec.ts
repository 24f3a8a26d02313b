import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoSeriousA11yViolations, screenshots, signIn as signInAs } from './pane';
import { minutesOfWeek, offsetMinutes, parseShownLocalTime, wallClock, weekDifference } from './zones';

const organizer = { name: 'Ana Souza', mail: 'ana.souza@contoso.dev' };
const peer = { name: 'Ben Carter', mail: 'ben.carter@contoso.dev' };

interface SuggestionJson {
  rank: number;
  recurrence: { count: number; durationMinutes: number };
  localTimes: { mail: string; timeZone: string; start: string; end: string }[];
  occurrences: { start: string; end: string }[];
}
interface SuggestionsJson {
  organizer: string;
  participants: { mail: string; timeZone: string; displayName: string | null; officeLocation: string | null }[];
  suggestions: SuggestionJson[];
}


async function signIn(page: Page, name: string) {
  await signInAs(page, name);
  await expect(page.getByRole('combobox', { name: 'Search people' })).toBeVisible();
}

async function pickPeer(page: Page, name: string) {
  const search = page.getByRole('combobox', { name: 'Search people' });
  await search.click();
  await search.pressSequentially(name.split(' ')[0] ?? name);
  const option = page.getByRole('option', { name: new RegExp(name) });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.getByRole('listbox', { name: 'Chosen peers' }).or(page.getByLabel('Chosen peers'))).toContainText(name);
}

test('an organizer in São Paulo finds times with a peer in Seattle and sees both local times, consistently', async ({ page }) => {
  await signIn(page, organizer.name);
  await expectNoSeriousA11yViolations(page, 'schedule form');
  await pickPeer(page, peer.name);

  const answer = page.waitForResponse((r) => r.url().endsWith('/api/suggestions') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Find times' }).click();
  const response = await answer;
  expect(response.status(), await response.text()).toBe(200);
  const json = (await response.json()) as SuggestionsJson;
  expect(json.suggestions.length).toBeGreaterThan(0);

  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(json.suggestions.length);
  const zoneOf = new Map(json.participants.map((p) => [p.mail.toLowerCase(), p.timeZone]));
  expect(zoneOf.get(organizer.mail)).toBeDefined();
  expect(zoneOf.get(peer.mail)).toBeDefined();

  for (let i = 0; i < (await cards.count()); i++) {
    const card = cards.nth(i);
    const rank = Number(await card.getAttribute('data-rank'));
    const suggestion = json.suggestions.find((s) => s.rank === rank);
    expect(suggestion, `card ${i} shows rank ${rank}, which the API did not send`).toBeDefined();
    if (!suggestion) continue;
    const first = suggestion.occurrences[0];
    expect(first, `rank ${rank} has no occurrences`).toBeDefined();
    if (!first) continue;
    await expect(card.getByRole('heading', { level: 3 })).toContainText(`${suggestion.recurrence.count} sessions`);

    const shown = new Map<string, ReturnType<typeof parseShownLocalTime>>();
    for (const person of [organizer, peer]) {
      const line = card.locator(`[data-testid="local-time"][data-mail="${person.mail}" i]`);
      await expect(line, `rank ${rank}: no local time for ${person.name}`).toHaveCount(1);
      const text = await line.innerText();
      expect(text).toContain(person.name.split(' ')[0]);
      // The directory's office from the answer ("Ben · Tue 10:00–11:00 Seattle").
      const office = json.participants.find((p) => p.mail.toLowerCase() === person.mail)?.officeLocation;
      expect(office, `the answer has no office for ${person.name}`).toBeTruthy();
      expect(text).toContain(office ?? '');
      const time = parseShownLocalTime(text.replace(/\s+/g, ' '));
      shown.set(person.mail, time);

      // What the pane shows is the first session's instant on that person's own clock...
      const zone = zoneOf.get(person.mail) as string;
      const expected = wallClock(first.start, zone);
      expect(time.weekday, `${person.name}'s weekday on rank ${rank}`).toBe(expected.weekday);
      expect(time.startMinutes, `${person.name}'s start on rank ${rank}`).toBe(expected.minutesOfDay);
      const duration = (Date.parse(first.end) - Date.parse(first.start)) / 60_000;
      expect((time.endMinutes - time.startMinutes + 24 * 60) % (24 * 60)).toBe(duration % (24 * 60));
      // ...and the API's own local-time claim agrees with its instants.
      const claim = suggestion.localTimes.find((l) => l.mail.toLowerCase() === person.mail);
      expect(claim?.start.slice(0, 10)).toBe(expected.isoDate);
    }

    // The two people's clocks differ by exactly the difference of their zones' offsets at that moment.
    const ana = shown.get(organizer.mail);
    const ben = shown.get(peer.mail);
    if (!ana || !ben) continue;
    const offsetGap = offsetMinutes(first.start, zoneOf.get(organizer.mail) as string) - offsetMinutes(first.start, zoneOf.get(peer.mail) as string);
    expect(weekDifference(minutesOfWeek(ana), minutesOfWeek(ben)), `clock gap between Ana and Ben on rank ${rank}`).toBe(offsetGap);
  }

  // Outside Outlook there is no "Use this time"; the pane says where it lives instead.
  await expect(page.getByRole('button', { name: 'Use this time' })).toHaveCount(0);
  await expect(page.getByText('open PeerMentor365 from a new meeting in Outlook')).toBeVisible();

  // Keyboard: the first card's dates disclosure opens with Enter and lists every session.
  const datesButton = cards.first().getByRole('button', { name: /dates/ });
  await datesButton.focus();
  await page.keyboard.press('Enter');
  await expect(datesButton).toHaveAttribute('aria-expanded', 'true');
  await expect(cards.first().getByRole('list', { name: 'All sessions' }).getByRole('listitem')).toHaveCount(
    json.suggestions[0]?.occurrences.length ?? 0,
  );

  await expectNoSeriousA11yViolations(page, 'suggestions');

  mkdirSync(screenshots, { recursive: true });
  for (const width of [320, 400]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal scroll at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshots, `pane-${width}.png`), fullPage: true });
  }
  // What a person sees first when the results arrive, in Outlook's 320 px pane.
  await page.setViewportSize({ width: 320, height: 570 });
  await page.getByRole('heading', { name: 'Suggested times' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'pane-320-results.png') });
});

test('when no time is humane for everyone, the pane says why from the working hours, with names', async ({ page }) => {
  // London, Seattle and Tokyo: every two can meet, never all three, in any season (docs/scheduling.md).
  await signIn(page, 'Finn Walsh');
  await pickPeer(page, 'Ben Carter');
  await pickPeer(page, 'Hiro Tanaka');

  const answer = page.waitForResponse((r) => r.url().endsWith('/api/suggestions') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Find times' }).click();
  const response = await answer;
  expect(response.status(), await response.text()).toBe(200);
  const json = (await response.json()) as SuggestionsJson & { noSuggestionsReason: string | null };
  expect(json.suggestions).toEqual([]);
  expect(json.participants.map((p) => p.displayName)).toEqual(['Finn Walsh', 'Ben Carter', 'Hiro Tanaka']);
  expect(json.noSuggestionsReason).toContain('Any two of you can meet, so try fewer people in one series.');

  const empty = page.getByTestId('no-suggestions');
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('No time to suggest');
  await expect(empty).toContainText(json.noSuggestionsReason ?? '');
  await expect(page.getByRole('article')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'empty state');

  mkdirSync(screenshots, { recursive: true });
  await page.setViewportSize({ width: 320, height: 700 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'horizontal scroll at 320 px').toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(screenshots, 'pane-320-no-suggestions.png'), fullPage: true });
});

test('the sign-in page is usable and accessible at 320 px, with the local office.js loaded', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Sign in to the dev tenant' })).toBeVisible();
  await expect(page.getByLabel('Account').locator('option', { hasText: organizer.name })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, 'sign-in page');
  // office.js (the local copy in this build) loaded and everything it asked for was there.
  expect(await page.evaluate(() => typeof (window as { Office?: { onReady?: unknown } }).Office?.onReady)).toBe('function');
  expect(failed).toEqual([]);
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, 'sign-in-320.png'), fullPage: true });
});
