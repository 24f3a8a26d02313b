import type { Pair } from '../../src/api/pairTypes';
import type { Series } from '../../src/api/seriesTypes';
import { ana, ben } from './slots';

export const anaId = 'ana-oid';
export const benId = 'ben-oid';

export function activePair(overrides: Partial<Pair> = {}): Pair {
  return {
    id: 'p_ab12',
    etag: 'W/"1"',
    status: 'active',
    members: [
      { userId: anaId, mail: ana.mail, displayName: ana.displayName, acceptedAt: '2026-11-01T10:00:00Z' },
      { userId: benId, mail: ben.mail, displayName: ben.displayName, acceptedAt: '2026-11-02T10:00:00Z' },
    ],
    agreement: {
      purpose: 'Grow as engineering leads',
      cadence: 'every2Weeks',
      durationMinutes: 60,
      confidentiality: 'What we talk about stays between us.',
      boundaries: '',
      startDate: '2026-12-01',
      plannedEndDate: '2027-06-01',
    },
    proposedBy: anaId,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-02T10:00:00Z',
    closedAt: null,
    closedBy: null,
    closingNote: null,
    ...overrides,
  };
}

export function seriesFor(pairId: string, overrides: Partial<Series> = {}): Series {
  return {
    id: 'e_s1',
    etag: 'W/"s1"',
    pairId,
    status: 'active',
    organizerId: anaId,
    subject: 'Peer mentoring: Ana & Ben',
    anchorTimeZone: 'America/Sao_Paulo',
    anchorWindowsTimeZone: 'E. South America Standard Time',
    firstStart: '2026-12-01T12:00:00',
    durationMinutes: 60,
    cadence: 'every2Weeks',
    pattern: { type: 'weekly', interval: 2, daysOfWeek: ['tuesday'], index: null },
    end: { sessions: null, date: '2027-06-01' },
    firstFocusUserId: anaId,
    event: { id: 'evt1', iCalUId: 'ical1', webLink: 'https://outlook.example/evt1', joinUrl: 'https://teams.example/join/1' },
    agenda: {
      notebookId: 'nb1',
      notebookWebUrl: 'https://onenote.example/nb1',
      sectionId: 'sec1',
      sharedWith: [{ mail: ben.mail, verified: true }],
    },
    firstSession: {
      id: 's_1',
      start: '2026-12-01T15:00:00Z',
      end: '2026-12-01T16:00:00Z',
      focusUserId: anaId,
      agendaPage: { id: 'pg1', title: 'Peer mentoring – 2026-12-01', webUrl: 'https://onenote.example/pg1', clientUrl: 'onenote:https://onenote.example/pg1' },
    },
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    endedAt: null,
    endMessage: null,
    ...overrides,
  };
}
