import type { Suggestion } from '../api/types';
import { applySlotToAppointment, isOutlookCompose, type AppliedSlot, type Attendee } from './appointment';
import { getHostInfo, type HostInfo } from './host';
import { getCurrentItem, onItemChanged, type OutlookItem } from './item';

export { applySlotToAppointment, getComposeAppointment, isOutlookCompose, planOfficeRecurrence } from './appointment';
export type { AppliedSlot, Attendee, OfficeSeriesPlan } from './appointment';
export { OfficeError, isOfficeError, type OfficeErrorCode } from './errors';
export { getHostInfo, type HostInfo } from './host';
export { getCurrentItem, onItemChanged, type OutlookItem } from './item';
export { isSetSupported } from './officeGlobal';

/** Writes a chosen slot into the meeting being composed. Only exists when the pane runs in one. */
export interface AppointmentWriter {
  useSlot(slot: Suggestion, attendees: readonly Attendee[], subjectIfEmpty: string): Promise<AppliedSlot>;
}

/** What the UI gets from Office: where it runs and, in an Outlook meeting being composed, a writer. */
export interface OfficeConnection {
  host: HostInfo;
  appointment: AppointmentWriter | null;
  /** The item the pane opened on (absent or `none` outside Outlook). */
  item?: OutlookItem;
  /** Follows a pinned pane to the next item; returns what stops following. */
  watchItem?: (onChange: (item: OutlookItem) => void) => () => void;
}

export async function connectOffice(options: { timeoutMs?: number } = {}): Promise<OfficeConnection> {
  const host = await getHostInfo(options);
  const appointment: AppointmentWriter | null =
    host.host === 'outlook' && isOutlookCompose()
      ? { useSlot: (slot, attendees, subjectIfEmpty) => applySlotToAppointment(slot, attendees, { subjectIfEmpty }) }
      : null;
  if (host.host !== 'outlook') return { host, appointment };
  return { host, appointment, item: getCurrentItem(), watchItem: onItemChanged };
}
