import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pair } from '../src/api/pairTypes';
import type { Series } from '../src/api/seriesTypes';
import type { Me, SuggestionsResponse } from '../src/api/types';
import { ScheduleView, type SlotsFrameProps } from '../src/schedule/ScheduleView';
import { PairSeriesFrame } from '../src/series';
import type { Sleep } from '../src/series/createSeries';
import { defaultEndMessage } from '../src/series/wording';
import { activePair, anaId, seriesFor } from './support/seriesFixtures';
import { ana, anaAnchor, ben, makeSlot, participant } from './support/slots';
import { problemJson, startStubServer, type RecordedRequest, type StubReply, type StubServer } from './support/stubServer';
import { findDialog } from './support/dialogs';
import { InPane, paneContextFor } from './support/paneContext';

// Each test types in the picker and finds times before it starts; give them room on a shared machine.
vi.setConfig({ testTimeout: 90_000 });

const me: Me = { id: anaId, displayName: ana.displayName, mail: ana.mail, timeZone: ana.timeZone, windowsTimeZone: 'E. South America Standard Time', officeLocation: null };
const seriesPath = '/api/pairs/p_ab12/series';

const suggestions: SuggestionsResponse = {
  organizer: ana.mail,
  window: { start: '2026-12-01T03:00:00Z', end: '2027-06-01T03:00:00Z' },
  participants: [ana, ben].map((p) => participant({ mail: p.mail, timeZone: p.timeZone })),
    noSuggestionsReason: null,
    noSuggestionsDetail: null,
  hasComfortableSlots: true,
  suggestions: [
    makeSlot({ firstStartUtc: '2026-12-01T15:00:00Z', anchor: anaAnchor, participants: [ana, ben], rank: 1 }),
    makeSlot({ firstStartUtc: '2026-12-03T16:00:00Z', anchor: anaAnchor, participants: [ana, ben], rank: 2, day: 'thursday' }),
  ],
};

let server: StubServer;
let pairs: Pair[];
let stored: Series[];
/** Replies the next POSTs get before the backend creates anything. */
let createFailures: StubReply[];
let createGate: Promise<void> | null;

beforeEach(async () => {
  pairs = [activePair()];
  stored = [];
  createFailures = [];
  createGate = null;
  server = await startStubServer({
    'GET /api/people': () => ({ json: { people: [{ id: 'ben', displayName: ben.displayName, mail: ben.mail, jobTitle: 'Engineer' }] } }),
    'POST /api/suggestions': () => ({ json: suggestions }),
    'GET /api/pairs': () => ({ json: { pairs } }),
    [`GET ${seriesPath}`]: () => ({ json: { series: stored } }),
    [`POST ${seriesPath}`]: async (r: RecordedRequest) => {
      if (createGate) await createGate;
      const failure = createFailures.shift();
      if (failure) return failure;
      const body = JSON.parse(r.body) as { firstStart: string; anchorTimeZone: string };
      const key = String(r.headers['idempotency-key']);
      const existing = stored.find((s) => s.event.iCalUId === key);
      if (existing) return { status: 201, headers: { 'Idempotent-Replayed': 'true' }, json: existing };
      const created = seriesFor('p_ab12', {
        id: `e_${stored.length + 1}`,
        firstStart: body.firstStart,
        anchorTimeZone: body.anchorTimeZone,
        event: { id: 'evt', iCalUId: key, webLink: 'https://outlook.example/evt', joinUrl: 'https://teams.example/join/evt' },
        agenda: { notebookId: 'nb', notebookWebUrl: 'https://onenote.example/nb', sectionId: 'sec', sharedWith: [{ mail: ben.mail, verified: false }] },
      });
      stored.push(created);
      return { status: 201, json: created };
    },
  });
});
afterEach(() => server.close());

function renderView(options: { sleep?: Sleep; keys?: string[] } = {}) {
  const keys = options.keys ?? [];
  const series = {
    ...(options.sleep ? { sleep: options.sleep } : {}),
    newKey: () => {
      const key = `intent-${keys.length + 1}`;
      keys.push(key);
      return key;
    },
  };
  // As App composes them: the series around the Schedule view's slots.
  const SeriesFrame = (props: SlotsFrameProps) => <PairSeriesFrame deps={series} {...props} />;
  return render(
    <FluentProvider theme={webLightTheme}>
      <InPane value={paneContextFor(server.origin, me)}>
        <ScheduleView writer={null} showOutlookHint={false} slotsFrame={SeriesFrame} />
      </InPane>
    </FluentProvider>,
  );
}

async function findTimesWithBen(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('combobox', { name: 'Search people' }));
  await user.keyboard('Ben');
  await screen.findByRole('option', { name: /Ben Carter/ });
  await user.keyboard('{ArrowDown}{Enter}');
  await user.click(screen.getByRole('button', { name: 'Find times' }));
  await screen.findAllByRole('article');
}

const posts = () => server.requests.filter((r) => r.method === 'POST' && r.path === seriesPath);

describe('Create series from a suggested slot', () => {
  it('offers it on every slot for my active pair, with the agreement’s cadence, length and end', async () => {
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    await waitFor(() => expect(server.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/pairs/p_ab12/series'));
    const buttons = await screen.findAllByRole('button', { name: 'Create series' });
    expect(buttons).toHaveLength(2);
    expect(buttons[0]).toHaveAccessibleDescription(/Every 2 weeks · 1 hour · until 1 Jun 2027, as agreed/);
  });

  it('is not offered when the people are not exactly one of my active pairs', async () => {
    pairs = [activePair({ status: 'paused' })];
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    await waitFor(() => expect(server.requests.some((r) => r.path === '/api/pairs')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Create series' })).toBeNull();
  });

  it('two quick clicks make one request and one series, and the result shows the meeting and the agenda', async () => {
    let release!: () => void;
    createGate = new Promise((resolve) => (release = resolve));
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    const [first] = await screen.findAllByRole('button', { name: 'Create series' });

    await user.dblClick(first!);
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(first).toBeDisabled();
    expect(screen.getByText('Setting up the Teams meeting and the shared agenda…')).toBeVisible();
    release();

    const panel = await screen.findByRole('region', { name: 'Peer mentoring: Ana & Ben' });
    expect(posts()).toHaveLength(1);
    expect(JSON.parse(posts()[0]!.body)).toEqual({
      firstStart: suggestions.suggestions[0]!.recurrence.firstStart,
      anchorTimeZone: suggestions.suggestions[0]!.recurrence.anchorTimeZone,
      cadence: 'every2Weeks',
      durationMinutes: 60,
      end: { date: '2027-06-01' },
    });
    expect(within(panel).getByRole('link', { name: 'Join the Teams meeting' })).toHaveAttribute('href', 'https://teams.example/join/evt');
    expect(within(panel).getByRole('link', { name: 'Open the agenda in OneNote' })).toHaveAttribute('href', 'https://onenote.example/pg1');
    expect(within(panel).getByRole('link', { name: 'Open the agenda in the OneNote app' })).toHaveAttribute('href', 'onenote:https://onenote.example/pg1');
    // Shared with Ben, but the permission was not seen afterwards: say so.
    expect(within(panel).getByTestId('shared-with')).toHaveTextContent(/Ben Carter \(ben\.carter@contoso\.dev\): invited, but access is not confirmed yet/);
    expect(within(panel).getByRole('heading', { name: 'Peer mentoring: Ana & Ben' })).toHaveFocus();
    // The pair now has a series: no more "Create series".
    expect(screen.queryByRole('button', { name: 'Create series' })).toBeNull();
  });

  it('retries a 503 and a 409 (creation still running) with the same key, without waiting on a real timer', async () => {
    createFailures = [
      { status: 503, headers: { ...problemJson, 'Retry-After': '5' }, json: { status: 503, title: 'Busy' } },
      { status: 409, headers: { ...problemJson, 'Retry-After': '2' }, json: { status: 409, title: 'Creation in progress' } },
    ];
    const delays: number[] = [];
    const sleep: Sleep = (ms) => {
      delays.push(ms);
      return Promise.resolve();
    };
    const user = userEvent.setup();
    renderView({ sleep });
    await findTimesWithBen(user);
    await user.click((await screen.findAllByRole('button', { name: 'Create series' }))[0]!);

    await screen.findByRole('region', { name: 'Peer mentoring: Ana & Ben' });
    expect(posts().map((r) => r.headers['idempotency-key'])).toEqual(['intent-1', 'intent-1', 'intent-1']);
    expect(delays).toEqual([5000, 2000]);
    expect(stored).toHaveLength(1);
  });

  it('after giving up, a second click repeats the same intent with the same key', async () => {
    createFailures = Array.from({ length: 5 }, () => ({ status: 503, headers: problemJson, json: { status: 503, title: 'Busy' } }));
    const user = userEvent.setup();
    renderView({ sleep: () => Promise.resolve() });
    await findTimesWithBen(user);
    const button = (await screen.findAllByRole('button', { name: 'Create series' }))[0]!;
    await user.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent(/Microsoft 365 is busy right now\..*it will not make a second one/);
    expect(posts()).toHaveLength(5);

    await user.click(button);
    await screen.findByRole('region', { name: 'Peer mentoring: Ana & Ben' });
    expect(new Set(posts().map((r) => r.headers['idempotency-key']))).toEqual(new Set(['intent-1']));
  });

  it('shows the field the API refused (an end before the first session)', async () => {
    createFailures = [{ status: 400, headers: problemJson, json: { status: 400, errors: { 'end.date': ['The end date is before the first session.'] } } }];
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    await user.click((await screen.findAllByRole('button', { name: 'Create series' }))[0]!);
    expect(await screen.findByRole('alert')).toHaveTextContent('The end date is before the first session.');
  });

  it('shows the sessions the API warns about and creates the series only when the person says "Create anyway"', async () => {
    const warning = { kind: 'outsideWorkingHours', mail: ben.mail, dates: ['2027-03-16', '2027-03-30'], message: 'Two of Ben Carter’s sessions start before their working hours.' };
    createFailures = [{ status: 409, headers: problemJson, json: { status: 409, title: 'Please confirm the series', warnings: [warning], occurrences: [] } }];
    const user = userEvent.setup();
    renderView({ keys: [] });
    await findTimesWithBen(user);
    await user.click((await screen.findAllByRole('button', { name: 'Create series' }))[0]!);

    const warned = await screen.findByRole('alert');
    expect(warned).toHaveTextContent('Some sessions of this series have problems');
    expect(warned).toHaveTextContent('Two of Ben Carter’s sessions start before their working hours.');
    expect(stored).toHaveLength(0);
    await user.click(within(warned).getByRole('button', { name: 'Create anyway' }));

    await screen.findByRole('region', { name: 'Peer mentoring: Ana & Ben' });
    const sent = posts().map((r) => ({ key: r.headers['idempotency-key'], body: JSON.parse(r.body) as { acceptWarnings?: boolean } }));
    expect(sent.map((r) => r.body.acceptWarnings)).toEqual([undefined, true]);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    expect(stored).toHaveLength(1);
  });
});

describe('a series over a public holiday', () => {
  it('names the holiday, whose it is and their date among the warnings before "Create anyway"', async () => {
    const holiday = {
      kind: 'publicHoliday',
      mail: ben.mail,
      dates: ['2026-11-26'],
      message: "Ben Carter's session on 26 Nov 2026 falls on a public holiday: Thanksgiving (US).",
      holidays: [{ date: '2026-11-26', name: 'Thanksgiving', country: 'US' }],
    };
    const clash = { kind: 'conflict', mail: ana.mail, dates: ['2026-12-03'], message: 'Ana Souza is busy at that time on 3 Dec 2026.' };
    createFailures = [{ status: 409, headers: problemJson, json: { status: 409, title: 'Please confirm the series', warnings: [holiday, clash], occurrences: [] } }];
    const user = userEvent.setup();
    renderView({ keys: [] });
    await findTimesWithBen(user);
    await user.click((await screen.findAllByRole('button', { name: 'Create series' }))[0]!);

    const warned = await screen.findByRole('alert');
    expect(within(warned).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Thanksgiving (US) for Ben \u2014 Thu 26 Nov',
      'Ana Souza is busy at that time on 3 Dec 2026.',
    ]);
    await user.click(within(warned).getByRole('button', { name: 'Create anyway' }));
    await screen.findByRole('region', { name: 'Peer mentoring: Ana & Ben' });
    expect(posts().map((r) => (JSON.parse(r.body) as { acceptWarnings?: boolean }).acceptWarnings)).toEqual([undefined, true]);
  });
});

describe('managing the pair’s series', () => {
  const occurrences = [
    { id: 'o1', start: '2026-12-01T15:00:00Z', end: '2026-12-01T16:00:00Z', originalStart: '2026-12-01T15:00:00Z', isException: false, sessionId: 's_1' },
    { id: 'o2', start: '2026-12-15T15:00:00Z', end: '2026-12-15T16:00:00Z', originalStart: '2026-12-15T15:00:00Z', isException: false, sessionId: null },
  ];
  beforeEach(() => {
    stored = [seriesFor('p_ab12')];
    server.on(`GET ${seriesPath}/e_s1/occurrences`, () => ({ json: { occurrences } }));
  });

  it('shows the existing series instead of "Create series"', async () => {
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    const panel = await screen.findByRole('region', { name: 'Peer mentoring: Ana & Ben' });
    expect(screen.queryByRole('button', { name: 'Create series' })).toBeNull();
    expect(within(panel).getByTestId('shared-with')).toHaveTextContent('can edit');
    expect(within(panel).getByText('First session: Tue 1 Dec 2026, 12:00–13:00 Brasilia Standard Time. You take the focus first.')).toBeVisible();
  });

  it('moves the whole series: warnings first, then "Move anyway" resends with acceptWarnings', async () => {
    const warning = 'Ben Carter’s sessions on 9 Mar and 16 Mar 2027 start at 08:00, before their working hours.';
    server.on(`PATCH ${seriesPath}/e_s1`, (r) =>
      (JSON.parse(r.body) as { acceptWarnings?: boolean }).acceptWarnings
        ? { json: seriesFor('p_ab12', { etag: 'W/"s2"', firstStart: '2026-12-08T09:30:00' }) }
        : { status: 409, headers: problemJson, json: { status: 409, title: 'Warnings', warnings: [{ kind: 'outsideWorkingHours', mail: ben.mail, dates: [], message: warning }] } },
    );
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    await user.click(await screen.findByRole('button', { name: 'Move the whole series' }));
    const form = screen.getByRole('form', { name: 'Move the whole series' });
    const date = within(form).getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2026-12-08');
    const time = within(form).getByLabelText('Start time');
    await user.clear(time);
    await user.type(time, '09:30');
    await user.click(within(form).getByRole('button', { name: 'Move series' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent(warning);
    expect(date).toHaveValue('2026-12-08');
    await user.click(within(form).getByRole('button', { name: 'Move anyway' }));

    await waitFor(() => expect(form).not.toBeVisible());
    const patches = server.requests.filter((r) => r.method === 'PATCH').map((r) => ({ ifMatch: r.headers['if-match'], body: JSON.parse(r.body) as unknown }));
    expect(patches).toEqual([
      { ifMatch: 'W/"s1"', body: { firstStart: '2026-12-08T09:30:00' } },
      { ifMatch: 'W/"s1"', body: { firstStart: '2026-12-08T09:30:00', acceptWarnings: true } },
    ]);
  });

  it('moves one session to a time on my clock (sent as an instant) and cancels another with a message', async () => {
    server.on(`POST ${seriesPath}/e_s1/occurrences/reschedule`, () => ({ status: 204 }));
    server.on(`POST ${seriesPath}/e_s1/occurrences/cancel`, () => ({ status: 204 }));
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    const sessions = await screen.findAllByTestId('occurrence');
    await user.click(within(sessions[0]!).getByRole('button', { name: 'Move' }));
    const moveForm = within(sessions[0]!).getByRole('form', { name: /Move the session of/ });
    const time = within(moveForm).getByLabelText('Start time');
    expect(time).toHaveValue('12:00');
    // A day still ahead (the pane refuses a time already past before asking the API).
    const nextYear = new Date().getUTCFullYear() + 1;
    const date = within(moveForm).getByLabelText(/^Date/);
    await user.clear(date);
    await user.type(date, `${nextYear}-12-01`);
    await user.clear(time);
    await user.type(time, '14:30');
    await user.click(within(moveForm).getByRole('button', { name: 'Move this session' }));

    await user.click(within(sessions[1]!).getByRole('button', { name: 'Cancel session' }));
    const cancelForm = within(sessions[1]!).getByRole('form', { name: /Cancel the session of/ });
    await user.type(within(cancelForm).getByLabelText('Message to your peers (optional)'), 'I am travelling that week, sorry.');
    await user.click(within(cancelForm).getByRole('button', { name: 'Cancel this session' }));
    // Nothing is cancelled before the person confirms.
    // Tabster cannot see layout in jsdom, so it may mark the dialog aria-hidden: `hidden: true` (Playwright runs axe on it).
    const confirm = await findDialog('Cancel this session?');
    expect(server.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel the session', hidden: true }));

    await waitFor(() => expect(server.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(1));
    // 14:30 in São Paulo (UTC-3) is 17:30 UTC.
    expect(JSON.parse(server.requests.find((r) => r.path.endsWith('/reschedule'))!.body)).toEqual({ occurrenceId: 'o1', start: `${nextYear}-12-01T17:30:00Z` });
    expect(JSON.parse(server.requests.find((r) => r.path.endsWith('/cancel'))!.body)).toEqual({ occurrenceId: 'o2', comment: 'I am travelling that week, sorry.' });
  });

  it('shows no session form until its action is chosen, and only that one', async () => {
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    const sessions = await screen.findAllByTestId('occurrence');
    // Not merely hidden: a style could show a hidden form (it did), so a closed form is not there at all.
    for (const row of sessions) expect(row.querySelectorAll('form')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Cancel this session' })).toBeNull();
    await user.click(within(sessions[1]!).getByRole('button', { name: 'Move' }));
    expect(sessions[1]!.querySelectorAll('form')).toHaveLength(1);
    expect(within(sessions[1]!).getByRole('form', { name: /Move the session of/ })).toBeVisible();
    await user.click(within(sessions[1]!).getByRole('button', { name: 'Cancel session' }));
    expect(sessions[1]!.querySelectorAll('form')).toHaveLength(1);
    expect(within(sessions[1]!).getByRole('form', { name: /Cancel the session of/ })).toBeVisible();
    for (const row of [sessions[0]!, ...sessions.slice(2)]) expect(row.querySelectorAll('form')).toHaveLength(0);
  });

  it('says a time already past under the date, in plain words, without asking the API', async () => {
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    const [first] = await screen.findAllByTestId('occurrence');
    await user.click(within(first!).getByRole('button', { name: 'Move' }));
    const form = within(first!).getByRole('form', { name: /Move the session of/ });
    const date = within(form).getByLabelText(/^Date/);
    await user.clear(date);
    await user.type(date, '2020-01-07');
    await user.click(within(form).getByRole('button', { name: 'Move this session' }));
    expect(within(form).getByText('That time has already passed. Choose a later one.')).toBeVisible();
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(server.requests.filter((r) => r.path.endsWith('/reschedule'))).toHaveLength(0);
  });

  it('puts the API\'s "start must be in the future." under the date of the move form, in plain words', async () => {
    server.on(`POST ${seriesPath}/e_s1/occurrences/reschedule`, () => ({ status: 400, headers: problemJson, json: { status: 400, errors: { start: ['start must be in the future.'] } } }));
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    const [first] = await screen.findAllByTestId('occurrence');
    await user.click(within(first!).getByRole('button', { name: 'Move' }));
    const form = within(first!).getByRole('form', { name: /Move the session of/ });
    await user.click(within(form).getByRole('button', { name: 'Move this session' }));
    expect(await within(form).findByText('That time has already passed. Choose a later one.')).toBeVisible();
    expect(within(first!).queryByText('start must be in the future.')).toBeNull();
  });

  it('a session that cannot move there says why, next to the form, and keeps the time typed', async () => {
    const why = 'A session cannot move onto or past the day of the session before or after it.';
    server.on(`POST ${seriesPath}/e_s1/occurrences/reschedule`, () => ({ status: 400, headers: problemJson, json: { status: 400, errors: { start: [why] } } }));
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    const [first] = await screen.findAllByTestId('occurrence');
    await user.click(within(first!).getByRole('button', { name: 'Move' }));
    const form = within(first!).getByRole('form', { name: /Move the session of/ });
    const date = within(form).getByLabelText(/^Date/);
    await user.clear(date);
    const later = `${new Date().getUTCFullYear() + 1}-12-16`;
    await user.type(date, later);
    await user.click(within(form).getByRole('button', { name: 'Move this session' }));
    expect(await within(first!).findByRole('alert')).toHaveTextContent(why);
    expect(date).toHaveValue(later);
  });

  it('ends the series with an editable default message; the text survives a failure', async () => {
    let attempts = 0;
    server.on(`POST ${seriesPath}/e_s1/end`, (r) =>
      ++attempts === 1
        ? { status: 503, headers: { ...problemJson, 'Retry-After': '4' }, json: { status: 503, title: 'Busy' } }
        : { json: seriesFor('p_ab12', { status: 'ended', endMessage: (JSON.parse(r.body) as { message: string }).message, endedAt: '2026-12-20T10:00:00Z' }) },
    );
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    await user.click(await screen.findByRole('button', { name: 'End the series…' }));
    const form = screen.getByRole('form', { name: 'End the series' });
    const message = within(form).getByLabelText('Message to your peers');
    expect(message).toHaveValue(defaultEndMessage);
    await user.type(message, ' See you at the guild!');
    await user.click(within(form).getByRole('button', { name: 'End the series' }));
    // Asked first; keeping it sends nothing.
    await user.click(within(await findDialog('End the series?')).getByRole('button', { name: 'Keep it going', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('alertdialog', { hidden: true })).toBeNull());
    expect(server.requests.filter((r) => r.path.endsWith('/end'))).toHaveLength(0);
    await user.click(within(form).getByRole('button', { name: 'End the series' }));
    await user.click(within(await findDialog('End the series?')).getByRole('button', { name: 'End the series', hidden: true }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Try again in 4 seconds.');
    expect(message).toHaveValue(`${defaultEndMessage} See you at the guild!`);
    await user.click(within(form).getByRole('button', { name: 'End the series' }));
    await user.click(within(await findDialog('End the series?')).getByRole('button', { name: 'End the series', hidden: true }));

    const panel = await screen.findByRole('region', { name: 'Peer mentoring: Ana & Ben' });
    await waitFor(() => expect(panel).toHaveAttribute('data-status', 'ended'));
    expect(panel).toHaveTextContent('See you at the guild!');
    expect(server.requests.filter((r) => r.path.endsWith('/end')).map((r) => r.headers['if-match'])).toEqual(['W/"s1"', 'W/"s1"']);
    // Ended: a new series can be created from a slot.
    expect(await screen.findAllByRole('button', { name: 'Create series' })).toHaveLength(2);
  });

  it('a member who does not organize sees the series but cannot change it', async () => {
    stored = [seriesFor('p_ab12', { organizerId: 'ben-oid' })];
    const user = userEvent.setup();
    renderView();
    await findTimesWithBen(user);
    const panel = await screen.findByRole('region', { name: 'Peer mentoring: Ana & Ben' });
    expect(panel).toHaveTextContent('Ben Carter organizes the meeting in Outlook, so only they can move or cancel sessions.');
    expect(within(panel).queryByRole('button', { name: 'Move the whole series' })).toBeNull();
  });
});
