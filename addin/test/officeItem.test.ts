import { describe, expect, it } from 'vitest';
import { connectOffice, getCurrentItem, onItemChanged, type OutlookItem } from '../src/office';
import { installFakeOffice } from './support/fakeOffice';

describe('getCurrentItem', () => {
  it('gives an appointment in read mode with its REST id from convertToRestId (REST v2.0)', () => {
    const fake = installFakeOffice({ mode: 'read', itemId: 'AAMkAD/ews+id=', toRestId: (ews) => `rest-of-${ews.length}` });
    expect(getCurrentItem()).toEqual({ kind: 'appointmentRead', itemId: 'AAMkAD/ews+id=', restId: 'rest-of-14' });
    expect(fake.restIdCalls).toEqual([['AAMkAD/ews+id=', 'v2.0']]);
  });

  it('takes the id as it is on Outlook mobile, where ids are REST ids already', () => {
    const fake = installFakeOffice({ mode: 'read', itemId: 'AAMkAD-rest', hostName: 'OutlookIOS' });
    expect(getCurrentItem()).toEqual({ kind: 'appointmentRead', itemId: 'AAMkAD-rest', restId: 'AAMkAD-rest' });
    expect(fake.restIdCalls).toEqual([]);
  });

  it('tells apart an appointment being composed, a message, no item and no Office', () => {
    installFakeOffice({ mode: 'compose' });
    expect(getCurrentItem()).toEqual({ kind: 'appointmentCompose' });
    installFakeOffice({ mode: 'read', itemType: 'message' });
    expect(getCurrentItem()).toEqual({ kind: 'message' });
    installFakeOffice({ mode: 'none' });
    expect(getCurrentItem()).toEqual({ kind: 'none' });
    installFakeOffice({ host: null });
    expect(getCurrentItem()).toEqual({ kind: 'none' });
    delete (globalThis as { Office?: unknown }).Office;
    expect(getCurrentItem()).toEqual({ kind: 'none' });
  });

  it('is no item when Outlook cannot convert the id', () => {
    installFakeOffice({
      mode: 'read',
      toRestId: () => {
        throw new Error('InvalidParameter');
      },
    });
    expect(getCurrentItem()).toEqual({ kind: 'none' });
  });
});

describe('onItemChanged', () => {
  it('follows a pinned pane to the next item, and stops when told', () => {
    const fake = installFakeOffice({ mode: 'read', itemId: 'first' });
    const seen: OutlookItem[] = [];
    const stop = onItemChanged((item) => seen.push(item));
    expect(fake.itemChangedHandlers()).toBe(1);

    fake.selectItem({ itemId: 'second' });
    fake.selectItem(null);
    expect(seen).toEqual([{ kind: 'appointmentRead', itemId: 'second', restId: 'second-rest' }, { kind: 'none' }]);

    stop();
    expect(fake.itemChangedHandlers()).toBe(0);
    fake.selectItem({ itemId: 'third' });
    expect(seen).toHaveLength(2);
  });

  it('does nothing outside Outlook', () => {
    const stop = onItemChanged(() => {
      throw new Error('never called');
    });
    expect(stop).toBeTypeOf('function');
    stop();
  });
});

describe('connectOffice', () => {
  it('hands the pane the item it opened on, and a way to follow it, inside Outlook only', async () => {
    installFakeOffice({ mode: 'read', itemId: 'AAMk-1' });
    const inOutlook = await connectOffice();
    expect(inOutlook.item).toEqual({ kind: 'appointmentRead', itemId: 'AAMk-1', restId: 'AAMk-1-rest' });
    expect(inOutlook.watchItem).toBeTypeOf('function');
    installFakeOffice({ host: null });
    const browser = await connectOffice();
    expect(browser.item).toBeUndefined();
  });
});
