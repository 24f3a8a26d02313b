import { describe, expect, it } from 'vitest';
import {
  applySlotToAppointment,
  connectOffice,
  getComposeAppointment,
  getHostInfo,
  isOfficeError,
  isOutlookCompose,
  isSetSupported,
  OfficeError,
  planOfficeRecurrence,
} from '../src/office';
import { installFakeOffice } from './support/fakeOffice';
import { ana, anaAnchor, ben, bina, binaAnchor, makeSlot } from './support/slots';

const anaBenSlot = () =>
  makeSlot({ firstStartUtc: '2026-12-01T15:00:00Z', anchor: anaAnchor, participants: [ana, ben], intervalWeeks: 2, count: 13 });

const attendees = [{ displayName: 'Ben Carter', emailAddress: ben.mail }];

async function rejection(promise: Promise<unknown>): Promise<OfficeError> {
  try {
    await promise;
  } catch (error) {
    if (isOfficeError(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

describe('getHostInfo', () => {
  it('is a plain browser when office.js is not loaded', async () => {
    await expect(getHostInfo()).resolves.toEqual({ host: 'browser', platform: null, officeJsReady: false });
  });

  it('is a plain browser when office.js answers with host null', async () => {
    installFakeOffice({ host: null });
    await expect(getHostInfo()).resolves.toEqual({ host: 'browser', platform: null, officeJsReady: true });
  });

  it('recognises Outlook', async () => {
    installFakeOffice({ host: 'Outlook' });
    await expect(getHostInfo()).resolves.toEqual({ host: 'outlook', platform: 'OfficeOnline', officeJsReady: true });
  });

  it('does not hang when office.js never becomes ready', async () => {
    installFakeOffice({ ready: false });
    await expect(getHostInfo({ timeoutMs: 20 })).resolves.toEqual({ host: 'browser', platform: null, officeJsReady: false });
  });
});

describe('isOutlookCompose and getComposeAppointment', () => {
  it('accepts an appointment its organizer is composing', async () => {
    installFakeOffice({ mode: 'compose' });
    expect(isOutlookCompose()).toBe(true);
    await expect(getComposeAppointment()).resolves.toBeDefined();
  });

  it('refuses a meeting opened by an attendee (read mode)', async () => {
    installFakeOffice({ mode: 'read' });
    expect(isOutlookCompose()).toBe(false);
    expect((await rejection(getComposeAppointment())).code).toBe('notAppointmentCompose');
  });

  it('refuses a message being composed', async () => {
    installFakeOffice({ mode: 'compose', itemType: 'message' });
    expect(isOutlookCompose()).toBe(false);
  });

  it('says when no item is open or the page is outside Office', async () => {
    installFakeOffice({ mode: 'none' });
    expect((await rejection(getComposeAppointment())).code).toBe('noItem');
    delete (globalThis as { Office?: unknown }).Office;
    expect((await rejection(getComposeAppointment())).code).toBe('notAvailable');
  });

  it('does not offer writing on a client below Mailbox 1.7 (no recurrence API)', () => {
    installFakeOffice({ mode: 'compose', supportedMailbox: '1.6' });
    expect(isSetSupported('Mailbox', '1.7')).toBe(false);
    expect(isOutlookCompose()).toBe(false);
  });

  it('connectOffice hands out a writer only in an appointment being composed', async () => {
    installFakeOffice({ mode: 'compose' });
    expect((await connectOffice()).appointment).not.toBeNull();
    installFakeOffice({ mode: 'read' });
    expect((await connectOffice()).appointment).toBeNull();
    installFakeOffice({ host: null });
    expect(await connectOffice()).toEqual({ host: { host: 'browser', platform: null, officeJsReady: true }, appointment: null });
  });
});

describe('planOfficeRecurrence', () => {
  it('maps an every-2-weeks slot to a weekly Outlook series in the anchor zone', () => {
    const plan = planOfficeRecurrence(anaBenSlot());
    expect(plan.start.toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(plan.end.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(plan.recurrenceType).toBe('weekly');
    expect(plan.recurrenceProperties).toEqual({ interval: 2, days: ['tue'] });
    expect(plan.recurrenceTimeZone).toEqual({ name: 'E. South America Standard Time' });
    // 15:00Z is 12:00 in São Paulo (UTC−3); 13 sessions every 14 days end on 18 May 2027. Months are 0-based.
    expect(plan.seriesTime).toEqual({
      startDate: { year: 2026, month0: 11, day: 1 },
      endDate: { year: 2027, month0: 4, day: 18 },
      startTime: { hours: 12, minutes: 0 },
      durationMinutes: 60,
    });
  });

  it('dates the series in the anchor zone, even when that is a +5:45 zone on the next day', () => {
    // 18:30Z on a Monday is 00:15 on Tuesday in Kathmandu (UTC+5:45).
    const slot = makeSlot({
      firstStartUtc: '2026-11-30T18:30:00Z',
      anchor: binaAnchor,
      participants: [bina, ben],
      intervalWeeks: 1,
      count: 3,
      day: 'tuesday',
      durationMinutes: 45,
    });
    const plan = planOfficeRecurrence(slot);
    expect(plan.seriesTime.startDate).toEqual({ year: 2026, month0: 11, day: 1 });
    expect(plan.seriesTime.startTime).toEqual({ hours: 0, minutes: 15 });
    expect(plan.seriesTime.endDate).toEqual({ year: 2026, month0: 11, day: 15 });
    expect(plan.seriesTime.durationMinutes).toBe(45);
    expect(plan.recurrenceTimeZone.name).toBe('Nepal Standard Time');
  });

  it('maps "monthly on the last Friday" to a monthly series with a week number', () => {
    const slot = makeSlot({ firstStartUtc: '2026-12-25T14:00:00Z', anchor: anaAnchor, participants: [ana, ben], monthly: 'last', day: 'friday', count: 6 });
    const plan = planOfficeRecurrence(slot);
    expect(plan.recurrenceType).toBe('monthly');
    expect(plan.recurrenceProperties).toEqual({ interval: 1, dayOfWeek: 'fri', weekNumber: 'last' });
  });

  it('refuses a slot whose first session contradicts its own series start', () => {
    const slot = anaBenSlot();
    slot.recurrence.firstStart = '2026-12-01T13:00:00';
    expect(() => planOfficeRecurrence(slot)).toThrowError(expect.objectContaining({ code: 'invalidSlot' }) as Error);
  });

  it('refuses a slot without sessions', () => {
    const slot = anaBenSlot();
    slot.occurrences = [];
    expect(() => planOfficeRecurrence(slot)).toThrowError(expect.objectContaining({ code: 'invalidSlot' }) as Error);
  });
});

describe('applySlotToAppointment', () => {
  it('writes attendees, start, end, the series and a subject into the meeting, in that order', async () => {
    const fake = installFakeOffice({ mode: 'compose' });
    const applied = await applySlotToAppointment(anaBenSlot(), attendees, { subjectIfEmpty: 'Peer mentoring: Ana, Ben' });

    expect(fake.state.requiredAttendees).toEqual([{ displayName: 'Ben Carter', emailAddress: ben.mail }]);
    expect(fake.state.start.toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(fake.state.end.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(fake.state.recurrence).toEqual({
      recurrenceType: 'weekly',
      recurrenceProperties: { interval: 2, days: ['tue'] },
      recurrenceTimeZone: { name: 'E. South America Standard Time' },
      seriesTime: { startDate: [2026, 11, 1], endDate: [2027, 4, 18], startTime: [12, 0], duration: 60 },
    });
    expect(fake.state.subject).toBe('Peer mentoring: Ana, Ben');
    expect(applied).toMatchObject({ addedAttendees: [ben.mail], subjectSet: true });
    // Outlook on Windows cannot move a series' start once it is a series: start/end go first.
    expect(fake.calls).toEqual([
      'requiredAttendees.getAsync',
      'requiredAttendees.addAsync',
      'start.setAsync',
      'end.setAsync',
      'recurrence.setAsync',
      'subject.getAsync',
      'subject.setAsync',
    ]);
  });

  it('keeps people already invited and the subject the organizer typed', async () => {
    const fake = installFakeOffice({
      mode: 'compose',
      initial: { requiredAttendees: [{ displayName: 'Ben', emailAddress: 'BEN.CARTER@contoso.dev' }, { displayName: 'Cy', emailAddress: 'cy@contoso.dev' }], subject: 'Our sessions' },
    });
    const applied = await applySlotToAppointment(anaBenSlot(), attendees, { subjectIfEmpty: 'Peer mentoring' });
    expect(fake.state.requiredAttendees.map((a) => a.emailAddress)).toEqual(['BEN.CARTER@contoso.dev', 'cy@contoso.dev']);
    expect(fake.calls).not.toContain('requiredAttendees.addAsync');
    expect(fake.state.subject).toBe('Our sessions');
    expect(applied.subjectSet).toBe(false);
  });

  it("reports Outlook's failure as an OfficeError naming what could not be done", async () => {
    installFakeOffice({ mode: 'compose', failing: { 'recurrence.setAsync': { name: 'InvalidEndTime', message: 'The end time is invalid.', code: 9000 } } });
    const error = await rejection(applySlotToAppointment(anaBenSlot(), attendees));
    expect(error.code).toBe('asyncFailed');
    expect(error.officeErrorName).toBe('InvalidEndTime');
    expect(error.message).toBe('Outlook could not set the recurrence: The end time is invalid.');
  });

  it('does nothing on a client without the recurrence API', async () => {
    const fake = installFakeOffice({ mode: 'compose', supportedMailbox: '1.5' });
    expect((await rejection(applySlotToAppointment(anaBenSlot(), attendees))).code).toBe('unsupported');
    expect(fake.calls).toEqual([]);
  });

  it('does nothing outside a meeting being composed', async () => {
    const fake = installFakeOffice({ mode: 'read' });
    expect((await rejection(applySlotToAppointment(anaBenSlot(), attendees))).code).toBe('notAppointmentCompose');
    expect(fake.calls).toEqual([]);
  });
});
