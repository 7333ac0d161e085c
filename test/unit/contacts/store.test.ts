/** Loading: the first load, pages arriving in bursts, and refreshes that replace a load in flight. */
import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import { type ContactFilter, NO_FILTER } from '../../../src/contacts/filter';
import { contact } from './builders';
import { ids, settle, storeHarness } from './storeHarness';

describe('contacts/store', () => {
  const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((name) => contact({ name, tags: ['vip'], source: 'whatsapp' }));

  it('starts empty, idle and never loaded', () => {
    const { store } = storeHarness();
    assert.deepEqual(store.contacts, []);
    assert.equal(store.version, 0);
    assert.equal(store.isLoading, false);
    assert.equal(store.hasLoaded, false);
    assert.equal(store.error, undefined);
    assert.deepEqual(store.filter, NO_FILTER);
  });

  it('loads with the filter it was given, and with a new one after setFilter', () => {
    const initial: ContactFilter = { source: 'whatsapp', tags: ['vip'] };
    const { store, refresh, setFilter } = storeHarness({ filter: initial });
    assert.deepEqual(store.filter, initial);
    assert.deepEqual(refresh().filter, initial);
    const next: ContactFilter = { tags: ['lead'] };
    const second = setFilter(next);
    assert.deepEqual(store.filter, next);
    assert.deepEqual(second.filter, next);
  });

  it('publishes the first page at once, then the full list when the load completes', async () => {
    const { store, calls, refresh } = storeHarness();
    const load = refresh();
    assert.equal(store.isLoading, true);
    assert.equal(calls.length, 1);
    assert.equal(load.signal.aborted, false);

    const before = store.version;
    load.page([a, b]);
    assert.deepEqual(ids(store.contacts), ['a', 'b']);
    assert.ok(store.version > before, 'version changes with the contacts');
    assert.equal(store.hasLoaded, true);
    assert.equal(store.isLoading, true);

    load.resolve([a, b, c]);
    await load.done;
    assert.deepEqual(ids(store.contacts), ['a', 'b', 'c']);
    assert.equal(store.isLoading, false);
    assert.equal(store.error, undefined);
  });

  it('tells listeners about loading, each published page and the end of the load', async () => {
    const { store, refresh } = storeHarness();
    const seen: { loading: boolean; count: number }[] = [];
    store.onDidChange(() => seen.push({ loading: store.isLoading, count: store.contacts.length }));
    const load = refresh();
    load.page([a]);
    load.resolve([a, b]);
    await load.done;
    assert.deepEqual(seen[0], { loading: true, count: 0 });
    assert.ok(seen.some((s) => s.loading && s.count === 1), JSON.stringify(seen));
    assert.deepEqual(seen[seen.length - 1], { loading: false, count: 2 });
  });

  it('stops calling a listener once it is disposed', async () => {
    const { store, loaded } = storeHarness();
    let count = 0;
    const subscription = store.onDidChange(() => count++);
    subscription.dispose();
    await loaded([a]);
    store.clear();
    assert.equal(count, 0);
  });

  describe('pages arriving in a burst', () => {
    beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
    afterEach(() => mock.timers.reset());

    it('batches later pages and publishes them within the interval', async () => {
      const { store, refresh } = storeHarness();
      const load = refresh();
      load.page([a]);
      load.page([b]);
      load.page([c]);
      assert.deepEqual(ids(store.contacts), ['a'], 'pages right after the first are batched');
      mock.timers.tick(1000);
      assert.deepEqual(ids(store.contacts), ['a', 'b', 'c']);
      load.resolve([a, b, c, d]);
      await load.done;
      assert.deepEqual(ids(store.contacts), ['a', 'b', 'c', 'd']);
    });

    it('publishes a page arriving after a quiet interval at once', () => {
      const { store, refresh } = storeHarness();
      const load = refresh();
      load.page([a]);
      mock.timers.tick(1000);
      load.page([b]);
      assert.deepEqual(ids(store.contacts), ['a', 'b']);
    });

    it('never publishes a batched page of a load that a newer refresh replaced', async () => {
      const { store, refresh, setFilter } = storeHarness({ filter: { tags: ['vip'] } });
      const first = refresh();
      first.page([a]);
      first.page([b]); // batched, waiting for the interval
      const second = setFilter({ tags: [] });
      assert.equal(first.signal.aborted, true);
      const x = contact({ name: 'x' });
      second.page([x]);
      assert.deepEqual(ids(store.contacts), ['x']);
      mock.timers.tick(1000);
      assert.deepEqual(ids(store.contacts), ['x'], 'the first load must not overwrite the second');
      second.resolve([x]);
      await second.done;
      mock.timers.tick(1000);
      assert.deepEqual(ids(store.contacts), ['x']);
    });

    it('never publishes a batched page after clear()', () => {
      const { store, refresh } = storeHarness();
      const load = refresh();
      load.page([a]);
      load.page([b]);
      store.clear();
      mock.timers.tick(1000);
      assert.deepEqual(store.contacts, []);
      assert.equal(store.hasLoaded, false);
    });

    it('never publishes a batched page after cancel()', () => {
      const { store, refresh } = storeHarness();
      const load = refresh();
      load.page([a]);
      load.page([b]);
      store.cancel();
      mock.timers.tick(1000);
      assert.deepEqual(ids(store.contacts), ['a']);
    });
  });

  describe('a refresh while loading', () => {
    it('aborts the first load and never shows its late pages or result', async () => {
      const { store, calls, refresh } = storeHarness();
      const first = refresh();
      first.page([a]);
      const second = refresh();
      assert.equal(calls.length, 2);
      assert.equal(first.signal.aborted, true);
      assert.equal(second.signal.aborted, false);

      first.page([b, c]);
      first.resolve([a, b, c]);
      await first.done;
      assert.deepEqual(ids(store.contacts), ['a'], 'late data of the first load is dropped');
      assert.equal(store.isLoading, true, 'the second load is still running');

      second.resolve([d, e]);
      await second.done;
      assert.deepEqual(ids(store.contacts), ['d', 'e']);
      assert.equal(store.isLoading, false);
    });

    it('ignores a late failure of the first load', async () => {
      const { store, refresh } = storeHarness();
      const first = refresh();
      const second = refresh();
      first.reject(new Error('late failure'));
      await first.done;
      assert.equal(store.error, undefined);
      assert.equal(store.isLoading, true);
      second.resolve([a]);
      await second.done;
      assert.deepEqual(ids(store.contacts), ['a']);
      assert.equal(store.error, undefined);
    });

    it('works with a loader that rejects as soon as it is aborted', async () => {
      const { store, refresh, setFilter } = storeHarness({ rejectOnAbort: true });
      const first = refresh();
      first.page([a]);
      const second = setFilter({ tags: ['vip'] });
      await first.done;
      assert.equal(store.error, undefined, 'an aborted load is not a failure');
      assert.equal(store.isLoading, true);
      second.page([b]);
      second.resolve([b, c]);
      await second.done;
      assert.deepEqual(ids(store.contacts), ['b', 'c']);
      assert.equal(store.isLoading, false);
    });

    it('never interleaves pages of two loads for different filters', async () => {
      const { store, setFilter } = storeHarness();
      const whatsapp = setFilter({ source: 'whatsapp', tags: [] });
      const instagram = setFilter({ source: 'instagram', tags: [] });
      const insta = [1, 2, 3].map((i) => contact({ name: `i${i}`, source: 'instagram' }));
      instagram.page([insta[0]]);
      whatsapp.page([a]);
      instagram.page([insta[1]]);
      whatsapp.page([b]);
      instagram.resolve(insta);
      whatsapp.resolve([a, b]);
      await instagram.done;
      await settle();
      assert.deepEqual(ids(store.contacts), ['i1', 'i2', 'i3']);
    });
  });
});
