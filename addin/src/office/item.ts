import { officeOrUndefined } from './officeGlobal';

/**
 * The Outlook item the pane was opened on, in the pane's terms. Only an appointment in read mode (an organizer's or
 * attendee's own copy, opened from the calendar) has an id the backend can look up; anything else is told apart so
 * the pane can pick its start view without asking.
 */
export type OutlookItem =
  | {
      kind: 'appointmentRead';
      /** The item's EWS id as Outlook gives it. */
      itemId: string;
      /** The same item's Graph (REST v2.0) id: what /api/agenda/lookup takes. */
      restId: string;
    }
  | { kind: 'appointmentCompose' }
  | { kind: 'message' }
  /** No item (a pinned pane between items), or not running in Outlook at all. */
  | { kind: 'none' };

const none: OutlookItem = { kind: 'none' };

// Outlook on iOS and Android hands out REST ids already and has no convertToRestId.
const restIdHosts = new Set(['OutlookIOS', 'OutlookAndroid']);

type ReadItem = { itemType?: unknown; itemId?: unknown; start?: unknown };

function restIdOf(mailbox: Office.Mailbox, itemId: string): string | null {
  const office = officeOrUndefined();
  const hostName = (mailbox as { diagnostics?: { hostName?: unknown } }).diagnostics?.hostName;
  if (typeof hostName === 'string' && restIdHosts.has(hostName)) return itemId;
  const convert = (mailbox as { convertToRestId?: unknown }).convertToRestId;
  const version = office?.MailboxEnums?.RestVersion?.v2_0;
  if (typeof convert !== 'function' || version === undefined) return null;
  try {
    const converted = mailbox.convertToRestId(itemId, version);
    return typeof converted === 'string' && converted !== '' ? converted : null;
  } catch {
    return null;
  }
}

/** What the pane is open on right now. Never throws: outside Outlook, or on an item it cannot read, it is `none`. */
export function getCurrentItem(): OutlookItem {
  const office = officeOrUndefined();
  const mailbox = office?.context?.mailbox;
  const item = mailbox?.item as ReadItem | null | undefined;
  if (!office || !mailbox || !item) return none;
  const itemTypes = office.MailboxEnums?.ItemType;
  if (item.itemType === itemTypes?.Message) return { kind: 'message' };
  if (item.itemType !== itemTypes?.Appointment) return none;
  // Compose mode has no itemId and start is an object with getAsync; read mode has an itemId and a Date.
  const start = item.start as { getAsync?: unknown } | Date | undefined;
  const composing = start !== undefined && !(start instanceof Date) && typeof start.getAsync === 'function';
  if (composing || typeof item.itemId !== 'string' || item.itemId === '') return composing ? { kind: 'appointmentCompose' } : none;
  const restId = restIdOf(mailbox, item.itemId);
  return restId === null ? none : { kind: 'appointmentRead', itemId: item.itemId, restId };
}

/**
 * Calls `onChange` whenever Outlook moves a pinned pane to another item (Office.EventType.ItemChanged), and returns
 * what stops listening. Appointments cannot pin the pane, so there it rarely fires; reopening the pane starts afresh.
 */
export function onItemChanged(onChange: (item: OutlookItem) => void): () => void {
  const office = officeOrUndefined();
  const mailbox = office?.context?.mailbox as (Office.Mailbox & { removeHandlerAsync?: unknown }) | undefined;
  const eventType = office?.EventType?.ItemChanged;
  if (!mailbox || eventType === undefined || typeof mailbox.addHandlerAsync !== 'function') return () => undefined;
  let listening = true;
  try {
    mailbox.addHandlerAsync(eventType, () => {
      if (listening) onChange(getCurrentItem());
    });
  } catch {
    // A client without item events: the pane simply keeps the item it opened on.
    return () => undefined;
  }
  return () => {
    listening = false;
    if (typeof mailbox.removeHandlerAsync === 'function') {
      try {
        mailbox.removeHandlerAsync(eventType);
      } catch {
        // Nothing more to stop.
      }
    }
  };
}
