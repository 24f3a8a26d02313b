import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Me, SuggestionsResponse } from '../src/api/types';
import { ScheduleView } from '../src/schedule/ScheduleView';
import { ana, anaAnchor, ben, makeSlot, participant } from './support/slots';
import { problemJson, startStubServer, type StubServer } from './support/stubServer';
import { InPane, paneContextFor } from './support/paneContext';


const me: Me = { id: 'ana', displayName: ana.displayName, mail: ana.mail, timeZone: ana.timeZone, windowsTimeZone: 'E. South America Standard Time', officeLocation: null };
const directory = [
  { id: 'ben', displayName: 'Ben Carter', mail: ben.mail, jobTitle: 'Senior Software Engineer' },
  { id: 'bea', displayName: 'Beatriz Lima', mail: 'beatriz.lima@contoso.dev', jobTitle: 'Designer' },
];

function suggestionsFor(peers: string[]): SuggestionsResponse {
  return {
    organizer: ana.mail,
    window: { start: '2026-12-01T03:00:00Z', end: '2027-06-01T03:00:00Z' },
    participants: [ana, ben].map((p) => participant({ mail: p.mail, timeZone: p.timeZone })),
    noSuggestionsReason: null,
    noSuggestionsDetail: null,
    hasComfortableSlots: true,
    suggestions: peers.includes(ben.mail)
      ? [
          makeSlot({ firstStartUtc: '2026-12-01T15:00:00Z', anchor: anaAnchor, participants: [ana, ben], rank: 1 }),
          makeSlot({ firstStartUtc: '2026-12-03T16:00:00Z', anchor: anaAnchor, participants: [ana, ben], rank: 2, day: 'thursday' }),
        ]
      : [],
  };
}

let server: StubServer;

beforeEach(async () => {
  server = await startStubServer({
    'GET /api/people': (r) => {
      const search = (r.query.get('search') ?? '').toLowerCase();
      return { json: { people: directory.filter((p) => p.displayName.toLowerCase().includes(search) || p.mail.includes(search)) } };
    },
    'POST /api/suggestions': (r) => ({ json: suggestionsFor((JSON.parse(r.body) as { peers: string[] }).peers) }),
  });
});
afterEach(() => server.close());

function renderView() {
  return render(
    <FluentProvider theme={webLightTheme}>
      <InPane value={paneContextFor(server.origin, me)}>
        <ScheduleView writer={null} showOutlookHint />
      </InPane>
    </FluentProvider>,
  );
}

const suggestionRequests = () => server.requests.filter((r) => r.path === '/api/suggestions').map((r) => JSON.parse(r.body) as Record<string, unknown>);

async function pickBen(user: ReturnType<typeof userEvent.setup>) {
  const search = screen.getByRole('combobox', { name: 'Search people' });
  await user.click(search);
  await user.keyboard('Ben');
  const option = await screen.findByRole('option', { name: /Ben Carter/ });
  expect(option).toHaveTextContent('Senior Software Engineer');
  await user.keyboard('{ArrowDown}');
  await user.keyboard('{Enter}');
  expect(within(screen.getByRole('listbox', { name: 'Chosen peers' })).getByText('Ben Carter')).toBeVisible();
}

describe('ScheduleView', () => {
  it('picks a peer with the keyboard from a directory search', async () => {
    const user = userEvent.setup();
    renderView();
    await pickBen(user);
    const searches = server.requests.filter((r) => r.path === '/api/people');
    expect(searches.at(-1)?.query.get('search')).toBe('Ben');
    expect(screen.getByRole('combobox', { name: 'Search people' })).toHaveValue('');
  });

  it('asks for a peer before searching, without calling the API', async () => {
    const user = userEvent.setup();
    renderView();
    await user.click(screen.getByRole('button', { name: 'Find times' }));
    expect(screen.getByText('Choose at least one peer.')).toBeVisible();
    expect(suggestionRequests()).toEqual([]);
  });

  it('asks for every 2 weeks and 60 minutes by default, and for what was chosen otherwise', async () => {
    const user = userEvent.setup();
    renderView();
    expect(screen.getByRole('combobox', { name: 'How often' })).toHaveValue('every2Weeks');
    expect(screen.getByRole('combobox', { name: 'Length' })).toHaveValue('60');
    await pickBen(user);

    await user.click(screen.getByRole('button', { name: 'Find times' }));
    expect(await screen.findAllByRole('article')).toHaveLength(2);
    expect(screen.getAllByRole('article')[0]).toHaveTextContent('Ben · Tue 07:00–08:00 Pacific Time');

    await user.selectOptions(screen.getByRole('combobox', { name: 'How often' }), 'Monthly (same weekday)');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Length' }), '1 h 30 min');
    await user.click(screen.getByRole('button', { name: 'Find times' }));
    await screen.findAllByRole('article');
    expect(suggestionRequests()).toEqual([
      { peers: [ben.mail], cadence: 'every2Weeks', durationMinutes: 60 },
      { peers: [ben.mail], cadence: 'monthly', durationMinutes: 90 },
    ]);
  });

  it('offers every cadence and length the product supports', () => {
    renderView();
    const cadences = within(screen.getByRole('combobox', { name: 'How often' })).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    expect(cadences).toEqual(['weekly', 'every2Weeks', 'every3Weeks', 'every4Weeks', 'monthly']);
    const lengths = within(screen.getByRole('combobox', { name: 'Length' })).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    expect(lengths).toEqual(['30', '45', '60', '75', '90', '120']);
  });

  it('shows a field error from the API next to that field', async () => {
    server.on('POST /api/suggestions', () => ({
      status: 400,
      headers: problemJson,
      json: { title: 'One or more validation errors occurred.', status: 400, errors: { durationMinutes: ['Sessions can be 15 to 120 minutes long.'] } },
    }));
    const user = userEvent.setup();
    renderView();
    await pickBen(user);
    await user.click(screen.getByRole('button', { name: 'Find times' }));
    const length = screen.getByRole('combobox', { name: 'Length' });
    await waitFor(() => expect(length).toHaveAttribute('aria-invalid', 'true'));
    expect(length).toHaveAccessibleDescription('Sessions can be 15 to 120 minutes long.');
    expect(screen.queryByRole('alert', { name: /./ })).toBeNull();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
  });

  it('shows an unknown peer next to the people picker', async () => {
    server.on('POST /api/suggestions', () => ({
      status: 400,
      headers: problemJson,
      json: { status: 400, errors: { peers: ['ben.carter@contoso.dev is not in your directory.'] } },
    }));
    const user = userEvent.setup();
    renderView();
    await pickBen(user);
    await user.click(screen.getByRole('button', { name: 'Find times' }));
    expect(await screen.findByText('ben.carter@contoso.dev is not in your directory.')).toBeVisible();
  });

  it('explains an empty answer and asks again with the shorter session the answer says would fit', async () => {
    const reason =
      "Everyone is within 3 hours of their working hours at the same time for at most 45 min, too short for a 60-minute session. Try a 45-minute session.";
    server.on('POST /api/suggestions', (r) => {
      const body = JSON.parse(r.body) as { peers: string[]; durationMinutes: number };
      return body.durationMinutes > 45
        ? {
            json: {
              ...suggestionsFor([]),
              noSuggestionsReason: reason,
              noSuggestionsDetail: { cause: 'sessionTooLong', participants: [], shorterSessionMinutes: 45 },
            },
          }
        : { json: suggestionsFor(body.peers) };
    });
    const user = userEvent.setup();
    renderView();
    await pickBen(user);
    await user.click(screen.getByRole('button', { name: 'Find times' }));

    const bar = await screen.findByTestId('no-suggestions');
    expect(bar).toHaveTextContent('No time to suggest');
    expect(bar).toHaveTextContent(reason);
    await user.click(within(bar).getByRole('button', { name: 'Try 45 minutes' }));

    expect(await screen.findAllByRole('article')).toHaveLength(2);
    expect(screen.getByRole('combobox', { name: 'Length' })).toHaveValue('45');
    expect(suggestionRequests()).toEqual([
      { peers: [ben.mail], cadence: 'every2Weeks', durationMinutes: 60 },
      { peers: [ben.mail], cadence: 'every2Weeks', durationMinutes: 45 },
    ]);
  });

  it('shows the names and offices the answer carries next to each local time', async () => {
    server.on('POST /api/suggestions', (r) => {
      const answer = suggestionsFor((JSON.parse(r.body) as { peers: string[] }).peers);
      answer.participants = [
        participant({ mail: ana.mail, timeZone: ana.timeZone, displayName: 'Ana Souza', officeLocation: 'São Paulo' }),
        participant({ mail: ben.mail, timeZone: ben.timeZone, displayName: 'Ben Carter', officeLocation: 'Seattle' }),
      ];
      return { json: answer };
    });
    const user = userEvent.setup();
    renderView();
    await pickBen(user);
    await user.click(screen.getByRole('button', { name: 'Find times' }));

    const [first] = await screen.findAllByRole('article');
    expect(within(first!).getAllByTestId('local-time').map((line) => line.textContent)).toEqual([
      'Ana · Tue 12:00–13:00 São Paulo',
      'Ben · Tue 07:00–08:00 Seattle',
    ]);
  });

  it('says when Microsoft 365 is busy and tries again on request', async () => {
    let calls = 0;
    server.on('POST /api/suggestions', (r) =>
      ++calls === 1
        ? { status: 503, headers: { ...problemJson, 'Retry-After': '7' }, json: { title: 'Service Unavailable', status: 503 } }
        : { json: suggestionsFor((JSON.parse(r.body) as { peers: string[] }).peers) },
    );
    const user = userEvent.setup();
    renderView();
    await pickBen(user);
    await user.click(screen.getByRole('button', { name: 'Find times' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Microsoft 365 is busy right now. Try again in 7 seconds.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByRole('article')).toHaveLength(2);
    expect(calls).toBe(2);
  });
});
