import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../src/api/types';
import { AgendaView } from '../src/agenda/AgendaView';
import { AgendaBackend, makeSession, sessionId } from './support/agendaBackend';
import { anaMe, makeCommitment, makeGoal, makePair } from './support/pairsBackend';
import { startStubServer, type StubServer } from './support/stubServer';
import { InPane, paneContextFor } from './support/paneContext';

let server: StubServer;
let backend: AgendaBackend;

beforeEach(async () => {
  server = await startStubServer();
  backend = new AgendaBackend(server);
  backend.addPair(makePair());
  backend.addGoal(makeGoal());
  backend.addGoal(makeGoal({ id: 'g2', etag: 'W/"g2-0"', ownerId: 'ben-id', title: 'Give a conference talk', measure: 'Talk accepted and given', progress: 75 }));
  backend.addCommitment(makeCommitment());
  backend.addCommitment(makeCommitment({ id: 'c2', etag: 'W/"c2-0"', ownerId: 'ben-id', text: 'Share the hiring rubric', due: '2026-11-02', overdue: true }));
});
afterEach(() => server.close());

function renderView(me: Me = anaMe) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <InPane value={paneContextFor(server.origin, me)}>
        <AgendaView pairId="p1" sessionId={sessionId} />
      </InPane>
    </FluentProvider>,
  );
}

// The first load also compiles Fluent's styles; on a busy 2-core machine that can take a few seconds.
const view = async () => within(await screen.findByRole('region', { name: 'Session with Ben Carter' }, { timeout: 15_000 }));
const commitmentsRegion = async () => within((await view()).getByRole('region', { name: 'Open commitments' }));
const requestsTo = (method: string, pathPart: string) => server.requests.filter((r) => r.method === method && r.path.includes(pathPart));

describe('Agenda view', () => {
  it('shows when the session is in the viewer’s own zone, whose turn it is, the agenda page, goals and both people’s commitments', async () => {
    renderView();
    const v = await view();
    // 15:00Z is 12:00 in São Paulo (Ana's mailbox zone, UTC−3).
    expect(v.getByText(/Tue 1 Dec 2026, 12:00–13:00/)).toBeVisible();
    // No office in the directory: the zone's generic name.
    expect(v.getByText('(Brasilia Standard Time)')).toBeVisible();
    expect(v.getByText('Your turn to bring a challenge')).toBeVisible();
    expect(v.getByRole('link', { name: 'Open the agenda in OneNote' })).toHaveAttribute('href', 'https://onenote.dev.example/pages/1-page');
    expect(v.getByRole('link', { name: 'Open the agenda in OneNote' })).toHaveAttribute('target', '_blank');
    expect(v.getByRole('link', { name: 'Open it in the OneNote app' })).toHaveAttribute('href', 'onenote:https://onenote.dev.example/pages/1-page');

    const goals = within(v.getByRole('region', { name: 'Goals' }));
    const mine = within(goals.getByRole('group', { name: 'Your goals' }));
    expect(mine.getByRole('progressbar', { name: 'Progress of Run a design review' })).toHaveAttribute('aria-valuenow', '40');
    const bens = within(goals.getByRole('group', { name: 'Ben Carter’s goals' }));
    expect(bens.getByText('75%')).toBeVisible();
    // Only the owner moves a goal's progress.
    expect(mine.getByRole('button', { name: 'Update progress' })).toBeVisible();
    expect(bens.queryByRole('button', { name: 'Update progress' })).toBeNull();

    const commitments = await commitmentsRegion();
    const items = commitments.getAllByRole('listitem');
    // Both people's, by due date.
    expect(items.map((i) => document.getElementById(i.getAttribute('aria-labelledby') ?? '')?.textContent)).toEqual(['Share the hiring rubric', 'Send Ben the RFC draft']);
    const overdue = commitments.getByRole('listitem', { name: 'Share the hiring rubric' });
    expect(overdue).toHaveAttribute('data-overdue', 'true');
    expect(within(overdue).getByText(/Overdue: was due Mon 2 Nov 2026/)).toBeVisible();
    expect(within(overdue).getByText('Ben Carter')).toBeVisible();
    expect(commitments.getByRole('listitem', { name: 'Send Ben the RFC draft' })).toHaveAttribute('data-overdue', 'false');
  });

  it('names the other peer when it is their turn, in their own zone for Ben, and says when the agenda page is not ready', async () => {
    backend.session = makeSession({ focusUserId: 'ben-id', agendaPage: null });
    renderView({ id: 'ana-id', displayName: 'Ana Souza', mail: 'ana.souza@contoso.dev', timeZone: 'America/Los_Angeles', windowsTimeZone: 'Pacific Standard Time', officeLocation: 'Seattle' });
    const v = await view();
    expect(v.getByText('Ben’s turn to bring a challenge')).toBeVisible();
    expect(v.getByText(/Tue 1 Dec 2026, 07:00–08:00/)).toBeVisible();
    // The office the directory gives, never the zone's "Los Angeles".
    expect(v.getByText('(Seattle time)')).toBeVisible();
    expect(v.queryByText(/Los Angeles/)).toBeNull();
    expect(v.getByText('The agenda page will be ready before the session.')).toBeVisible();
    expect(v.queryByRole('link', { name: /OneNote/ })).toBeNull();
  });

  it('adds a commitment in this session, due at the next session unless a date is given', async () => {
    const user = userEvent.setup();
    renderView();
    const commitments = await commitmentsRegion();
    await user.click(commitments.getByRole('button', { name: 'Add a commitment' }));
    const form = within(commitments.getByRole('form', { name: 'A new commitment' }));
    expect(form.getByText('Empty: the next session')).toBeVisible();
    await user.type(form.getByRole('textbox', { name: /Commitment/ }), 'Draft the onboarding plan');
    await user.click(form.getByRole('button', { name: 'Add' }));

    expect(await commitments.findByRole('listitem', { name: 'Draft the onboarding plan' })).toBeVisible();
    const [post] = requestsTo('POST', '/commitments');
    expect(JSON.parse(post?.body ?? '{}')).toEqual({ text: 'Draft the onboarding plan', sessionId });
    expect(within(commitments.getByRole('listitem', { name: 'Draft the onboarding plan' })).getByText('Due Mon 21 Dec 2026')).toBeVisible();
  });

  it('completes and drops commitments as closed in this session, with their ETags', async () => {
    const user = userEvent.setup();
    renderView();
    const commitments = await commitmentsRegion();
    await user.click(within(commitments.getByRole('listitem', { name: 'Send Ben the RFC draft' })).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(commitments.queryByRole('listitem', { name: 'Send Ben the RFC draft' })).toBeNull());
    await user.click(within(commitments.getByRole('listitem', { name: 'Share the hiring rubric' })).getByRole('button', { name: 'Drop' }));
    await waitFor(() => expect(commitments.queryByRole('listitem', { name: 'Share the hiring rubric' })).toBeNull());

    const patches = requestsTo('PATCH', '/commitments/');
    expect(patches.map((p) => [p.path, p.headers['if-match'], JSON.parse(p.body)])).toEqual([
      ['/api/pairs/p1/commitments/c1', 'W/"c1-0"', { status: 'done', sessionId }],
      ['/api/pairs/p1/commitments/c2', 'W/"c2-0"', { status: 'dropped', sessionId }],
    ]);
    expect(backend.commitments.get('c1')?.status).toBe('done');
  });

  it('when Ben changed a commitment first, Done shows his change instead of overwriting it, then marks it done on his version', async () => {
    const user = userEvent.setup();
    renderView();
    const commitments = await commitmentsRegion();
    const bens = backend.peerChangesCommitment('c1', { text: 'Send Ben the RFC draft and the slides' });

    const item = commitments.getByRole('listitem', { name: 'Send Ben the RFC draft' });
    await user.click(within(item).getByRole('button', { name: 'Done' }));
    const alert = await within(item).findByRole('alert');
    expect(alert).toHaveTextContent('This commitment changed while you were working on it');
    expect(within(alert).getByRole('list', { name: 'What changed' })).toHaveTextContent('The text is now “Send Ben the RFC draft and the slides”');
    // The item shows the stored text now; nothing was closed silently.
    expect(backend.commitments.get('c1')?.status).toBe('open');
    expect(within(item).getByText('Send Ben the RFC draft and the slides')).toBeVisible();

    await user.click(within(alert).getByRole('button', { name: 'Mark done again' }));
    await waitFor(() => expect(backend.commitments.get('c1')?.status).toBe('done'));
    const last = requestsTo('PATCH', '/commitments/c1').at(-1);
    expect(last?.headers['if-match']).toBe(bens.etag);
    expect(JSON.parse(last?.body ?? '{}')).toEqual({ status: 'done', sessionId });
    expect(backend.commitments.get('c1')?.text).toBe('Send Ben the RFC draft and the slides');
  });

  it('moves my goal’s progress with the slider', async () => {
    const user = userEvent.setup();
    renderView();
    const goals = within((await view()).getByRole('region', { name: 'Goals' }));
    const mine = within(goals.getByRole('group', { name: 'Your goals' }));
    await user.click(mine.getByRole('button', { name: 'Update progress' }));
    const slider = mine.getByRole('slider');
    fireEvent.change(slider, { target: { value: '65' } });
    await user.click(mine.getByRole('button', { name: 'Save progress' }));
    await waitFor(() => expect(mine.getByRole('progressbar', { name: 'Progress of Run a design review' })).toHaveAttribute('aria-valuenow', '65'));
    const [patch] = requestsTo('PATCH', '/goals/g1');
    expect(JSON.parse(patch?.body ?? '{}')).toEqual({ progress: 65 });
    expect(patch?.headers['if-match']).toBe('W/"g1-0"');
  });

  it('rates the session 1-5 with a private word that only I see, and keeps what I typed when saving fails', async () => {
    const user = userEvent.setup();
    renderView();
    const rating = within((await view()).getByRole('region', { name: 'Rate this session' }));
    expect(rating.getByText(/Only you see your rating and your private word/)).toBeVisible();
    await user.click(rating.getByRole('radio', { name: '4: Very useful' }));
    await user.type(rating.getByRole('textbox', { name: /A private word/ }), 'Felt rushed');

    backend.ratingFailure = { status: 400, json: { title: 'Invalid', status: 400, errors: { privateNote: ['The note is at most 500 characters.'] } } };
    await user.click(rating.getByRole('button', { name: 'Save my rating' }));
    expect(await rating.findByText('The note is at most 500 characters.')).toBeVisible();
    expect(rating.getByRole('textbox', { name: /A private word/ })).toHaveValue('Felt rushed');
    expect(rating.getByRole('radio', { name: '4: Very useful' })).toBeChecked();

    await user.click(rating.getByRole('button', { name: 'Save my rating' }));
    expect(await rating.findByText('Saved: you rated this session 4 of 5.')).toBeVisible();
    const puts = requestsTo('PUT', '/rating');
    expect(JSON.parse(puts.at(-1)?.body ?? '{}')).toEqual({ rating: 4, privateNote: 'Felt rushed' });
    expect(rating.getByRole('button', { name: 'Update my rating' })).toBeVisible();
  });

  it('offers no rating before the session has started, and says from when', async () => {
    // A session a week ahead of the real clock.
    const start = new Date(Date.now() + 7 * 86_400_000);
    start.setUTCSeconds(0, 0);
    backend.session = makeSession({ start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() });
    renderView();
    const rating = within((await view()).getByRole('region', { name: 'Rate this session' }));
    expect(rating.getByText('You can rate this session once it has started.')).toBeVisible();
    expect(rating.queryByRole('radio')).toBeNull();
    expect(rating.queryByRole('button', { name: 'Save my rating' })).toBeNull();
  });

  it('shows my earlier rating when the pane opens again', async () => {
    backend.session = makeSession({ myRating: { rating: 2, privateNote: 'Too short', ratedAt: '2026-12-01T16:00:00Z' } });
    renderView();
    const rating = within((await view()).getByRole('region', { name: 'Rate this session' }));
    expect(rating.getByRole('radio', { name: '2: A little useful' })).toBeChecked();
    expect(rating.getByRole('textbox', { name: /A private word/ })).toHaveValue('Too short');
  });

  it('Refresh shows what the other peer added, and keeps a commitment I am still typing', async () => {
    const user = userEvent.setup();
    renderView();
    const commitments = await commitmentsRegion();
    await user.click(commitments.getByRole('button', { name: 'Add a commitment' }));
    const form = within(commitments.getByRole('form', { name: 'A new commitment' }));
    await user.type(form.getByRole('textbox', { name: /Commitment/ }), 'Half-typed idea');

    backend.addCommitment(makeCommitment({ id: 'c9', etag: 'W/"c9-0"', ownerId: 'ben-id', text: 'Ben: book the room', due: '2026-12-15' }));
    await user.click((await view()).getByRole('button', { name: 'Refresh' }));
    expect(await commitments.findByRole('listitem', { name: 'Ben: book the room' })).toBeVisible();
    expect(form.getByRole('textbox', { name: /Commitment/ })).toHaveValue('Half-typed idea');
  });

  it('says so when the session cannot be loaded, and tries again', async () => {
    server.on(`GET /api/pairs/p1/sessions/${sessionId}/agenda`, () => ({ status: 503, headers: { 'Retry-After': '3', 'Content-Type': 'application/problem+json' }, json: { title: 'Busy', status: 503 } }));
    renderView();
    const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
    expect(alert).toHaveTextContent('This session could not be loaded');
    backend.items.clear();
    server.on(`GET /api/pairs/p1/sessions/${sessionId}/agenda`, () => ({ json: { session: makeSession(), members: backend.members, commitments: [], goals: [], nextSession: null } }));
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }));
    expect((await view()).getByRole('heading', { name: 'Session with Ben Carter' })).toBeVisible();
  });
});
