import type { DayOfWeek, Suggestion } from '../api/types';
import { localPartsAt, parseLocal } from '../format/time';
import { OfficeError } from './errors';
import { callAsync, isSetSupported, officeOrUndefined, requireOffice } from './officeGlobal';

/** A person to invite. */
export interface Attendee {
  displayName: string;
  emailAddress: string;
}

/** The values applySlotToAppointment writes, in Outlook's terms (months are 0-based, as SeriesTime wants). */
export interface OfficeSeriesPlan {
  start: Date;
  end: Date;
  recurrenceType: 'weekly' | 'monthly';
  recurrenceProperties: { interval: number; days?: string[]; dayOfWeek?: string; weekNumber?: string };
  recurrenceTimeZone: { name: string };
  seriesTime: {
    startDate: { year: number; month0: number; day: number };
    endDate: { year: number; month0: number; day: number };
    startTime: { hours: number; minutes: number };
    durationMinutes: number;
  };
}

/** What was written, for the pane to confirm. */
export interface AppliedSlot {
  plan: OfficeSeriesPlan;
  addedAttendees: string[];
  subjectSet: boolean;
}

const officeDay: Record<DayOfWeek, string> = {
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
  sunday: 'sun',
};

/** Recurrence arrived in Mailbox 1.7, below the manifest's 1.8 minimum, but older clients can still open the pane. */
const recurrenceRequirement = ['Mailbox', '1.7'] as const;

function appointmentItem(): Office.AppointmentCompose | null {
  const office = officeOrUndefined();
  const mailbox = office?.context?.mailbox;
  const item = mailbox?.item as { itemType?: unknown; start?: unknown } | null | undefined;
  if (!office || !item) return null;
  if (item.itemType !== office.MailboxEnums.ItemType.Appointment) return null;
  // In compose mode start is an object with getAsync/setAsync; in read mode it is a Date.
  const start = item.start as { setAsync?: unknown } | Date | undefined;
  if (start === undefined || start instanceof Date || typeof start.setAsync !== 'function') return null;
  return item as unknown as Office.AppointmentCompose;
}

/** True when the pane runs in an Outlook appointment its organizer is composing, on a client that can set recurrence. */
export function isOutlookCompose(): boolean {
  return appointmentItem() !== null && isSetSupported(...recurrenceRequirement);
}

/** The appointment being composed, or an OfficeError that says why there is none. */
export function getComposeAppointment(): Promise<Office.AppointmentCompose> {
  const office = officeOrUndefined();
  if (office === undefined) {
    return Promise.reject(new OfficeError('notAvailable', 'This needs Outlook: open PeerMentor365 from a meeting in Outlook.'));
  }
  if (!office.context?.mailbox) {
    return Promise.reject(new OfficeError('notOutlook', 'This needs Outlook: open PeerMentor365 from a meeting in Outlook.'));
  }
  if (!office.context.mailbox.item) {
    return Promise.reject(new OfficeError('noItem', 'Open a meeting in Outlook first.'));
  }
  const item = appointmentItem();
  if (item === null) {
    return Promise.reject(new OfficeError('notAppointmentCompose', 'Open a new meeting that you organise to add this time to it.'));
  }
  return Promise.resolve(item);
}

/**
 * Turns a suggested slot into Outlook's series: the first occurrence's instants for start/end, and a pattern in
 * the anchor zone (its Windows name, as Outlook's RecurrenceTimeZone wants) that ends on the last occurrence's
 * local date. Checks the slot's own claims first: the first occurrence must be firstStart in the anchor zone.
 */
export function planOfficeRecurrence(slot: Suggestion): OfficeSeriesPlan {
  const { recurrence, occurrences } = slot;
  const first = occurrences[0];
  const last = occurrences[occurrences.length - 1];
  if (first === undefined || last === undefined) {
    throw new OfficeError('invalidSlot', 'This time has no sessions to add.');
  }
  const anchorStart = parseLocal(recurrence.firstStart);
  const firstInAnchor = localPartsAt(first.start, recurrence.anchorTimeZone);
  const sameWallClock =
    firstInAnchor.year === anchorStart.year &&
    firstInAnchor.month === anchorStart.month &&
    firstInAnchor.day === anchorStart.day &&
    firstInAnchor.hour === anchorStart.hour &&
    firstInAnchor.minute === anchorStart.minute;
  if (!sameWallClock) {
    throw new OfficeError('invalidSlot', 'This time does not add up (its first session and its series disagree), so it was not added.');
  }
  const days = recurrence.pattern.daysOfWeek.map((d) => officeDay[d]);
  if (days.length === 0) throw new OfficeError('invalidSlot', 'This time names no weekday, so it cannot become a series.');
  const lastInAnchor = localPartsAt(last.start, recurrence.anchorTimeZone);
  const recurrenceProperties: OfficeSeriesPlan['recurrenceProperties'] =
    recurrence.pattern.type === 'relativeMonthly'
      ? { interval: recurrence.pattern.interval, dayOfWeek: days[0], weekNumber: recurrence.pattern.index ?? 'first' }
      : { interval: recurrence.pattern.interval, days };
  return {
    start: new Date(first.start),
    end: new Date(first.end),
    recurrenceType: recurrence.pattern.type === 'relativeMonthly' ? 'monthly' : 'weekly',
    recurrenceProperties,
    recurrenceTimeZone: { name: recurrence.anchorWindowsTimeZone },
    seriesTime: {
      startDate: { year: anchorStart.year, month0: anchorStart.month - 1, day: anchorStart.day },
      endDate: { year: lastInAnchor.year, month0: lastInAnchor.month - 1, day: lastInAnchor.day },
      startTime: { hours: anchorStart.hour, minutes: anchorStart.minute },
      durationMinutes: recurrence.durationMinutes,
    },
  };
}

function buildSeriesTime(plan: OfficeSeriesPlan): Office.SeriesTime {
  const office = requireOffice() as typeof Office & { SeriesTime?: new () => Office.SeriesTime };
  if (typeof office.SeriesTime !== 'function') {
    throw new OfficeError('unsupported', 'This version of Outlook cannot set a recurring series.');
  }
  const seriesTime = new office.SeriesTime();
  const { startDate, endDate, startTime, durationMinutes } = plan.seriesTime;
  seriesTime.setStartDate(startDate.year, startDate.month0, startDate.day);
  seriesTime.setEndDate(endDate.year, endDate.month0, endDate.day);
  seriesTime.setStartTime(startTime.hours, startTime.minutes);
  seriesTime.setDuration(durationMinutes);
  return seriesTime;
}

/**
 * Writes a slot into the appointment being composed: adds the attendees who are not invited yet, sets start and
 * end to the first session, then the series (Outlook on Windows cannot move a series' start afterwards, so the
 * order matters), and a subject when the organizer has not typed one.
 */
export async function applySlotToAppointment(
  slot: Suggestion,
  attendees: readonly Attendee[],
  options: { subjectIfEmpty?: string } = {},
): Promise<AppliedSlot> {
  if (!isSetSupported(...recurrenceRequirement)) {
    throw new OfficeError('unsupported', 'This version of Outlook cannot set a recurring series (it needs Mailbox 1.7).');
  }
  const item = await getComposeAppointment();
  const plan = planOfficeRecurrence(slot);

  const invited = await callAsync<Office.EmailAddressDetails[]>('read the attendees', (cb) => item.requiredAttendees.getAsync(cb));
  const invitedMails = new Set(invited.map((a) => a.emailAddress.toLowerCase()));
  const toAdd = attendees.filter((a) => !invitedMails.has(a.emailAddress.toLowerCase()));
  if (toAdd.length > 0) {
    await callAsync<void>('add the attendees', (cb) =>
      item.requiredAttendees.addAsync(
        toAdd.map((a) => ({ displayName: a.displayName, emailAddress: a.emailAddress })),
        cb,
      ),
    );
  }

  await callAsync<void>('set the start time', (cb) => item.start.setAsync(plan.start, cb));
  await callAsync<void>('set the end time', (cb) => item.end.setAsync(plan.end, cb));

  const pattern = {
    recurrenceType: plan.recurrenceType,
    recurrenceProperties: plan.recurrenceProperties,
    recurrenceTimeZone: plan.recurrenceTimeZone,
    seriesTime: buildSeriesTime(plan),
  };
  await callAsync<void>('set the recurrence', (cb) => item.recurrence.setAsync(pattern as unknown as Office.Recurrence, cb));

  let subjectSet = false;
  if (options.subjectIfEmpty) {
    const subject = await callAsync<string>('read the subject', (cb) => item.subject.getAsync(cb));
    if (subject.trim() === '') {
      const text = options.subjectIfEmpty;
      await callAsync<void>('set the subject', (cb) => item.subject.setAsync(text, cb));
      subjectSet = true;
    }
  }
  return { plan, addedAttendees: toAdd.map((a) => a.emailAddress), subjectSet };
}
