import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Suggestion, SuggestionsResponse } from '../src/api/types';
import type { AppointmentWriter, Attendee } from '../src/office';
import { OfficeError } from '../src/office';
import { SlotList } from '../src/schedule/SlotList';
import { answerDirectory, directoryKey, slotView, withNames, type PersonLabel } from '../src/schedule/slotView';
import { ana, anaAnchor, ben, bina, makeSlot, participant } from './support/slots';

const people = new Map<string, PersonLabel>([
  [directoryKey(ana.mail), { displayName: ana.displayName, place: 'São Paulo' }],
  [directoryKey(ben.mail), { displayName: ben.displayName, place: 'Seattle' }],
  [directoryKey(bina.mail), { displayName: bina.displayName }],
]);

function slotWithIssues(): Suggestion {
  const slot = makeSlot({ firstStartUtc: '2026-12-01T15:00:00Z', anchor: anaAnchor, participants: [ben, ana, bina], count: 13, comfortable: false });
  slot.occurrences[3]!.conflicts = [{ mail: ben.mail, status: 'busy' }];
  slot.occurrences[7]!.conflicts = [{ mail: bina.mail, status: 'oof' }];
  slot.occurrences[8]!.outsideWorkingHours = [ben.mail];
  slot.conflictCount = 2;
  slot.outsideWorkingHoursCount = 1;
  slot.localTimes[0]!.shifts = true;
  slot.warnings = [
    {
      kind: 'outsideWorkingHours',
      mail: ben.mail,
      dates: ['2027-03-16', '2027-03-09'],
      message: "Ben Carter's sessions on 9 Mar and 16 Mar 2027 start at 08:00, before their working hours (08:30–17:00), because clocks change.",
    },
  ];
  return slot;
}

function response(suggestions: Suggestion[], hasComfortableSlots = true): SuggestionsResponse {
  return {
    organizer: ana.mail,
    window: { start: '2026-12-01T03:00:00Z', end: '2027-06-01T03:00:00Z' },
    participants: [ana, ben, bina].map((p) => participant({ mail: p.mail, timeZone: p.timeZone })),
    noSuggestionsReason: null,
    noSuggestionsDetail: null,
    hasComfortableSlots,
    suggestions,
  };
}

function renderList(data: SuggestionsResponse, writer: AppointmentWriter | null = null) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <SlotList response={data} people={people} viewerTimeZone={ana.timeZone} writer={writer} showOutlookHint={writer === null} />
    </FluentProvider>,
  );
}

class RecordingWriter implements AppointmentWriter {
  calls: { rank: number; attendees: readonly Attendee[]; subject: string }[] = [];
  constructor(private readonly failWith: unknown = null) {}
  useSlot(slot: Suggestion, attendees: readonly Attendee[], subjectIfEmpty: string) {
    this.calls.push({ rank: slot.rank, attendees, subject: subjectIfEmpty });
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve({ plan: {} as never, addedAttendees: [], subjectSet: true });
  }
}

describe('slotView', () => {
  it('says the pattern, the anchor and every local time, organizer first', () => {
    const view = slotView(slotWithIssues(), people, [ana.mail, ben.mail, bina.mail], ana.timeZone);
    expect(view.title).toBe('Every 2 weeks on Tuesday, 13 sessions');
    // The anchor zone belongs to no one in particular: its generic name (CLDR, through Intl), never a city.
    expect(view.anchor).toBe('From Tue 1 Dec 2026 · 12:00 Brasilia Standard Time');
    expect(view.localTimes.map((l) => l.text)).toEqual([
      'Ana · Tue 12:00–13:00 São Paulo',
      'Ben · Tue 07:00–08:00 Seattle',
      'Bina · Tue 20:45–21:45 Nepal Time',
    ]);
    expect(view.localTimes.map((l) => l.offset)).toEqual(['UTC\u22123', 'UTC\u22128', 'UTC+5:45']);
    expect(view.conflicts).toBe('2 of 13 sessions clash');
    expect(view.outsideHours).toBe('1 of 13 sessions falls outside working hours');
    expect(view.warnings).toEqual([
      {
        kind: 'outsideWorkingHours',
        message: "Ben Carter's sessions on 9 Mar and 16 Mar 2027 start at 08:00, before their working hours (08:30–17:00), because clocks change.",
        caution: true,
      },
    ]);
    // Every time in the list names its zone: the viewer's office.
    expect(view.occurrences[3]).toMatchObject({ when: 'Tue 12 Jan 2027, 12:00 São Paulo time', clashes: ['Ben (busy)'] });
    expect(view.occurrences[7]).toMatchObject({ clashes: ['Bina (away)'] });
    expect(view.occurrences[8]).toMatchObject({ outsideHours: ['Ben'] });
  });

  it('says whose time a clock change moves, by how much and when, as news rather than a warning', () => {
    // Weekly from Tue 23 Feb 2027 at 15:00Z: Seattle moves to summer time on 14 Mar, São Paulo keeps its clock.
    const slot = makeSlot({ firstStartUtc: '2027-02-23T15:00:00Z', anchor: anaAnchor, participants: [ana, ben], count: 8, intervalWeeks: 1 });
    slot.localTimes[1]!.shifts = true;
    slot.warnings = [{ kind: 'localTimeShifts', mail: ben.mail, dates: [], message: 'Ben Carter’s start moves from 07:00 to 08:00 because clocks change.' }];
    const view = slotView(slot, people, [ana.mail, ben.mail], ana.timeZone);
    expect(view.warnings).toEqual([
      {
        kind: 'localTimeShifts',
        message: 'Ben’s sessions start 1 hour later, at 08:00 instead of 07:00 Seattle time, from 16 Mar 2027 to 13 Apr 2027 (5 sessions), because clocks change on different dates.',
        caution: false,
      },
    ]);
    // Inside everyone's hours all along: still comfortable, and the card says so without a warning beside it.
    expect(view.comfortable).toBe(true);
  });

  it('says each public holiday on its own line, with whose it is and their date', () => {
    const slot = makeSlot({ firstStartUtc: '2026-11-05T18:00:00Z', anchor: anaAnchor, participants: [ana, ben], day: 'thursday', count: 9 });
    slot.warnings = [
      {
        kind: 'publicHoliday',
        mail: ben.mail,
        dates: ['2026-11-26', '2027-11-11'],
        message: "Ben Carter's sessions on 26 Nov 2026 and 11 Nov 2027 fall on public holidays: Thanksgiving and Veteran's Day (US).",
        holidays: [
          { date: '2026-11-26', name: 'Thanksgiving', country: 'US' },
          { date: '2027-11-11', name: "Veteran's Day", country: 'US' },
        ],
      },
    ];
    const view = slotView(slot, people, [ana.mail, ben.mail], ana.timeZone);
    expect(view.warnings).toEqual([
      { kind: 'publicHoliday', message: 'Thanksgiving (US) for Ben \u2014 Thu 26 Nov', caution: true },
      { kind: 'publicHoliday', message: "Veteran's Day (US) for Ben \u2014 Thu 11 Nov", caution: true },
    ]);
    // A holiday is a caution: a card with one is not "comfortable", though every session is inside everyone's hours.
    expect(slotView({ ...slot, comfortable: true }, people, [ana.mail], ana.timeZone).comfortable).toBe(false);

    // Without its holidays (an older answer), the service's sentence stands.
    slot.warnings = [{ ...slot.warnings[0]!, holidays: null }];
    expect(slotView(slot, people, [ana.mail], ana.timeZone).warnings.map((w) => w.message)).toEqual([
      "Ben Carter's sessions on 26 Nov 2026 and 11 Nov 2027 fall on public holidays: Thanksgiving and Veteran's Day (US).",
    ]);
  });

  it('is never "comfortable" beside a caution', () => {
    const slot = { ...slotWithIssues(), comfortable: true };
    expect(slotView(slot, people, [ana.mail], ana.timeZone).comfortable).toBe(false);
  });

  it('names a zone by its generic name when the pane knows no office, and a person by mail when it knows no name', () => {
    const slot = makeSlot({ firstStartUtc: '2026-12-01T15:00:00Z', anchor: anaAnchor, participants: [ana, { mail: 'cy@contoso.dev', timeZone: 'Asia/Tokyo' }] });
    const view = slotView(slot, new Map(), [ana.mail], ana.timeZone);
    expect(view.localTimes.map((l) => l.text)).toEqual(['ana.souza · Tue 12:00–13:00 Brasilia Standard Time', 'cy · Wed 00:00–01:00 Japan Standard Time']);
    expect(view.occurrences[0]?.when).toBe('Tue 1 Dec 2026, 12:00 Brasilia Standard Time');
  });

  it('names people in messages by full name when the service could only give their address, and leaves unknown addresses alone', () => {
    expect(withNames("stranger@fabrikam.com and ben.carter@contoso.dev's sessions", people)).toBe("stranger@fabrikam.com and Ben Carter's sessions");
    expect(withNames("Ben Carter's sessions", people)).toBe("Ben Carter's sessions");
  });

  it('takes names and offices from the answer first, then from what the pane knew', () => {
    const answer: SuggestionsResponse = {
      ...response([]),
      participants: [
        participant({ mail: ana.mail, timeZone: ana.timeZone }),
        participant({ mail: 'BEN.CARTER@contoso.dev', timeZone: ben.timeZone, displayName: 'Benjamin Carter', officeLocation: 'Redmond' }),
        participant({ mail: 'cy@contoso.dev', timeZone: 'Asia/Tokyo', displayName: 'Cy Ito', officeLocation: null }),
      ],
    };
    const merged = answerDirectory(answer, people);
    expect(merged.get(directoryKey(ana.mail))).toEqual({ displayName: 'Ana Souza', place: 'São Paulo' });
    expect(merged.get(directoryKey(ben.mail))).toEqual({ displayName: 'Benjamin Carter', place: 'Redmond' });
    expect(merged.get('cy@contoso.dev')).toEqual({ displayName: 'Cy Ito', place: null });

    const slot = makeSlot({ firstStartUtc: '2026-12-01T15:00:00Z', anchor: anaAnchor, participants: [ana, ben, { mail: 'cy@contoso.dev', timeZone: 'Asia/Tokyo' }] });
    expect(slotView(slot, merged, [ana.mail], ana.timeZone).localTimes.map((l) => l.text)).toEqual([
      'Ana · Tue 12:00–13:00 São Paulo',
      'Benjamin · Tue 07:00–08:00 Redmond',
      'Cy · Wed 00:00–01:00 Japan Standard Time',
    ]);
  });
});

describe('SlotList', () => {
  it('shows each slot as an article with both people’s local times, clashes, warnings with dates and the comfortable badge', () => {
    const comfortable = makeSlot({ firstStartUtc: '2026-12-02T16:00:00Z', anchor: anaAnchor, participants: [ana, ben], day: 'wednesday', rank: 2 });
    renderList(response([{ ...slotWithIssues(), rank: 1 }, comfortable]));

    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(2);
    const [first, second] = cards as [HTMLElement, HTMLElement];
    expect(within(first).getByRole('heading', { level: 3 })).toHaveTextContent('Every 2 weeks on Tuesday, 13 sessions');
    const times = within(within(first).getByRole('list', { name: 'Local times' })).getAllByRole('listitem');
    expect(times.map((t) => t.textContent)).toEqual([
      'Ana · Tue 12:00–13:00 São Paulo',
      'Ben · Tue 07:00–08:00 Seattle',
      'Bina · Tue 20:45–21:45 Nepal Time',
    ]);
    expect(within(first).getByText('2 of 13 sessions clash')).toBeVisible();
    expect(within(first).getByText(/Ben Carter's sessions on 9 Mar and 16 Mar 2027/)).toBeVisible();
    // One line per fact: the message, and the dates once more only in the list of all sessions.
    expect(within(first).queryByText(/^All dates/)).toBeNull();
    expect(within(first).queryByText(/time shifts/)).toBeNull();
    expect(within(first).queryByText('Comfortable')).toBeNull();

    expect(within(second).getByText('Comfortable')).toBeVisible();
    expect(within(second).getByText('No clashes in any session')).toBeVisible();
    expect(within(second).getByRole('heading', { level: 3 })).toHaveTextContent('Every 2 weeks on Wednesday, 13 sessions');
  });

  it('shows a public holiday on the slot card as a warning naming the person and their date', () => {
    const slot = makeSlot({ firstStartUtc: '2026-11-05T18:00:00Z', anchor: anaAnchor, participants: [ana, ben], day: 'thursday', count: 9 });
    slot.warnings = [
      {
        kind: 'publicHoliday',
        mail: ben.mail,
        dates: ['2026-11-26'],
        message: "Ben Carter's session on 26 Nov 2026 falls on a public holiday: Thanksgiving (US).",
        holidays: [{ date: '2026-11-26', name: 'Thanksgiving', country: 'US' }],
      },
    ];
    renderList(response([slot]));

    const card = screen.getByRole('article');
    const warning = within(card).getByTestId('slot-warning');
    expect(warning).toHaveAttribute('data-kind', 'publicHoliday');
    expect(warning).toHaveTextContent('Thanksgiving (US) for Ben \u2014 Thu 26 Nov');
    expect(within(card).queryByText('Comfortable')).toBeNull();
  });

  it('has no "Use this time" outside Outlook, and says where it lives', () => {
    renderList(response([slotWithIssues()]));
    expect(screen.queryByRole('button', { name: 'Use this time' })).toBeNull();
    expect(screen.getByText(/open PeerMentor365 from a new meeting in Outlook/)).toBeVisible();
  });

  it('warns when no slot is comfortable for everyone', () => {
    renderList(response([slotWithIssues()], false));
    expect(screen.getByText(/No time fits everyone’s working hours/)).toBeVisible();
  });

  it('says so when there is nothing to suggest, even without a reason from the service', () => {
    renderList(response([], false));
    expect(screen.getByRole('status')).toHaveTextContent(/No time to suggest/);
    expect(screen.getByRole('status')).toHaveTextContent(/No recurring time works for everyone in the next months. Try fewer people in one series, or a shorter session./);
    expect(screen.queryByRole('button', { name: /^Try/ })).toBeNull();
  });

  it('shows the service’s reason and offers the longest shorter session the form has', async () => {
    const user = userEvent.setup();
    const lengths: number[] = [];
    const reason =
      "A 60-minute session fits within 3 hours of everyone's working hours on some days, but no series every 2 weeks keeps every session there once clocks change. A 50-minute series every 2 weeks fits: try that, or fewer people in one series.";
    render(
      <FluentProvider theme={webLightTheme}>
        <SlotList
          response={{ ...response([], false), noSuggestionsReason: reason, noSuggestionsDetail: { cause: 'seriesCannotRecur', participants: [], shorterSessionMinutes: 50, smallerGroups: [] } }}
          people={people}
          viewerTimeZone={ana.timeZone}
          writer={null}
          showOutlookHint
          onTryLength={(minutes) => lengths.push(minutes)}
        />
      </FluentProvider>,
    );

    const bar = screen.getByTestId('no-suggestions');
    expect(bar).toHaveAttribute('role', 'status');
    expect(bar).toHaveTextContent(reason);
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    await user.click(within(bar).getByRole('button', { name: 'Try 45 minutes' }));
    expect(lengths).toEqual([45]);
  });

  it('names people in the reason when the service could only give addresses, and offers no length when none would help', () => {
    renderList({
      ...response([], false),
      noSuggestionsReason: 'No time keeps everyone within 3 hours of their working hours: ben.carter@contoso.dev works Monday and bina.shrestha@contoso.dev Tuesday, and those days never line up across the time difference. Try another peer.',
      noSuggestionsDetail: { cause: 'workingDaysNeverMeet', participants: [ben.mail, bina.mail], shorterSessionMinutes: null, smallerGroups: [] },
    });
    expect(screen.getByTestId('no-suggestions')).toHaveTextContent('Ben Carter works Monday and Bina Shrestha Tuesday');
    expect(screen.queryByRole('button', { name: /^Try/ })).toBeNull();
  });

  it('opens every session’s date from the keyboard', async () => {
    const user = userEvent.setup();
    renderList(response([slotWithIssues()]));
    const toggle = screen.getByRole('button', { name: 'All 13 dates' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.tab();
    while (document.activeElement !== toggle) await user.tab();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const sessions = within(screen.getByRole('list', { name: 'All sessions' })).getAllByRole('listitem');
    expect(sessions).toHaveLength(13);
    expect(sessions[0]).toHaveTextContent('Tue 1 Dec 2026, 12:00 São Paulo time');
    expect(sessions[3]).toHaveTextContent('Clash: Ben (busy)');
    await user.keyboard(' ');
    expect(screen.queryByRole('list', { name: 'All sessions' })).toBeNull();
  });

  it('inside an Outlook meeting, "Use this time" writes the slot with the peers as attendees', async () => {
    const user = userEvent.setup();
    const writer = new RecordingWriter();
    const second = makeSlot({ firstStartUtc: '2026-12-02T16:00:00Z', anchor: anaAnchor, participants: [ana, ben, bina], rank: 2 });
    renderList(response([slotWithIssues(), second]), writer);

    const buttons = screen.getAllByRole('button', { name: 'Use this time' });
    expect(buttons).toHaveLength(2);
    expect(buttons[1]).toHaveAccessibleDescription('Every 2 weeks on Tuesday, 13 sessions');
    await user.click(buttons[1]!);
    expect(await screen.findByText('Added to your meeting: attendees, time and recurrence.')).toBeVisible();
    expect(writer.calls).toEqual([
      {
        rank: 2,
        attendees: [
          { emailAddress: ben.mail, displayName: 'Ben Carter' },
          { emailAddress: bina.mail, displayName: 'Bina Shrestha' },
        ],
        subject: 'Peer mentoring: Ana, Ben, Bina',
      },
    ]);
  });

  it('shows Outlook’s refusal in words', async () => {
    const user = userEvent.setup();
    renderList(response([slotWithIssues()]), new RecordingWriter(new OfficeError('asyncFailed', 'Outlook could not set the recurrence: The end time is invalid.', 'InvalidEndTime')));
    await user.click(screen.getByRole('button', { name: 'Use this time' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Outlook could not set the recurrence: The end time is invalid.');
  });
});
