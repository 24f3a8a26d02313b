// An in-memory stand-in for the parts of office.js the pane uses, with office.js's calling conventions:
// xxxAsync(value?, callback) answers later (never synchronously) with { status, value, error }.

export interface FakeRecipient {
  displayName: string;
  emailAddress: string;
}

export interface FakeSeriesTime {
  startDate: [number, number, number] | null;
  endDate: [number, number, number] | null;
  startTime: [number, number] | null;
  duration: number | null;
}

export interface FakeAppointmentState {
  requiredAttendees: FakeRecipient[];
  start: Date;
  end: Date;
  subject: string;
  recurrence: {
    recurrenceType: string;
    recurrenceProperties: Record<string, unknown>;
    recurrenceTimeZone: { name: string };
    seriesTime: FakeSeriesTime;
  } | null;
}

export interface FakeOfficeOptions {
  /** 'Outlook', null for a plain browser, or another host name. */
  host?: string | null;
  mode?: 'compose' | 'read' | 'none';
  itemType?: 'appointment' | 'message';
  supportedMailbox?: string;
  /** Async calls (by name, e.g. "recurrence.setAsync") that report failure. */
  failing?: Record<string, { name: string; message: string; code: number }>;
  /** When false, onReady never settles (office.js blocked). */
  ready?: boolean;
  initial?: Partial<FakeAppointmentState>;
  /** Read mode: the item's EWS id (default "AAMkAD-ews-1"). */
  itemId?: string;
  /** What convertToRestId answers for an EWS id (default: the id with "-rest" appended). */
  toRestId?: (ewsId: string) => string;
  /** mailbox.diagnostics.hostName (e.g. "OutlookIOS", where item ids are REST ids already). */
  hostName?: string;
}

export interface FakeOffice {
  office: unknown;
  state: FakeAppointmentState;
  /** Every async call in order, e.g. ["requiredAttendees.getAsync", "start.setAsync", …]. */
  calls: string[];
  /** Every convertToRestId call: [ewsId, restVersion]. */
  restIdCalls: [string, string][];
  /** Moves a pinned pane to another item (null: none) and fires ItemChanged, as Outlook does. */
  selectItem(item: { itemId: string; itemType?: 'appointment' | 'message' } | null): void;
  /** How many ItemChanged handlers are registered now. */
  itemChangedHandlers(): number;
}

const Succeeded = 0;
const Failed = 1;

class SeriesTime {
  readonly values: FakeSeriesTime = { startDate: null, endDate: null, startTime: null, duration: null };
  setStartDate(year: number, month: number, day: number) {
    this.values.startDate = [year, month, day];
  }
  setEndDate(year: number, month: number, day: number) {
    this.values.endDate = [year, month, day];
  }
  setStartTime(hours: number, minutes: number) {
    this.values.startTime = [hours, minutes];
  }
  setDuration(minutes: number) {
    this.values.duration = minutes;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function createFakeOffice(options: FakeOfficeOptions = {}): FakeOffice {
  const host = options.host === undefined ? 'Outlook' : options.host;
  const mode = options.mode ?? 'compose';
  const calls: string[] = [];
  const state: FakeAppointmentState = {
    requiredAttendees: [],
    start: new Date('2026-11-30T12:00:00Z'),
    end: new Date('2026-11-30T12:30:00Z'),
    subject: '',
    recurrence: null,
    ...options.initial,
  };

  type Callback<T> = (result: { status: number; value: T; error?: { name: string; message: string; code: number } }) => void;
  const answer = <T>(name: string, value: () => T, callback: Callback<T> | undefined) => {
    calls.push(name);
    const failure = options.failing?.[name];
    setTimeout(() => {
      if (failure) callback?.({ status: Failed, value: undefined as T, error: failure });
      else callback?.({ status: Succeeded, value: value() });
    }, 0);
  };

  const composeItem = {
    itemType: options.itemType ?? 'appointment',
    requiredAttendees: {
      getAsync: (cb: Callback<FakeRecipient[]>) => answer('requiredAttendees.getAsync', () => [...state.requiredAttendees], cb),
      addAsync: (recipients: FakeRecipient[], cb: Callback<void>) =>
        answer(
          'requiredAttendees.addAsync',
          () => {
            if (!options.failing?.['requiredAttendees.addAsync']) state.requiredAttendees.push(...recipients);
          },
          cb,
        ),
      setAsync: (recipients: FakeRecipient[], cb: Callback<void>) =>
        answer('requiredAttendees.setAsync', () => void (state.requiredAttendees = [...recipients]), cb),
    },
    start: {
      getAsync: (cb: Callback<Date>) => answer('start.getAsync', () => state.start, cb),
      setAsync: (date: Date, cb: Callback<void>) =>
        answer('start.setAsync', () => void (options.failing?.['start.setAsync'] ? undefined : (state.start = date)), cb),
    },
    end: {
      getAsync: (cb: Callback<Date>) => answer('end.getAsync', () => state.end, cb),
      setAsync: (date: Date, cb: Callback<void>) => answer('end.setAsync', () => void (state.end = date), cb),
    },
    subject: {
      getAsync: (cb: Callback<string>) => answer('subject.getAsync', () => state.subject, cb),
      setAsync: (text: string, cb: Callback<void>) => answer('subject.setAsync', () => void (state.subject = text), cb),
    },
    recurrence: {
      getAsync: (cb: Callback<unknown>) => answer('recurrence.getAsync', () => state.recurrence, cb),
      setAsync: (pattern: { recurrenceType: string; recurrenceProperties: Record<string, unknown>; recurrenceTimeZone: { name: string }; seriesTime: SeriesTime }, cb: Callback<void>) =>
        answer(
          'recurrence.setAsync',
          () => {
            if (options.failing?.['recurrence.setAsync']) return;
            state.recurrence = {
              recurrenceType: pattern.recurrenceType,
              recurrenceProperties: pattern.recurrenceProperties,
              recurrenceTimeZone: pattern.recurrenceTimeZone,
              seriesTime: { ...pattern.seriesTime.values },
            };
          },
          cb,
        ),
    },
  };
  const readItem = (itemId: string, itemType: 'appointment' | 'message') => ({ itemType, itemId, start: state.start, end: state.end, subject: state.subject });
  const supported = options.supportedMailbox ?? '1.16';
  const restIdCalls: [string, string][] = [];
  const handlers: (() => void)[] = [];
  const mailbox = {
    item: (mode === 'compose' ? composeItem : mode === 'read' ? readItem(options.itemId ?? 'AAMkAD-ews-1', options.itemType ?? 'appointment') : null) as unknown,
    diagnostics: { hostName: options.hostName ?? 'OutlookWebApp' },
    convertToRestId: (id: string, version: string) => {
      restIdCalls.push([id, version]);
      return (options.toRestId ?? ((ews: string) => `${ews}-rest`))(id);
    },
    addHandlerAsync: (eventType: string, handler: () => void, cb?: Callback<void>) => {
      if (eventType === 'olkItemSelectedChanged') handlers.push(handler);
      answer('mailbox.addHandlerAsync', () => undefined, cb);
    },
    removeHandlerAsync: (eventType: string, cb?: Callback<void>) => {
      if (eventType === 'olkItemSelectedChanged') handlers.length = 0;
      answer('mailbox.removeHandlerAsync', () => undefined, typeof cb === 'function' ? cb : undefined);
    },
  };

  const office = {
    HostType: { Outlook: 'Outlook', Word: 'Word', Excel: 'Excel' },
    AsyncResultStatus: { Succeeded, Failed },
    MailboxEnums: { ItemType: { Appointment: 'appointment', Message: 'message' }, RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
    SeriesTime,
    onReady: () =>
      options.ready === false ? new Promise(() => undefined) : Promise.resolve({ host, platform: host === null ? null : 'OfficeOnline' }),
    context:
      host === 'Outlook'
        ? {
            mailbox,
            requirements: {
              isSetSupported: (name: string, version: string) => name === 'Mailbox' && compareVersions(version, supported) <= 0,
            },
          }
        : host === null
          ? {}
          : { requirements: { isSetSupported: () => false } },
  };
  return {
    office,
    state,
    calls,
    restIdCalls,
    selectItem(next) {
      mailbox.item = next === null ? null : readItem(next.itemId, next.itemType ?? 'appointment');
      for (const handler of [...handlers]) handler();
    },
    itemChangedHandlers: () => handlers.length,
  };
}

export function installFakeOffice(options: FakeOfficeOptions = {}): FakeOffice {
  const fake = createFakeOffice(options);
  (globalThis as { Office?: unknown }).Office = fake.office;
  return fake;
}
