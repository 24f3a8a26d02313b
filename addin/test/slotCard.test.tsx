import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Suggestion, SuggestionsResponse } from '../src/api/types';
import type { AppointmentWriter, Attendee } from '../src/office';
import { OfficeError } from '../src/office';
import { SlotList } from '../src/schedule/SlotList';
import { directoryKey, slotView, withNames, type PersonLabel } from '../src/schedule/slotView';
import { ana, anaAnchor, ben, bina, makeSlot } from './support/slots';

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
      message: `${ben.mail}'s sessions on 9 Mar and 16 Mar 2027 start at 08:00, before working hours (clocks change).`,
    },
  ];
  return slot;
}

function response(suggestions: Suggestion[], hasComfortableSlots = true): SuggestionsResponse {
  return {
    organizer: ana.mail,
    window: { start: '2026-12-01T03:00:00Z', end: '2027-06-01T03:00:00Z' },
    participants: [ana, ben, bina].map((p) => ({ mail: p.mail, timeZone: p.timeZone })),
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
    expect(view.anchor).toBe('From Tue 1 Dec 2026 · 12:00 São Paulo time');
    expect(view.localTimes.map((l) => l.text)).toEqual([
      'Ana · Tue 12:00–13:00 São Paulo',
      'Ben · Tue 07:00–08:00 Seattle',
      'Bina · Tue 20:45–21:45 Kathmandu',
    ]);
    expect(view.localTimes.map((l) => l.offset)).toEqual(['UTC\u22123', 'UTC\u22128', 'UTC+5:45']);
    expect(view.conflicts).toBe('2 of 13 sessions clash');
    expect(view.outsideHours).toBe('1 of 13 sessions falls outside working hours');
    expect(view.warnings).toEqual([
      {
        kind: 'outsideWorkingHours',
        message: "Ben's sessions on 9 Mar and 16 Mar 2027 start at 08:00, before working hours (clocks change).",
        dates: '9 Mar and 16 Mar 2027',
      },
    ]);
    expect(view.occurrences[3]).toMatchObject({ when: 'Tue 12 Jan 2027 12:00', clashes: ['Ben (busy)'] });
    expect(view.occurrences[7]).toMatchObject({ clashes: ['Bina (away)'] });
    expect(view.occurrences[8]).toMatchObject({ outsideHours: ['Ben'] });
  });

  it('names a person by the zone city when the pane knows no place, and by mail when it knows no name', () => {
    const slot = makeSlot({ firstStartUtc: '2026-12-01T15:00:00Z', anchor: anaAnchor, participants: [ana, { mail: 'cy@contoso.dev', timeZone: 'Asia/Tokyo' }] });
    const view = slotView(slot, new Map(), [ana.mail], ana.timeZone);
    expect(view.localTimes.map((l) => l.text)).toEqual(['ana.souza · Tue 12:00–13:00 São Paulo', 'cy · Wed 00:00–01:00 Tokyo']);
  });

  it('leaves unknown addresses in messages alone', () => {
    expect(withNames('stranger@fabrikam.com and ben.carter@contoso.dev', people)).toBe('stranger@fabrikam.com and Ben');
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
      'Ben · Tue 07:00–08:00 Seattletime shifts',
      'Bina · Tue 20:45–21:45 Kathmandu',
    ]);
    expect(within(first).getByText('2 of 13 sessions clash')).toBeVisible();
    expect(within(first).getByText(/Ben's sessions on 9 Mar and 16 Mar 2027/)).toBeVisible();
    expect(within(first).getByText('Dates: 9 Mar and 16 Mar 2027')).toBeVisible();
    expect(within(first).queryByText('Comfortable')).toBeNull();

    expect(within(second).getByText('Comfortable')).toBeVisible();
    expect(within(second).getByText('No clashes in any session')).toBeVisible();
    expect(within(second).getByRole('heading', { level: 3 })).toHaveTextContent('Every 2 weeks on Wednesday, 13 sessions');
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

  it('says so when there is nothing to suggest', () => {
    renderList(response([], false));
    expect(screen.getByRole('status')).toHaveTextContent(/No recurring time works for everyone/);
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
    expect(sessions[0]).toHaveTextContent('Tue 1 Dec 2026 12:00');
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
