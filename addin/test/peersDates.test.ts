import { describe, expect, it } from 'vitest';
import { defaultAgreement, checkAgreement } from '../src/peers/AgreementFields';
import { addDays, addMonths, formatDate, formatDateRange, formatInstantDate, isCalendarDate, nextMonday, todayIn } from '../src/format/dates';
import { makePair } from './support/pairsBackend';
import { pairTitle } from '../src/peers/wording';

describe('calendar dates for pairs', () => {
  it('finds the next Monday (a Monday gives the following one)', () => {
    expect(nextMonday('2026-11-22')).toBe('2026-11-23'); // Sunday
    expect(nextMonday('2026-11-23')).toBe('2026-11-30'); // Monday
    expect(nextMonday('2026-11-28')).toBe('2026-11-30'); // Saturday
    expect(nextMonday('2026-12-29')).toBe('2027-01-04'); // across the year
  });

  it('adds months, ending on a shorter month’s last day', () => {
    expect(addMonths('2026-11-23', 6)).toBe('2027-05-23');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('reads "today" on the person’s own calendar, not the machine’s', () => {
    const instant = new Date('2026-11-23T01:30:00Z');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-11-22');
    expect(todayIn('Asia/Kathmandu', instant)).toBe('2026-11-23');
    expect(formatInstantDate('2026-11-23T01:30:00Z', 'America/Sao_Paulo')).toBe('Sun 22 Nov 2026');
  });

  it('writes dates as the pane shows them and refuses impossible ones', () => {
    expect(formatDate('2026-12-08')).toBe('Tue 8 Dec 2026');
    expect(formatDateRange('2026-12-07', '2027-06-07')).toBe('7 Dec 2026 – 7 Jun 2027');
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('')).toBe(false);
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('a new agreement', () => {
  it('starts next Monday for six months, every 2 weeks, an hour, with a starter confidentiality line', () => {
    const agreement = defaultAgreement('2026-11-22');
    expect(agreement).toMatchObject({ cadence: 'every2Weeks', durationMinutes: 60, startDate: '2026-11-23', plannedEndDate: '2027-05-23', purpose: '' });
    expect(agreement.confidentiality).toMatch(/stays between us/);
    expect(checkAgreement(agreement)).toEqual({ purpose: 'Say in a few words what the two of you want from this.' });
    expect(checkAgreement({ ...agreement, purpose: 'Grow', plannedEndDate: '2026-11-23' })).toEqual({
      plannedEndDate: 'The planned end comes after the start.',
    });
  });
});

describe('pair titles', () => {
  it('name the other people', () => {
    const member = (n: string) => ({ userId: n, mail: `${n}@contoso.dev`, displayName: n === 'ana' ? 'Ana Souza' : `${n[0]?.toUpperCase()}${n.slice(1)} Lee`, acceptedAt: null });
    expect(pairTitle(makePair({ members: [member('ana'), member('ben')] }), 'ana')).toBe('Ben Lee');
    expect(pairTitle(makePair({ members: [member('ana'), member('ben'), member('chloe')] }), 'ana')).toBe('Ben Lee and Chloe Lee');
    expect(pairTitle(makePair({ members: [member('ana'), member('ben'), member('chloe'), member('dan')] }), 'ana')).toBe('Ben, Chloe and Dan');
    expect(pairTitle(makePair({ members: [member('ana'), member('ben')] }), 'ben')).toBe('Ana Souza');
  });
});
