import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import type { Contact } from '../../../src/api/contact';
import { type ContactFilter, NO_FILTER } from '../../../src/contacts/filter';
import { type ContactLoader, ContactStore } from '../../../src/contacts/store';
import { contact } from './builders';

/** One call of the fake loader: the test decides when pages arrive and how the load ends. */
interface LoadCall {
  readonly filter: ContactFilter;
  readonly signal: AbortSignal;
  page(contacts: readonly Contact[]): void;
  resolve(contacts: readonly Contact[]): void;
  reject(error: unknown): void;
}

/**
 * A loader whose every call stays pending until the test settles it. By default it ignores its abort
 * signal, like a slow server that answers anyway; `rejectOnAbort` makes it reject as the real client does.
 */
function fakeLoader(options: { rejectOnAbort?: boolean } = {}): { load: ContactLoader; calls: LoadCall[] } {
  const calls: LoadCall[] = [];
  const load: ContactLoader = (filter, { signal, onPage }) =>
    new Promise((resolve, reject) => {
      calls.push({ filter, signal, page: onPage, resolve, reject });
      if (options.rejectOnAbort) {
        signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
      }
    });
  return { load, calls };
}

/** Lets pending promise callbacks (the store's `await`) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

function ids(contacts: readonly Contact[]): string[] {
  return contacts.map((c) => c.name);
}

describe('contacts/store', () => {
  const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((name) => contact({ name, tags: ['vip'], source: 'whatsapp' }));

  it('starts empty, idle and never loaded', () => {
    const store = new ContactStore(fakeLoader().load);
    assert.deepEqual(store.contacts, []);
    assert.equal(store.version, 0);
    assert.equal(store.isLoading, false);
    assert.equal(store.hasLoaded, false);
    assert.equal(store.error, undefined);
    assert.deepEqual(store.filter, NO_FILTER);
  });

  it('loads with the filter it was given, and with a new one after setFilter', async () => {
    const initial: ContactFilter = { source: 'whatsapp', tags: ['vip'] };
    const { load, calls } = fakeLoader();
    const store = new ContactStore(load, initial);
    assert.deepEqual(store.filter, initial);
    void store.refresh();
    assert.deepEqual(calls[0].filter, initial);
    const next: ContactFilter = { tags: ['lead'] };
    void store.setFilter(next);
    assert.deepEqual(store.filter, next);
    assert.deepEqual(calls[1].filter, next);
  });

  it('publishes the first page at once, then the full list when the load completes', async () => {
    const { load, calls } = fakeLoader();
    const store = new ContactStore(load);
    const done = store.refresh();
    assert.equal(store.isLoading, true);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].signal.aborted, false);

    const before = store.version;
    calls[0].page([a, b]);
    assert.deepEqual(ids(store.contacts), ['a', 'b']);
    assert.ok(store.version > before, 'version changes with the contacts');
    assert.equal(store.hasLoaded, true);
    assert.equal(store.isLoading, true);

    calls[0].resolve([a, b, c]);
    await done;
    assert.deepEqual(ids(store.contacts), ['a', 'b', 'c']);
    assert.equal(store.isLoading, false);
    assert.equal(store.error, undefined);
  });

  it('tells listeners about loading, each published page and the end of the load', async () => {
    const { load, calls } = fakeLoader();
    const store = new ContactStore(load);
    const seen: { loading: boolean; count: number }[] = [];
    store.onDidChange(() => seen.push({ loading: store.isLoading, count: store.contacts.length }));
    const done = store.refresh();
    calls[0].page([a]);
    calls[0].resolve([a, b]);
    await done;
    assert.deepEqual(seen[0], { loading: true, count: 0 });
    assert.ok(seen.some((s) => s.loading && s.count === 1), JSON.stringify(seen));
    assert.deepEqual(seen[seen.length - 1], { loading: false, count: 2 });
  });

  it('stops calling a listener once it is disposed', async () => {
    const { load, calls } = fakeLoader();
    const store = new ContactStore(load);
    let count = 0;
    const subscription = store.onDidChange(() => count++);
    subscription.dispose();
    const done = store.refresh();
    calls[0].resolve([a]);
    await done;
    store.clear();
    assert.equal(count, 0);
  });

  describe('pages arriving in a burst', () => {
    beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
    afterEach(() => mock.timers.reset());

    it('batches later pages and publishes them within the interval', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const done = store.refresh();
      calls[0].page([a]);
      calls[0].page([b]);
      calls[0].page([c]);
      assert.deepEqual(ids(store.contacts), ['a'], 'pages right after the first are batched');
      mock.timers.tick(1000);
      assert.deepEqual(ids(store.contacts), ['a', 'b', 'c']);
      calls[0].resolve([a, b, c, d]);
      await done;
      assert.deepEqual(ids(store.contacts), ['a', 'b', 'c', 'd']);
    });

    it('publishes a page arriving after a quiet interval at once', () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      void store.refresh();
      calls[0].page([a]);
      mock.timers.tick(1000);
      calls[0].page([b]);
      assert.deepEqual(ids(store.contacts), ['a', 'b']);
    });

    it('never publishes a batched page of a load that a newer refresh replaced', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load, { tags: ['vip'] });
      void store.refresh();
      calls[0].page([a]);
      calls[0].page([b]); // batched, waiting for the interval
      const second = store.setFilter({ tags: [] });
      assert.equal(calls[0].signal.aborted, true);
      const x = contact({ name: 'x' });
      calls[1].page([x]);
      assert.deepEqual(ids(store.contacts), ['x']);
      mock.timers.tick(1000);
      assert.deepEqual(ids(store.contacts), ['x'], 'the first load must not overwrite the second');
      calls[1].resolve([x]);
      await second;
      mock.timers.tick(1000);
      assert.deepEqual(ids(store.contacts), ['x']);
    });

    it('never publishes a batched page after clear()', () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      void store.refresh();
      calls[0].page([a]);
      calls[0].page([b]);
      store.clear();
      mock.timers.tick(1000);
      assert.deepEqual(store.contacts, []);
      assert.equal(store.hasLoaded, false);
    });

    it('never publishes a batched page after cancel()', () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      void store.refresh();
      calls[0].page([a]);
      calls[0].page([b]);
      store.cancel();
      mock.timers.tick(1000);
      assert.deepEqual(ids(store.contacts), ['a']);
    });
  });

  describe('a refresh while loading', () => {
    it('aborts the first load and never shows its late pages or result', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const first = store.refresh();
      calls[0].page([a]);
      const second = store.refresh();
      assert.equal(calls.length, 2);
      assert.equal(calls[0].signal.aborted, true);
      assert.equal(calls[1].signal.aborted, false);

      calls[0].page([b, c]);
      calls[0].resolve([a, b, c]);
      await first;
      assert.deepEqual(ids(store.contacts), ['a'], 'late data of the first load is dropped');
      assert.equal(store.isLoading, true, 'the second load is still running');

      calls[1].resolve([d, e]);
      await second;
      assert.deepEqual(ids(store.contacts), ['d', 'e']);
      assert.equal(store.isLoading, false);
    });

    it('ignores a late failure of the first load', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const first = store.refresh();
      const second = store.refresh();
      calls[0].reject(new Error('late failure'));
      await first;
      assert.equal(store.error, undefined);
      assert.equal(store.isLoading, true);
      calls[1].resolve([a]);
      await second;
      assert.deepEqual(ids(store.contacts), ['a']);
      assert.equal(store.error, undefined);
    });

    it('works with a loader that rejects as soon as it is aborted', async () => {
      const { load, calls } = fakeLoader({ rejectOnAbort: true });
      const store = new ContactStore(load);
      const first = store.refresh();
      calls[0].page([a]);
      const second = store.setFilter({ tags: ['vip'] });
      await first;
      assert.equal(store.error, undefined, 'an aborted load is not a failure');
      assert.equal(store.isLoading, true);
      calls[1].page([b]);
      calls[1].resolve([b, c]);
      await second;
      assert.deepEqual(ids(store.contacts), ['b', 'c']);
      assert.equal(store.isLoading, false);
    });

    it('never interleaves pages of two loads for different filters', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      void store.setFilter({ source: 'whatsapp', tags: [] });
      const second = store.setFilter({ source: 'instagram', tags: [] });
      const insta = [1, 2, 3].map((i) => contact({ name: `i${i}`, source: 'instagram' }));
      calls[1].page([insta[0]]);
      calls[0].page([a]);
      calls[1].page([insta[1]]);
      calls[0].page([b]);
      calls[1].resolve(insta);
      calls[0].resolve([a, b]);
      await second;
      await settle();
      assert.deepEqual(ids(store.contacts), ['i1', 'i2', 'i3']);
    });
  });

  describe('failures', () => {
    it('keep the previous contacts and set the error', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const first = store.refresh();
      calls[0].resolve([a, b]);
      await first;
      const version = store.version;

      const failure = new Error('503 Service Unavailable');
      const second = store.refresh();
      calls[1].page([c]); // same filter: pages are not shown until the load completes
      assert.deepEqual(ids(store.contacts), ['a', 'b']);
      calls[1].reject(failure);
      await second;
      assert.deepEqual(ids(store.contacts), ['a', 'b']);
      assert.equal(store.error, failure);
      assert.equal(store.isLoading, false);
      assert.equal(store.version, version, 'the contacts did not change');
    });

    it('are cleared by the next successful load', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const first = store.refresh();
      calls[0].reject(new Error('offline'));
      await first;
      assert.ok(store.error instanceof Error);
      assert.equal(store.hasLoaded, false);

      const second = store.refresh();
      assert.ok(store.error instanceof Error, 'the error stays until a load succeeds');
      calls[1].resolve([a]);
      await second;
      assert.equal(store.error, undefined);
      assert.deepEqual(ids(store.contacts), ['a']);
    });

    it('show the partial contacts an error carries', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const first = store.refresh();
      calls[0].resolve([a]);
      await first;

      const limit = Object.assign(new Error('Pagination limit exceeded'), { partial: [b, c, d] });
      const second = store.refresh();
      calls[1].reject(limit);
      await second;
      assert.deepEqual(ids(store.contacts), ['b', 'c', 'd']);
      assert.equal(store.error, limit);
      assert.equal(store.isLoading, false);
    });

    it('keep the pages received so far of a first load', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const done = store.refresh();
      calls[0].page([a, b]);
      calls[0].reject(new Error('connection reset'));
      await done;
      assert.deepEqual(ids(store.contacts), ['a', 'b']);
      assert.ok(store.error instanceof Error);
    });

    it('keep the previous contacts when the error carries an empty partial list', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const first = store.refresh();
      calls[0].resolve([a]);
      await first;
      const second = store.refresh();
      calls[1].reject(Object.assign(new Error('x'), { partial: [] }));
      await second;
      assert.deepEqual(ids(store.contacts), ['a']);
    });

    it('do not make refresh() reject, whatever the loader throws', async () => {
      for (const thrown of [undefined, null, 'text', 42]) {
        const { load, calls } = fakeLoader();
        const store = new ContactStore(load);
        const first = store.refresh();
        calls[0].resolve([a]);
        await first;
        const second = store.refresh();
        calls[1].reject(thrown);
        await assert.doesNotReject(second, String(thrown));
        assert.equal(store.isLoading, false);
        assert.deepEqual(ids(store.contacts), ['a']);
      }
    });
  });

  describe('the filter', () => {
    it('is re-checked locally: contacts the server returned without the tag are dropped', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load, { tags: ['VIP'] });
      const done = store.refresh();
      const stranger = contact({ name: 'stranger', tags: ['lead'] });
      const mixedCase = contact({ name: 'mixed', tags: ['Vip'] });
      calls[0].page([a, stranger]);
      assert.deepEqual(ids(store.contacts), ['a']);
      calls[0].resolve([a, stranger, mixedCase]);
      await done;
      assert.deepEqual(ids(store.contacts), ['a', 'mixed']);
    });

    it('is re-checked locally for the source and for ALL tags', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load, { source: 'WhatsApp', tags: ['vip', 'lead'] });
      const done = store.refresh();
      const both = contact({ name: 'both', source: 'whatsapp', tags: ['lead', 'VIP'] });
      const oneTag = contact({ name: 'oneTag', source: 'whatsapp', tags: ['vip'] });
      const otherSource = contact({ name: 'otherSource', source: 'telegram', tags: ['vip', 'lead'] });
      calls[0].resolve([both, oneTag, otherSource]);
      await done;
      assert.deepEqual(ids(store.contacts), ['both']);
    });

    it('is re-checked on partial contacts too', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load, { tags: ['vip'] });
      const done = store.refresh();
      calls[0].reject(Object.assign(new Error('limit'), { partial: [a, contact({ name: 'plain' })] }));
      await done;
      assert.deepEqual(ids(store.contacts), ['a']);
    });

    it('shows a filter the server must answer progressively when it changes', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const first = store.refresh();
      calls[0].resolve([a, b, contact({ name: 'plain' })]);
      await first;
      const second = store.setFilter({ tags: ['vip'], teamUuid: 'team-1' });
      assert.deepEqual(ids(store.contacts), ['a', 'b', 'plain'], 'nothing changes before the first page');
      calls[1].page([c]);
      assert.deepEqual(ids(store.contacts), ['c']);
      calls[1].resolve([c, d]);
      await second;
      assert.deepEqual(ids(store.contacts), ['c', 'd']);
    });
  });

  describe('clear()', () => {
    it('empties the store, forgets the error and changes the version', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const first = store.refresh();
      calls[0].resolve([a, b]);
      await first;
      const second = store.refresh();
      calls[1].reject(new Error('x'));
      await second;
      const version = store.version;
      let notified = 0;
      store.onDidChange(() => notified++);

      store.clear();
      assert.deepEqual(store.contacts, []);
      assert.equal(store.version, version + 1);
      assert.equal(store.hasLoaded, false);
      assert.equal(store.error, undefined);
      assert.equal(store.isLoading, false);
      assert.ok(notified > 0);
    });

    it('aborts the load in flight and drops its late pages and result', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const done = store.refresh();
      calls[0].page([a]);
      store.clear();
      assert.equal(calls[0].signal.aborted, true);
      assert.equal(store.isLoading, false);
      calls[0].page([b]);
      calls[0].resolve([a, b]);
      await done;
      assert.deepEqual(store.contacts, []);
      assert.equal(store.hasLoaded, false);
      assert.equal(store.isLoading, false);
    });

    it('lets the store load again afterwards', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      store.clear();
      const done = store.refresh();
      calls[0].page([c]);
      assert.deepEqual(ids(store.contacts), ['c'], 'progressive again after a clear');
      calls[0].resolve([c]);
      await done;
      assert.equal(store.hasLoaded, true);
    });
  });

  describe('cancel()', () => {
    it('aborts the load in flight and keeps what is shown', async () => {
      const { load, calls } = fakeLoader();
      const store = new ContactStore(load);
      const done = store.refresh();
      calls[0].page([a]);
      store.cancel();
      assert.equal(calls[0].signal.aborted, true);
      assert.equal(store.isLoading, false);
      calls[0].page([b]);
      calls[0].resolve([a, b]);
      await done;
      assert.deepEqual(ids(store.contacts), ['a']);
      assert.equal(store.error, undefined);
    });

    it('does nothing when idle', () => {
      const store = new ContactStore(fakeLoader().load);
      let notified = 0;
      store.onDidChange(() => notified++);
      store.cancel();
      assert.equal(notified, 0);
      assert.equal(store.version, 0);
    });
  });
});
