import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../src/format/dates';
import type { AgendaTarget } from '../src/peers/agendaLinks';
import { PeersView } from '../src/peers/PeersView';
import { anaMe, anaMember, benMember, makeCommitment, makeGoal, makePair, PairsBackend } from './support/pairsBackend';
import { problemJson, startStubServer, type StubServer } from './support/stubServer';
import { findDialog } from './support/dialogs';
import { InPane, paneContextFor } from './support/paneContext';

let server: StubServer;
let backend: PairsBackend;
let signInNeeded: number;

beforeEach(async () => {
  signInNeeded = 0;
  server = await startStubServer({
    'GET /api/people': (r) => {
      const search = (r.query.get('search') ?? '').toLowerCase();
      const directory = [{ id: 'ben-id', displayName: 'Ben Carter', mail: 'ben.carter@contoso.dev', jobTitle: 'Engineer' }];
      return { json: { people: directory.filter((p) => p.displayName.toLowerCase().includes(search)) } };
    },
  });
  backend = new PairsBackend(server);
});
afterEach(() => server.close());

let agendaOpened: AgendaTarget[];

function renderView() {
  agendaOpened = [];
  return render(
    <FluentProvider theme={webLightTheme}>
      <InPane value={paneContextFor(server.origin, anaMe, { onSignInNeeded: () => void signInNeeded++ })}>
        <PeersView
          agenda={{ href: (t) => `#agenda/${t.pairId}/${t.sessionId}`, open: (t) => void agendaOpened.push(t) }}
        />
      </InPane>
    </FluentProvider>,
  );
}

/** What the polite live regions inside `container` say now. */
const announced = (container: ReturnType<typeof within>) =>
  container
    .getAllByRole('status')
    .map((s: HTMLElement) => s.textContent ?? '')
    .join(' ');
const patches = () => server.requests.filter((r) => r.method === 'PATCH');
const pairCard = async (name: string) => (await screen.findAllByRole('article', { name }))[0] as HTMLElement;
/** Opens the card's folded agreement (folded once everyone accepted it). */
async function openAgreement(card: HTMLElement) {
  const fold = within(card).getByRole('button', { name: 'Agreement' });
  if (fold.getAttribute('aria-expanded') === 'false') await userEvent.setup().click(fold);
  return within(within(card).getByRole('region', { name: 'Agreement' }));
}
const commitmentsOf = async (card: HTMLElement) => within(await within(card).findByRole('region', { name: 'Open commitments' }));

function seedActivePair() {
  backend.addPair(makePair());
  backend.addGoal(makeGoal());
  backend.addGoal(makeGoal({ id: 'g2', etag: 'W/"g2-0"', ownerId: 'ben-id', title: 'Give a conference talk', measure: 'Talk accepted and given', progress: 75 }));
  backend.addCommitment(makeCommitment());
  backend.addCommitment(makeCommitment({ id: 'c2', etag: 'W/"c2-0"', ownerId: 'ben-id', text: 'Share the hiring rubric', due: '2026-11-02', overdue: true }));
}

describe('My peers', () => {
  it('shows each pair with its members, status and agreement, everyone’s goals and the open commitments', async () => {
    seedActivePair();
    backend.addPair(makePair({ id: 'p0', etag: 'W/"p0-0"', status: 'closed', closedAt: '2026-10-01T12:00:00Z', closedBy: 'ben-id', closingNote: 'Thanks for everything' }));
    renderView();

    const card = await pairCard('Ben Carter');
    expect(within(card).getByText('Active')).toBeVisible();
    expect(within(card).getByText('Every 2 weeks · 1 hour · 7 Dec 2026 – 7 Jun 2027')).toBeVisible();
    expect(within(card).getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');
    // Accepted by both, the agreement is folded away; opened, term by term.
    expect(within(card).getByRole('button', { name: 'Agreement' })).toHaveAttribute('aria-expanded', 'false');
    expect(within(card).queryAllByRole('term')).toHaveLength(0);
    await openAgreement(card);
    const terms = within(card).getAllByRole('term').map((t) => t.textContent);
    expect(terms).toEqual(['Purpose', 'Meetings', 'Dates', 'Confidentiality', 'Boundaries']);
    const values = within(card).getAllByRole('definition').map((d) => d.textContent);
    expect(values).toEqual([
      'Grow as engineering leads',
      'Every 2 weeks, 1 hour',
      'Mon 7 Dec 2026 to Mon 7 Jun 2027',
      'What we discuss stays between us unless we both agree otherwise.',
      'No performance reviews of each other.',
    ]);
    expect(within(within(card).getByRole('list', { name: 'Who accepted the agreement' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'You: accepted',
      'Ben Carter: accepted',
    ]);

    // Goals of both people with their progress; only mine can be updated.
    const goals = within(await within(card).findByRole('region', { name: 'Goals' }));
    const mine = within(await goals.findByRole('group', { name: 'Your goals' }));
    const bens = within(goals.getByRole('group', { name: 'Ben Carter’s goals' }));
    expect(mine.getByRole('progressbar', { name: 'Progress of Run a design review' })).toHaveAttribute('aria-valuenow', '40');
    expect(mine.getByText('40%')).toBeVisible();
    expect(mine.getByText('By Mon 1 Mar 2027')).toBeVisible();
    expect(bens.getByRole('progressbar', { name: 'Progress of Give a conference talk' })).toHaveAttribute('aria-valuenow', '75');
    expect(mine.getByRole('button', { name: 'Update progress' })).toBeVisible();
    expect(bens.queryByRole('button', { name: 'Update progress' })).toBeNull();

    // Open commitments of both, the overdue one said in words (not only in colour).
    const commitments = await commitmentsOf(card);
    const rfc = await commitments.findByRole('listitem', { name: 'Send Ben the RFC draft' });
    const rubric = commitments.getByRole('listitem', { name: 'Share the hiring rubric' });
    // By due date, as the API lists them: the overdue one comes first.
    expect(commitments.getAllByRole('listitem')).toEqual([rubric, rfc]);
    expect(within(rfc).getByText('You')).toBeVisible();
    expect(within(rfc).getByText('Due Tue 8 Dec 2026')).toBeVisible();
    expect(within(rfc).queryByText(/Overdue/)).toBeNull();
    expect(within(rubric).getByText('Ben Carter')).toBeVisible();
    expect(within(rubric).getByText('Overdue: was due Mon 2 Nov 2026')).toBeVisible();

    // The closed pair is listed apart, folded, and says how it ended once opened.
    const closed = screen.getAllByRole('article', { name: 'Ben Carter' })[1] as HTMLElement;
    expect(within(closed).getByText('Closed')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Closed pairs' })).toBeVisible();
    const user = userEvent.setup();
    await user.click(within(closed).getByRole('button', { name: 'Show details' }));
    await openAgreement(closed);
    expect(await within(closed).findByText(/Closed on Thu 1 Oct 2026 by Ben Carter\. “Thanks for everything”/)).toBeVisible();
    expect(within(closed).queryByRole('button', { name: 'Close pair…' })).toBeNull();
    expect(within(closed).queryByRole('button', { name: 'Add a commitment' })).toBeNull();
  });

  it('adds a commitment with the API’s default due date, then completes and drops commitments', async () => {
    seedActivePair();
    const user = userEvent.setup();
    renderView();
    const card = await pairCard('Ben Carter');
    const commitments = await commitmentsOf(card);
    await commitments.findAllByRole('listitem');

    await user.click(commitments.getByRole('button', { name: 'Add a commitment' }));
    const form = within(commitments.getByRole('form', { name: 'A new commitment' }));
    await user.type(form.getByRole('textbox', { name: 'Commitment' }), 'Book the design review room');
    await user.selectOptions(form.getByRole('combobox', { name: 'Who' }), 'Ben Carter');
    await user.click(form.getByRole('button', { name: 'Add' }));

    const added = await commitments.findByRole('listitem', { name: 'Book the design review room' });
    expect(within(added).getByText('Due Mon 21 Dec 2026')).toBeVisible();
    expect(within(added).getByText('Ben Carter')).toBeVisible();
    const post = server.requests.find((r) => r.method === 'POST' && r.path === '/api/pairs/p1/commitments');
    expect(JSON.parse(post?.body ?? '{}')).toEqual({ text: 'Book the design review room', ownerId: 'ben-id' });
    expect(form.getByRole('textbox', { name: 'Commitment' })).toHaveValue('');

    // Done: sent with the item's ETag, gone from the open list, and can be undone.
    await user.click(within(commitments.getByRole('listitem', { name: 'Send Ben the RFC draft' })).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(commitments.queryByRole('listitem', { name: 'Send Ben the RFC draft' })).toBeNull());
    expect(patches()[0]?.headers['if-match']).toBe('W/"c1-0"');
    expect(JSON.parse(patches()[0]?.body ?? '{}')).toEqual({ status: 'done' });
    expect(backend.commitments.get('c1')?.status).toBe('done');
    expect(announced(commitments)).toContain('Marked done: “Send Ben the RFC draft”');
    await user.click(commitments.getByRole('button', { name: 'Undo' }));
    expect(await commitments.findByRole('listitem', { name: 'Send Ben the RFC draft' })).toBeVisible();
    expect(backend.commitments.get('c1')?.status).toBe('open');

    await user.click(within(commitments.getByRole('listitem', { name: 'Share the hiring rubric' })).getByRole('button', { name: 'Drop' }));
    await waitFor(() => expect(commitments.queryByRole('listitem', { name: 'Share the hiring rubric' })).toBeNull());
    expect(backend.commitments.get('c2')?.status).toBe('dropped');
    expect(announced(commitments)).toContain('Dropped: “Share the hiring rubric”');
  });

  it('keeps the typed text when another peer changed the commitment first, shows their change, and re-applies on request', async () => {
    seedActivePair();
    const user = userEvent.setup();
    renderView();
    const commitments = await commitmentsOf(await pairCard('Ben Carter'));
    const item = await commitments.findByRole('listitem', { name: 'Send Ben the RFC draft' });
    await user.click(within(item).getByRole('button', { name: 'Edit' }));
    const field = within(item).getByRole('textbox', { name: 'Commitment' });
    await user.clear(field);
    await user.type(field, 'Send Ben the RFC draft with the API section');

    // Meanwhile Ben moves the due date.
    backend.peerChangesCommitment('c1', { due: '2026-12-15' });
    await user.click(within(item).getByRole('button', { name: 'Save' }));

    const alert = await within(item).findByRole('alert');
    expect(alert).toHaveTextContent('This commitment changed while you were working on it');
    expect(within(within(alert).getByRole('list', { name: 'What changed' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Due is now Tue 15 Dec 2026',
    ]);
    expect(alert).toHaveTextContent('Your text is still in the field below.');
    // The item shows the stored version; the field still holds what was typed.
    expect(within(item).getByText('Due Tue 15 Dec 2026')).toBeVisible();
    expect(within(item).getByRole('textbox', { name: 'Commitment' })).toHaveValue('Send Ben the RFC draft with the API section');
    expect(backend.commitments.get('c1')?.text).toBe('Send Ben the RFC draft');

    await user.click(within(alert).getByRole('button', { name: 'Apply my change again' }));
    await waitFor(() => expect(backend.commitments.get('c1')?.text).toBe('Send Ben the RFC draft with the API section'));
    // Re-applied on top of Ben's version: his due date stays, and the write carried the new ETag.
    expect(backend.commitments.get('c1')?.due).toBe('2026-12-15');
    expect(patches()).toHaveLength(2);
    expect(patches()[0]?.headers['if-match']).toBe('W/"c1-0"');
    // The second write carried the ETag of Ben's version, which the 412 brought.
    expect(patches()[1]?.headers['if-match']).not.toBe('W/"c1-0"');
    expect(patches()[1]?.headers['if-match']).not.toBe(backend.commitments.get('c1')?.etag);
    expect(JSON.parse(patches()[1]?.body ?? '{}')).toEqual({ text: 'Send Ben the RFC draft with the API section' });
    expect(await commitments.findByRole('listitem', { name: 'Send Ben the RFC draft with the API section' })).toBeVisible();
    expect(within(item).queryByRole('alert')).toBeNull();
    // Back where the edit began.
    expect(within(item).getByRole('button', { name: 'Edit' })).toHaveFocus();
  });

  it('says when a peer completed the commitment first, and offers nothing to re-apply', async () => {
    seedActivePair();
    const user = userEvent.setup();
    renderView();
    const commitments = await commitmentsOf(await pairCard('Ben Carter'));
    const item = await commitments.findByRole('listitem', { name: 'Share the hiring rubric' });
    backend.peerChangesCommitment('c2', { status: 'done' });
    await user.click(within(item).getByRole('button', { name: 'Drop' }));
    const alert = await within(item).findByRole('alert');
    expect(alert).toHaveTextContent('It was marked done');
    expect(within(alert).queryByRole('button', { name: 'Drop again' })).toBeNull();
    expect(within(item).getByText('Done')).toBeVisible();
    expect(backend.commitments.get('c2')?.status).toBe('done');
  });

  it('shows validation problems next to the fields and keeps what was typed', async () => {
    seedActivePair();
    const user = userEvent.setup();
    renderView();
    const commitments = await commitmentsOf(await pairCard('Ben Carter'));
    await commitments.findAllByRole('listitem');
    await user.click(commitments.getByRole('button', { name: 'Add a commitment' }));
    const form = within(commitments.getByRole('form', { name: 'A new commitment' }));

    // The pane's own check first: nothing is sent for an empty text.
    await user.click(form.getByRole('button', { name: 'Add' }));
    expect(await form.findByText('Write what will be done.')).toBeVisible();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    // A due date the API refuses: its message sits under the Due field, the input stays.
    await user.type(form.getByRole('textbox', { name: 'Commitment' }), 'Read the chapter on feedback');
    const due = form.getByLabelText('Due');
    await user.type(due, '1900-01-01');
    expect(due).toHaveValue('1900-01-01');
    await user.click(form.getByRole('button', { name: 'Add' }));
    // A date already past is asked about first (Tabster cannot see layout in jsdom: `hidden: true`).
    const ask = await findDialog('Due on a day already past?');
    await user.click(within(ask).getByRole('button', { name: 'Save with this date', hidden: true }));
    const message = await form.findByText('The due date must be between a year ago and two years from today.');
    expect(due).toHaveAccessibleDescription(expect.stringContaining('The due date must be between a year ago and two years from today.') as string);
    expect(message).toBeVisible();
    expect(due).toHaveAttribute('aria-invalid', 'true');
    expect(form.getByRole('textbox', { name: 'Commitment' })).toHaveValue('Read the chapter on feedback');
    expect(backend.commitments.size).toBe(2);

    // Any other failure keeps the input too and says what happened.
    server.on('POST /api/pairs/p1/commitments', () => ({ status: 503, headers: { ...problemJson, 'Retry-After': '7' }, json: { title: 'Busy', status: 503 } }));
    await user.clear(due);
    await user.click(form.getByRole('button', { name: 'Add' }));
    expect(await form.findByRole('alert')).toHaveTextContent('Try again in 7 seconds.');
    expect(form.getByRole('textbox', { name: 'Commitment' })).toHaveValue('Read the chapter on feedback');
  });

  it('says a due date has passed as it is chosen, and asks before saving a commitment born overdue', async () => {
    seedActivePair();
    const user = userEvent.setup();
    renderView();
    const commitments = await commitmentsOf(await pairCard('Ben Carter'));
    await commitments.findAllByRole('listitem');
    await user.click(commitments.getByRole('button', { name: 'Add a commitment' }));
    const form = within(commitments.getByRole('form', { name: 'A new commitment' }));
    await user.type(form.getByRole('textbox', { name: 'Commitment' }), 'Send the retro notes');
    const yesterday = addDays(todayIn(anaMe.timeZone), -1);
    await user.type(form.getByLabelText('Due'), yesterday);
    expect(form.getByText('This date has passed: the commitment would start overdue.')).toBeVisible();

    await user.click(form.getByRole('button', { name: 'Add' }));
    const ask = await findDialog('Due on a day already past?');
    await user.click(within(ask).getByRole('button', { name: 'Change the date', hidden: true }));
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(form.getByLabelText('Due')).toHaveValue(yesterday);

    await user.click(form.getByRole('button', { name: 'Add' }));
    const again = await findDialog('Due on a day already past?');
    await user.click(within(again).getByRole('button', { name: 'Save with this date', hidden: true }));
    const added = await commitments.findByRole('listitem', { name: 'Send the retro notes' });
    expect(within(added).getByText(/Overdue|Due/)).toBeVisible();
    expect(JSON.parse(server.requests.find((r) => r.method === 'POST')?.body ?? '{}')).toMatchObject({ due: yesterday });
  });

  it('proposes a pair with sensible defaults and shows nested validation messages next to their fields', async () => {
    const user = userEvent.setup();
    renderView();
    expect(await screen.findByText(/You are not in a mentoring pair yet/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Propose a pair' }));
    const form = within(screen.getByRole('form', { name: 'Propose a pair' }));

    // Defaults: every 2 weeks, an hour, a starter confidentiality line, next Monday for six months.
    expect(form.getByRole('combobox', { name: 'How often' })).toHaveValue('every2Weeks');
    expect(form.getByRole('combobox', { name: 'Length' })).toHaveValue('60');
    expect(form.getByRole('textbox', { name: 'Confidentiality' })).toHaveValue('What we talk about stays between us unless we both agree otherwise.');
    const start = (form.getByLabelText('Starts') as HTMLInputElement).value;
    const end = (form.getByLabelText('Planned end') as HTMLInputElement).value;
    expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
    const daysAhead = (Date.parse(`${start}T00:00:00Z`) - Date.now()) / 86_400_000;
    expect(daysAhead).toBeGreaterThan(-1);
    expect(daysAhead).toBeLessThanOrEqual(8);
    expect(Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7)) - (Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)))).toBe(6);

    // Nothing chosen yet: the pane says so itself.
    await user.click(form.getByRole('button', { name: 'Propose' }));
    expect(await form.findByText('Choose at least one peer.')).toBeVisible();
    expect(form.getByText('Say in a few words what the two of you want from this.')).toBeVisible();
    expect(server.requests.filter((r) => r.path === '/api/pairs' && r.method === 'POST')).toHaveLength(0);

    const search = form.getByRole('combobox', { name: 'Search people' });
    await user.click(search);
    await user.keyboard('Ben');
    await screen.findByRole('option', { name: /Ben Carter/ });
    await user.keyboard('{ArrowDown}{Enter}');
    // The API refuses a purpose of spaces; its message (keyed "Agreement.Purpose") lands under Purpose.
    await user.type(form.getByRole('textbox', { name: 'Purpose' }), '   ');
    let attempts = 0;
    server.on('POST /api/pairs', (r) =>
      attempts++ === 0
        ? {
            status: 400,
            headers: problemJson,
            json: { title: 'One or more validation errors occurred.', status: 400, errors: { 'Agreement.Purpose': ['The purpose is 1-500 characters.'] } },
          }
        : backend.propose(r),
    );
    const purpose = form.getByRole('textbox', { name: 'Purpose' });
    await user.clear(purpose);
    await user.type(purpose, 'x');
    await user.click(form.getByRole('button', { name: 'Propose' }));
    expect(await form.findByText('The purpose is 1-500 characters.')).toBeVisible();
    expect(purpose).toHaveAttribute('aria-invalid', 'true');
    expect(purpose).toHaveValue('x');

    // Fixed: proposed, shown open and waiting for Ben.
    await user.clear(purpose);
    await user.type(purpose, 'Learn to lead design reviews');
    await user.type(form.getByRole('textbox', { name: 'Boundaries' }), 'No reviews of each other');
    await user.click(form.getByRole('button', { name: 'Propose' }));
    const card = await pairCard('ben.carter');
    expect(within(card).getByText('Proposed')).toBeVisible();
    expect(within(card).getByText('Waiting for ben.carter to accept.')).toBeVisible();
    const sent = JSON.parse(server.requests.filter((r) => r.path === '/api/pairs' && r.method === 'POST').at(-1)?.body ?? '{}') as {
      peers: string[];
      agreement: Record<string, unknown>;
    };
    expect(sent.peers).toEqual(['ben.carter@contoso.dev']);
    expect(sent.agreement).toEqual({
      purpose: 'Learn to lead design reviews',
      cadence: 'every2Weeks',
      durationMinutes: 60,
      confidentiality: 'What we talk about stays between us unless we both agree otherwise.',
      boundaries: 'No reviews of each other',
      startDate: start,
      plannedEndDate: end,
    });
    expect(backend.pairs.size).toBe(1);
  });

  it('accepts, edits, pauses, resumes and closes a pair with a kind note after confirming', async () => {
    backend.addPair(makePair({ status: 'proposed', members: [{ ...anaMember, acceptedAt: null }, benMember] }));
    const user = userEvent.setup();
    renderView();
    const invitation = await pairCard('Ben Carter');
    expect(screen.getByRole('region', { name: 'An invitation for you' })).toContainElement(invitation);

    await user.click(within(invitation).getByRole('button', { name: 'Accept the agreement' }));
    // Accepted, it leaves the invitations for the list of pairs.
    await waitFor(() => expect(screen.queryByRole('region', { name: 'An invitation for you' })).toBeNull());
    const card = await pairCard('Ben Carter');
    expect(within(card).getByText('Active')).toBeVisible();
    expect(server.requests.find((r) => r.path === '/api/pairs/p1/accept')?.headers['if-match']).toBe('W/"p1-0"');
    expect(announced(within(screen.getByRole('region', { name: 'My pairs' })))).toContain('You and Ben Carter agreed: the pair is active.');

    await openAgreement(card);
    await user.click(within(card).getByRole('button', { name: 'Edit agreement' }));
    const edit = within(within(card).getByRole('form', { name: 'Edit the agreement' }));
    expect(edit.getByText('Saving a change asks Ben Carter to accept the agreement again.')).toBeVisible();
    await user.selectOptions(edit.getByRole('combobox', { name: 'Length' }), '45 minutes');
    await user.click(edit.getByRole('button', { name: 'Save agreement' }));
    expect(await within(card).findByText('Every 2 weeks · 45 minutes · 7 Dec 2026 – 7 Jun 2027')).toBeVisible();
    expect(within(card).getByText('Proposed')).toBeVisible();
    expect(within(card).getByText('Waiting for Ben Carter to accept.')).toBeVisible();

    // Ben accepts the new agreement just before Ana's close reaches the API: her pane has not seen it.
    backend.beforeChange = () => {
      backend.beforeChange = null;
      backend.peerChangesPair('p1', (p) => ({ ...p, status: 'active', members: p.members.map((m) => ({ ...m, acceptedAt: '2026-11-23T10:00:00Z' })) }));
    };
    await user.click(within(card).getByRole('button', { name: 'Close pair…' }));
    const close = within(within(card).getByRole('form', { name: 'Close this pair?' }));
    expect(close.getByText(/closing one is nobody’s fault/)).toBeVisible();
    expect(within(card).getByRole('heading', { name: 'Close this pair?' })).toHaveFocus();
    await user.click(close.getByRole('button', { name: 'Keep it open' }));
    expect(within(card).getByRole('button', { name: 'Close pair…' })).toHaveFocus();
    expect(backend.pair('p1').status).toBe('proposed');

    await user.click(within(card).getByRole('button', { name: 'Close pair…' }));
    const confirm = within(within(card).getByRole('form', { name: 'Close this pair?' }));
    await user.type(confirm.getByRole('textbox', { name: 'A note for your peers (optional)' }), 'Thank you, Ben!');
    await user.click(confirm.getByRole('button', { name: 'Close the pair' }));
    // Stale: Ben accepted meanwhile. The pane says so, keeps the note, and closes on request.
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('The pair is now active');
    expect(alert).toHaveTextContent('Your note is still in the form below.');
    expect(confirm.getByRole('textbox', { name: 'A note for your peers (optional)' })).toHaveValue('Thank you, Ben!');
    await user.click(within(alert).getByRole('button', { name: 'Close it anyway' }));
    expect(await screen.findByText('The pair with Ben Carter is closed. You find it under Closed pairs.')).toBeVisible();
    expect(backend.pair('p1').closingNote).toBe('Thank you, Ben!');
    const closed = await pairCard('Ben Carter');
    expect(within(closed).getByText('Closed')).toBeVisible();
    await openAgreement(closed);
    expect(within(closed).getByText(/Closed on .* by you\. “Thank you, Ben!”/)).toBeVisible();
    expect(within(closed).queryByRole('button', { name: 'Edit agreement' })).toBeNull();
  });

  it('pauses and resumes an active pair', async () => {
    backend.addPair(makePair());
    const user = userEvent.setup();
    renderView();
    const card = await pairCard('Ben Carter');
    await openAgreement(card);
    await user.click(within(card).getByRole('button', { name: 'Pause' }));
    expect(await within(card).findByText('Paused')).toBeVisible();
    await user.click(within(card).getByRole('button', { name: 'Resume' }));
    expect(await within(card).findByText('Active')).toBeVisible();
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/pairs/p1/pause', '/api/pairs/p1/resume']);
  });

  it('adds a goal and moves my own progress', async () => {
    seedActivePair();
    const user = userEvent.setup();
    renderView();
    const goals = within(await within(await pairCard('Ben Carter')).findByRole('region', { name: 'Goals' }));
    const mine = within(await goals.findByRole('group', { name: 'Your goals' }));

    await user.click(mine.getByRole('button', { name: 'Update progress' }));
    const slider = mine.getByRole('slider', { name: 'Progress: 40%' });
    // jsdom does not step a range input with arrow keys (browsers do); set it as the browser would.
    fireEvent.change(slider, { target: { value: '50' } });
    expect(mine.getByRole('slider', { name: 'Progress: 50%' })).toBe(slider);
    await user.click(mine.getByRole('button', { name: 'Save progress' }));
    await waitFor(() => expect(mine.getByRole('progressbar', { name: 'Progress of Run a design review' })).toHaveAttribute('aria-valuenow', '50'));
    expect(mine.getByText('50%')).toBeVisible();
    expect(patches()[0]?.headers['if-match']).toBe('W/"g1-0"');
    expect(JSON.parse(patches()[0]?.body ?? '{}')).toEqual({ progress: 50 });

    await user.click(goals.getByRole('button', { name: 'Add a goal' }));
    const form = within(goals.getByRole('form', { name: 'A new goal' }));
    await user.click(form.getByRole('button', { name: 'Add goal' }));
    expect(await form.findByText('Name the goal.')).toBeVisible();
    await user.type(form.getByRole('textbox', { name: 'Goal' }), 'Mentor a new joiner');
    await user.type(form.getByRole('textbox', { name: 'How you will measure it' }), 'They ship their first feature');
    await user.click(form.getByRole('button', { name: 'Add goal' }));
    const progress = await mine.findByRole('progressbar', { name: 'Progress of Mentor a new joiner' });
    expect(progress).toHaveAttribute('aria-valuenow', '0');
  });

  it('re-applies only my own agreement edits on top of a peer’s newer version', async () => {
    backend.addPair(makePair());
    const user = userEvent.setup();
    renderView();
    const card = await pairCard('Ben Carter');
    await openAgreement(card);
    await user.click(within(card).getByRole('button', { name: 'Edit agreement' }));
    const edit = within(within(card).getByRole('form', { name: 'Edit the agreement' }));
    await user.selectOptions(edit.getByRole('combobox', { name: 'Length' }), '45 minutes');

    // Ben rewrites the purpose meanwhile.
    backend.peerChangesPair('p1', (p) => ({ ...p, agreement: { ...p.agreement, purpose: 'Grow as leads and as writers' } }));
    await user.click(edit.getByRole('button', { name: 'Save agreement' }));
    const alert = await within(card).findByRole('alert');
    expect(within(within(alert).getByRole('list', { name: 'What changed' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Purpose: “Grow as leads and as writers”',
    ]);
    expect(alert).toHaveTextContent('Your edits are still in the form below.');
    // My length stays; the purpose I did not touch now reads as Ben left it, and the card shows his version.
    expect(edit.getByRole('combobox', { name: 'Length' })).toHaveValue('45');
    expect(edit.getByRole('textbox', { name: 'Purpose' })).toHaveValue('Grow as leads and as writers');
    expect(within(card).getAllByRole('definition')[0]).toHaveTextContent('Grow as leads and as writers');

    await user.click(within(alert).getByRole('button', { name: 'Save my version' }));
    await waitFor(() => expect(backend.pair('p1').agreement.durationMinutes).toBe(45));
    expect(backend.pair('p1').agreement.purpose).toBe('Grow as leads and as writers');
    const puts = server.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]?.headers['if-match']).not.toBe(puts[0]?.headers['if-match']);
    expect(await within(card).findByText('Every 2 weeks · 45 minutes · 7 Dec 2026 – 7 Jun 2027')).toBeVisible();
  });

  it('keeps my progress when a goal changed meanwhile and saves it on request', async () => {
    seedActivePair();
    const user = userEvent.setup();
    renderView();
    const mine = within(await within(await within(await pairCard('Ben Carter')).findByRole('region', { name: 'Goals' })).findByRole('group', { name: 'Your goals' }));
    await user.click(mine.getByRole('button', { name: 'Update progress' }));
    fireEvent.change(mine.getByRole('slider', { name: 'Progress: 40%' }), { target: { value: '70' } });

    // The same goal, changed from another device of mine.
    const goal = backend.goals.get('g1');
    if (!goal) throw new Error('seeded goal missing');
    backend.goals.set('g1', { ...goal, targetDate: '2027-04-01', etag: 'W/"g1-other"' });
    server.on('PATCH /api/pairs/p1/goals/g1', (r) =>
      r.headers['if-match'] === 'W/"g1-other"'
        ? { json: { ...backend.goals.get('g1'), ...(JSON.parse(r.body) as object), etag: 'W/"g1-saved"' } }
        : { status: 412, headers: problemJson, json: { title: 'Changed', status: 412, current: backend.goals.get('g1'), changed: ['targetDate'] } },
    );
    await user.click(mine.getByRole('button', { name: 'Save progress' }));
    const alert = await mine.findByRole('alert');
    expect(alert).toHaveTextContent('The target date is now Thu 1 Apr 2027');
    expect(alert).toHaveTextContent('Your 70% is still set below.');
    expect(mine.getByText('By Thu 1 Apr 2027')).toBeVisible();
    await user.click(within(alert).getByRole('button', { name: 'Save my progress' }));
    await waitFor(() => expect(mine.getByRole('progressbar', { name: 'Progress of Run a design review' })).toHaveAttribute('aria-valuenow', '70'));
    expect(JSON.parse(patches().at(-1)?.body ?? '{}')).toEqual({ progress: 70 });
  });

  it('shows the next session in my time with whose turn it is, a link to its agenda, and a short history', async () => {
    backend.addPair(makePair());
    backend.summaries.set('p1', {
      nextSession: { sessionId: 's7', start: '2026-12-15T15:00:00Z', end: '2026-12-15T16:00:00Z', focusUserId: 'ben-id', seriesId: 'e1' },
      sessionsHeld: 3,
      commitments: { open: 4, overdue: 1, done: 2, dropped: 1 },
      goals: { active: 2, achieved: 1, averageProgress: 45 },
    });
    const user = userEvent.setup();
    renderView();
    const card = await pairCard('Ben Carter');
    const facts = within(await within(card).findByRole('list', { name: 'Next session and history' }));

    // Ana reads it in São Paulo: 15:00Z is 12:00 there, and the zone is named as people name it.
    expect(facts.getByText(/^Next: Tue 15 Dec 2026, 12:00–13:00/)).toBeVisible();
    expect(facts.getByText('(Brasilia Standard Time)')).toBeVisible();
    expect(facts.getByText('Ben’s turn to bring a challenge')).toBeVisible();
    expect(facts.getByText('3 sessions held · Commitments: 2 done, 4 open (1 overdue) · Goals: 2 under way, 45% there on average, 1 achieved')).toBeVisible();
    const link = facts.getByRole('link', { name: 'Open the agenda' });
    expect(link).toHaveAttribute('href', '#agenda/p1/s7');
    await user.click(link);
    expect(agendaOpened).toEqual([{ pairId: 'p1', sessionId: 's7' }]);
    // A plain click stays in the pane: the page's address did not change.
    expect(window.location.hash).toBe('');
  });

  it('says when nothing is planned yet and asks no summary of a pair still being agreed', async () => {
    backend.addPair(makePair());
    backend.addPair(makePair({ id: 'p2', etag: 'W/"p2-0"', status: 'proposed', members: [anaMember, { ...benMember, userId: 'chloe-id', displayName: 'Chloé Martin', mail: 'chloe.martin@contoso.dev', acceptedAt: null }] }));
    renderView();
    const active = await pairCard('Ben Carter');
    expect(await within(active).findByText('No session planned yet. Find a time on the Schedule tab.')).toBeVisible();
    expect(within(active).getByText('No sessions held yet')).toBeVisible();
    const proposed = await pairCard('Chloé Martin');
    expect(within(proposed).getByText('Waiting for Chloé Martin to accept.')).toBeVisible();
    expect(within(proposed).queryByRole('list', { name: 'Next session and history' })).toBeNull();
    expect(server.requests.filter((r) => r.path.endsWith('/summary')).map((r) => r.path)).toEqual(['/api/pairs/p1/summary']);
  });

  it('keeps the agreement open while an acceptance is pending and folds it once everyone accepted', async () => {
    backend.addPair(makePair({ status: 'proposed', members: [anaMember, { ...benMember, acceptedAt: null }] }));
    renderView();
    const card = await pairCard('Ben Carter');
    expect(within(card).getByRole('button', { name: 'Agreement' })).toHaveAttribute('aria-expanded', 'true');
    expect(within(card).getByRole('region', { name: 'Agreement' })).toBeVisible();
    expect(within(card).getByText('Waiting for Ben Carter to accept.')).toBeVisible();

    // Ben accepts in his own pane; Ana comes back to hers.
    backend.peerChangesPair('p1', (p) => ({ ...p, status: 'active', members: p.members.map((m) => ({ ...m, acceptedAt: '2026-11-23T10:00:00Z' })) }));
    const listsBefore = server.requests.filter((r) => r.path === '/api/pairs').length;
    // Ana leaves the pane and comes back: a return fires both the window's focus and the page becoming visible. One refresh.
    fireEvent.blur(window);
    fireEvent.focus(window);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(await within(card).findByText('Active')).toBeVisible();
    expect(within(card).queryByText('Waiting for Ben Carter to accept.')).toBeNull();
    expect(within(card).getByRole('button', { name: 'Agreement' })).toHaveAttribute('aria-expanded', 'false');
    expect(within(card).queryByRole('region', { name: 'Agreement' })).toBeNull();
    expect(await within(card).findByText('No session planned yet. Find a time on the Schedule tab.')).toBeVisible();
    expect(server.requests.filter((r) => r.path === '/api/pairs').length).toBe(listsBefore + 1);
  });

  const chloe = { userId: 'chloe-id', mail: 'chloe.martin@contoso.dev', displayName: 'Chloé Martin', acceptedAt: '2026-11-22T09:00:00Z' };
  const dev = { userId: 'dev-id', mail: 'dev.sharma@contoso.dev', displayName: 'Dev Sharma', acceptedAt: '2026-11-22T09:00:00Z' };
  function seedInvitations() {
    backend.addPair(makePair());
    backend.addPair(makePair({ id: 'p2', etag: 'W/"p2-0"', status: 'proposed', proposedBy: 'chloe-id', members: [chloe, { ...anaMember, acceptedAt: null }] }));
    backend.addPair(makePair({ id: 'p3', etag: 'W/"p3-0"', status: 'proposed', proposedBy: 'dev-id', members: [dev, { ...anaMember, acceptedAt: null }] }));
  }

  it('shows invitations first, opened, and an accepted one joins my pairs', async () => {
    seedInvitations();
    const user = userEvent.setup();
    renderView();

    const invitations = await screen.findByRole('region', { name: '2 invitations for you' });
    const myPairs = screen.getByRole('heading', { name: 'My pairs' });
    // Before anything else in My peers, the propose button included.
    expect(invitations.compareDocumentPosition(myPairs) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(invitations.compareDocumentPosition(screen.getByRole('button', { name: 'Propose a pair' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const fromChloe = within(invitations).getByRole('article', { name: 'Chloé Martin' });
    expect(within(fromChloe).getByText('Chloé Martin invites you to meet as peers. Read the agreement, then accept or decline it.')).toBeVisible();
    expect(within(fromChloe).getByRole('region', { name: 'Agreement' })).toBeVisible();
    expect(within(fromChloe).getByRole('button', { name: 'Decline…' })).toBeVisible();
    expect(within(fromChloe).queryByRole('button', { name: 'Close pair…' })).toBeNull();

    await user.click(within(fromChloe).getByRole('button', { name: 'Accept the agreement' }));
    expect(await screen.findByRole('region', { name: 'An invitation for you' })).toBeVisible();
    const accepted = await pairCard('Chloé Martin');
    expect(within(accepted).getByText('Active')).toBeVisible();
    expect(within(screen.getByRole('region', { name: 'An invitation for you' })).queryByRole('article', { name: 'Chloé Martin' })).toBeNull();
  });

  it('declines an invitation after asking, and it leaves the invitations for the closed pairs', async () => {
    seedInvitations();
    const user = userEvent.setup();
    renderView();

    const invitations = await screen.findByRole('region', { name: '2 invitations for you' });
    const fromDev = within(invitations).getByRole('article', { name: 'Dev Sharma' });
    await user.click(within(fromDev).getByRole('button', { name: 'Decline…' }));
    const ask = await findDialog('Decline this invitation?');
    expect(ask).toHaveTextContent('Dev Sharma will see the pair as closed.');
    await user.click(within(ask).getByRole('button', { name: 'Decline', hidden: true }));
    expect(await screen.findByText('The pair with Dev Sharma is closed. You find it under Closed pairs.')).toBeVisible();
    const close = server.requests.find((r) => r.path === '/api/pairs/p3/close');
    expect(close?.headers['if-match']).toBe('W/"p3-0"');
    expect(JSON.parse(close?.body ?? '{}')).toEqual({ note: '' });
    expect(within(screen.getByRole('region', { name: 'An invitation for you' })).queryByRole('article', { name: 'Dev Sharma' })).toBeNull();
  });

  it('asks to sign in again when the API no longer accepts the session', async () => {
    server.on('GET /api/pairs', () => ({ status: 401, headers: problemJson, json: { title: 'Unauthorized', status: 401 } }));
    renderView();
    expect(await screen.findByRole('alert')).toHaveTextContent('Your sign-in has expired.');
    expect(signInNeeded).toBe(1);
  });
});
