import { describe, expect, it } from 'vitest';
import { describeConflicts, describeOutsideHours, describePattern, describeSeries } from '../src/format/pattern';
import {
  firstName,
  formatDate,
  formatDateList,
  formatLocalRange,
  formatUtcOffset,
  localPartsAt,
  parseLocal,
  utcOffsetMinutes,
  zoneCity,
} from '../src/format/time';

describe('pattern wording', () => {
  it.each([
    [{ type: 'weekly', interval: 2, daysOfWeek: ['tuesday'], index: null }, 13, 'Every 2 weeks on Tuesday, 13 sessions'],
    [{ type: 'weekly', interval: 1, daysOfWeek: ['monday'], index: null }, 26, 'Every week on Monday, 26 sessions'],
    [{ type: 'weekly', interval: 3, daysOfWeek: ['sunday'], index: null }, 9, 'Every 3 weeks on Sunday, 9 sessions'],
    [{ type: 'weekly', interval: 1, daysOfWeek: ['monday', 'thursday'], index: null }, 2, 'Every week on Monday and Thursday, 2 sessions'],
    [{ type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'first' }, 6, 'Monthly on the first Tuesday, 6 sessions'],
    [{ type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, 1, 'Monthly on the last Friday, 1 session'],
    [{ type: 'relativeMonthly', interval: 2, daysOfWeek: ['wednesday'], index: 'third' }, 3, 'Every 2 months on the third Wednesday, 3 sessions'],
  ] as const)('%j × %i → %s', (pattern, count, words) => {
    expect(describeSeries({ pattern: { ...pattern, daysOfWeek: [...pattern.daysOfWeek] }, count })).toBe(words);
  });

  it('describes the pattern without the count', () => {
    expect(describePattern({ type: 'weekly', interval: 4, daysOfWeek: ['wednesday'], index: null })).toBe('Every 4 weeks on Wednesday');
  });

  it('counts clashes and sessions outside working hours, or says nothing when there are none', () => {
    expect(describeConflicts(2, 13)).toBe('2 of 13 sessions clash');
    expect(describeConflicts(1, 13)).toBe('1 of 13 sessions clashes');
    expect(describeConflicts(0, 13)).toBeNull();
    expect(describeOutsideHours(1, 6)).toBe('1 of 6 sessions falls outside working hours');
    expect(describeOutsideHours(3, 6)).toBe('3 of 6 sessions fall outside working hours');
    expect(describeOutsideHours(0, 6)).toBeNull();
  });
});

describe('local times per zone', () => {
  it('reads ISO local date-times without converting them', () => {
    expect(parseLocal('2026-12-01T07:00:00')).toEqual({ year: 2026, month: 12, day: 1, hour: 7, minute: 0, weekday: 2 });
    expect(parseLocal('2027-03-09')).toMatchObject({ year: 2027, month: 3, day: 9, weekday: 2 });
    expect(() => parseLocal('2026-12-01T07:00:00Z')).toThrow(RangeError);
  });

  it.each([
    // instant, zone, local wall clock, offset minutes, offset label
    ['2026-12-01T15:00:00Z', 'America/Sao_Paulo', '2026-12-01 12:00', -180, 'UTC\u22123'],
    ['2026-12-01T15:00:00Z', 'America/Los_Angeles', '2026-12-01 07:00', -480, 'UTC\u22128'],
    ['2027-06-01T15:00:00Z', 'America/Los_Angeles', '2027-06-01 08:00', -420, 'UTC\u22127'],
    ['2026-12-01T15:00:00Z', 'Asia/Kathmandu', '2026-12-01 20:45', 345, 'UTC+5:45'],
    ['2026-12-01T18:30:00Z', 'Asia/Kathmandu', '2026-12-02 00:15', 345, 'UTC+5:45'],
    ['2026-12-01T15:00:00Z', 'Asia/Kolkata', '2026-12-01 20:30', 330, 'UTC+5:30'],
    ['2026-12-01T15:00:00Z', 'Australia/Sydney', '2026-12-02 02:00', 660, 'UTC+11'],
    ['2027-06-01T15:00:00Z', 'Australia/Sydney', '2027-06-02 01:00', 600, 'UTC+10'],
    ['2026-12-01T15:00:00Z', 'Europe/London', '2026-12-01 15:00', 0, 'UTC'],
  ])('%s in %s is %s (%i min, %s)', (instant, zone, wall, offset, label) => {
    const p = localPartsAt(instant, zone);
    const shown = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
    expect(shown).toBe(wall);
    expect(utcOffsetMinutes(instant, zone)).toBe(offset);
    expect(formatUtcOffset(offset)).toBe(label);
  });

  it('formats a local range with the weekday, and marks an end on the next day', () => {
    expect(formatLocalRange(parseLocal('2026-12-01T12:00:00'), parseLocal('2026-12-01T13:00:00'))).toBe('Tue 12:00\u201313:00');
    expect(formatLocalRange(parseLocal('2026-12-01T23:30:00'), parseLocal('2026-12-02T00:30:00'))).toBe('Tue 23:30\u201300:30 (+1 day)');
  });

  it('formats dates and lists of dates, naming each year once', () => {
    expect(formatDate('2027-03-09')).toBe('9 Mar 2027');
    expect(formatDateList(['2027-03-16', '2027-03-09'])).toBe('9 Mar and 16 Mar 2027');
    expect(formatDateList(['2026-12-29', '2027-01-12', '2027-01-26'])).toBe('29 Dec 2026, 12 Jan and 26 Jan 2027');
    expect(formatDateList(['2027-03-09'])).toBe('9 Mar 2027');
  });

  it('names zones by their city, as people write it', () => {
    expect(zoneCity('America/Sao_Paulo')).toBe('São Paulo');
    expect(zoneCity('America/Los_Angeles')).toBe('Los Angeles');
    expect(zoneCity('America/New_York')).toBe('New York');
    expect(zoneCity('Asia/Kathmandu')).toBe('Kathmandu');
    expect(zoneCity('Asia/Calcutta')).toBe('Kolkata');
  });

  it('uses the first name, or the mail when there is no name', () => {
    expect(firstName('Ana Souza', 'ana.souza@contoso.dev')).toBe('Ana');
    expect(firstName('  ', 'ana.souza@contoso.dev')).toBe('ana.souza');
    expect(firstName(undefined, 'ben@contoso.dev')).toBe('ben');
  });
});
