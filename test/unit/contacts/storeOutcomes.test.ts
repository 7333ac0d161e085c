/** How loads end and are stopped: failures, the local filter check, clear() and cancel(). */
import * as assert from 'node:assert/strict';
import { contact } from './builders';
import { ids, storeHarness } from './storeHarness';

describe('contacts/store', () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => contact({ name, tags: ['vip'], source: 'whatsapp' }));

  describe('failures', () => {
    it('keep the previous contacts and set the error', async () => {
      const { store, refresh, loaded } = storeHarness();
      await loaded([a, b]);
      const version = store.version;

      const failure = new Error('503 Service Unavailable');
      const second = refresh();
      second.page([c]); // same filter: pages are not shown until the load completes
      assert.deepEqual(ids(store.contacts), ['a', 'b']);
      second.reject(failure);
      await second.done;
      assert.deepEqual(ids(store.contacts), ['a', 'b']);
      assert.equal(store.error, failure);
      assert.equal(store.isLoading, false);
      assert.equal(store.version, version, 'the contacts did not change');
    });

    it('are cleared by the next successful load', async () => {
      const { store, refresh, failed } = storeHarness();
      await failed(new Error('offline'));
      assert.ok(store.error instanceof Error);
      assert.equal(store.hasLoaded, false);

      const second = refresh();
      assert.ok(store.error instanceof Error, 'the error stays until a load succeeds');
      second.resolve([a]);
      await second.done;
      assert.equal(store.error, undefined);
      assert.deepEqual(ids(store.contacts), ['a']);
    });

    it('show the partial contacts an error carries', async () => {
      const { store, loaded, failed } = storeHarness();
      await loaded([a]);

      const limit = Object.assign(new Error('Pagination limit exceeded'), { partial: [b, c, d] });
      await failed(limit);
      assert.deepEqual(ids(store.contacts), ['b', 'c', 'd']);
      assert.equal(store.error, limit);
      assert.equal(store.isLoading, false);
    });

    it('keep the pages received so far of a first load', async () => {
      const { store, refresh } = storeHarness();
      const load = refresh();
      load.page([a, b]);
      load.reject(new Error('connection reset'));
      await load.done;
      assert.deepEqual(ids(store.contacts), ['a', 'b']);
      assert.ok(store.error instanceof Error);
    });

    it('keep the previous contacts when the error carries an empty partial list', async () => {
      const { store, loaded, failed } = storeHarness();
      await loaded([a]);
      await failed(Object.assign(new Error('x'), { partial: [] }));
      assert.deepEqual(ids(store.contacts), ['a']);
    });

    it('do not make refresh() reject, whatever the loader throws', async () => {
      for (const thrown of [undefined, null, 'text', 42]) {
        const { store, refresh, loaded } = storeHarness();
        await loaded([a]);
        const second = refresh();
        second.reject(thrown);
        await assert.doesNotReject(second.done, String(thrown));
        assert.equal(store.isLoading, false);
        assert.deepEqual(ids(store.contacts), ['a']);
      }
    });
  });

  describe('the filter', () => {
    it('is re-checked locally: contacts the server returned without the tag are dropped', async () => {
      const { store, refresh } = storeHarness({ filter: { tags: ['VIP'] } });
      const load = refresh();
      const stranger = contact({ name: 'stranger', tags: ['lead'] });
      const mixedCase = contact({ name: 'mixed', tags: ['Vip'] });
      load.page([a, stranger]);
      assert.deepEqual(ids(store.contacts), ['a']);
      load.resolve([a, stranger, mixedCase]);
      await load.done;
      assert.deepEqual(ids(store.contacts), ['a', 'mixed']);
    });

    it('is re-checked locally for the source and for ALL tags', async () => {
      const { store, loaded } = storeHarness({ filter: { source: 'WhatsApp', tags: ['vip', 'lead'] } });
      const both = contact({ name: 'both', source: 'whatsapp', tags: ['lead', 'VIP'] });
      const oneTag = contact({ name: 'oneTag', source: 'whatsapp', tags: ['vip'] });
      const otherSource = contact({ name: 'otherSource', source: 'telegram', tags: ['vip', 'lead'] });
      await loaded([both, oneTag, otherSource]);
      assert.deepEqual(ids(store.contacts), ['both']);
    });

    it('is re-checked on partial contacts too', async () => {
      const { store, failed } = storeHarness({ filter: { tags: ['vip'] } });
      await failed(Object.assign(new Error('limit'), { partial: [a, contact({ name: 'plain' })] }));
      assert.deepEqual(ids(store.contacts), ['a']);
    });

    it('shows a filter the server must answer progressively when it changes', async () => {
      const { store, loaded, setFilter } = storeHarness();
      await loaded([a, b, contact({ name: 'plain' })]);
      const second = setFilter({ tags: ['vip'], teamUuid: 'team-1' });
      assert.deepEqual(ids(store.contacts), ['a', 'b', 'plain'], 'nothing changes before the first page');
      second.page([c]);
      assert.deepEqual(ids(store.contacts), ['c']);
      second.resolve([c, d]);
      await second.done;
      assert.deepEqual(ids(store.contacts), ['c', 'd']);
    });
  });

  describe('clear()', () => {
    it('empties the store, forgets the error and changes the version', async () => {
      const { store, loaded, failed } = storeHarness();
      await loaded([a, b]);
      await failed(new Error('x'));
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
      const { store, refresh } = storeHarness();
      const load = refresh();
      load.page([a]);
      store.clear();
      assert.equal(load.signal.aborted, true);
      assert.equal(store.isLoading, false);
      load.page([b]);
      load.resolve([a, b]);
      await load.done;
      assert.deepEqual(store.contacts, []);
      assert.equal(store.hasLoaded, false);
      assert.equal(store.isLoading, false);
    });

    it('lets the store load again afterwards', async () => {
      const { store, refresh } = storeHarness();
      store.clear();
      const load = refresh();
      load.page([c]);
      assert.deepEqual(ids(store.contacts), ['c'], 'progressive again after a clear');
      load.resolve([c]);
      await load.done;
      assert.equal(store.hasLoaded, true);
    });
  });

  describe('cancel()', () => {
    it('aborts the load in flight and keeps what is shown', async () => {
      const { store, refresh } = storeHarness();
      const load = refresh();
      load.page([a]);
      store.cancel();
      assert.equal(load.signal.aborted, true);
      assert.equal(store.isLoading, false);
      load.page([b]);
      load.resolve([a, b]);
      await load.done;
      assert.deepEqual(ids(store.contacts), ['a']);
      assert.equal(store.error, undefined);
    });

    it('does nothing when idle', () => {
      const { store } = storeHarness();
      let notified = 0;
      store.onDidChange(() => notified++);
      store.cancel();
      assert.equal(notified, 0);
      assert.equal(store.version, 0);
    });
  });
});
