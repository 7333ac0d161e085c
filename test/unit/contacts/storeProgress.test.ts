/** How far a load has got and how much it will bring: what the view's “1,200 of about 12,000” comes from. */
import * as assert from 'node:assert/strict';
import { createCollator } from '../../../src/contacts/grouping';
import { estimateTotal } from '../../../src/contacts/listing';
import { ContactsModel } from '../../../src/contacts/model';
import { contact } from './builders';
import { storeHarness } from './storeHarness';

describe('contacts/store: progress and totals', () => {
  const people = Array.from({ length: 6 }, (_, index) => contact({ name: `p${index}`, source: 'whatsapp' }));

  it('estimates the whole listing from the pages Callbell announced, never below what is loaded', () => {
    assert.equal(estimateTotal({ loaded: 10_000, pagesLoaded: 500, pagesAnnounced: 600 }), 12_000);
    assert.equal(estimateTotal({ loaded: 20, pagesLoaded: 1, pagesAnnounced: 3 }), 60);
    assert.equal(estimateTotal({ loaded: 45, pagesLoaded: 3, pagesAnnounced: 2 }), 45);
    assert.equal(estimateTotal({ loaded: 45, pagesLoaded: 3 }), undefined, 'cursor mode says nothing');
    assert.equal(estimateTotal({ loaded: 0, pagesLoaded: 0, pagesAnnounced: 3 }), undefined);
    assert.equal(estimateTotal(undefined), undefined);
  });

  it('says while loading how many contacts the load will bring, and forgets it once it completes', async () => {
    const { store, refresh } = storeHarness();
    const model = new ContactsModel(store, createCollator('en'));
    const load = refresh();
    assert.equal(store.loadedSoFar, 0);
    assert.equal(store.expectedCount, undefined, 'nothing known before the first page');
    load.page(people.slice(0, 2), { loaded: 2, pagesLoaded: 1, pagesAnnounced: 3 });
    assert.equal(store.loadedSoFar, 2);
    assert.equal(store.expectedCount, 6);
    assert.equal(store.listing?.estimatedTotal, 6);
    assert.equal(model.isPartial, true, 'the groups count what arrived so far');
    assert.equal(model.isTotalPartial, true);
    load.resolve(people);
    await load.done;
    assert.equal(store.expectedCount, undefined);
    assert.equal(store.listing?.complete, true);
    assert.equal(store.listing?.estimatedTotal, undefined);
    assert.equal(model.isPartial, false);
  });

  it('without announced pages, counts only what arrived', () => {
    const { store, refresh } = storeHarness();
    const load = refresh();
    load.page(people.slice(0, 2), { loaded: 2, pagesLoaded: 1 });
    assert.equal(store.loadedSoFar, 2);
    assert.equal(store.expectedCount, undefined);
  });

  it('keeps the estimate on a listing cut at Callbell’s limit, which stays partial', async () => {
    const { store, refresh } = storeHarness();
    const model = new ContactsModel(store, createCollator('en'));
    const load = refresh();
    load.page(people.slice(0, 2), { loaded: 2, pagesLoaded: 1, pagesAnnounced: 6 });
    load.page(people.slice(2, 4), { loaded: 4, pagesLoaded: 2, pagesAnnounced: 6 });
    load.reject(Object.assign(new Error('Pagination limit exceeded'), { partial: people.slice(0, 4) }));
    await load.done;
    assert.equal(store.contacts.length, 4);
    assert.equal(store.listing?.complete, false);
    assert.equal(store.listing?.estimatedTotal, 12);
    assert.equal(store.expectedCount, undefined, 'no load in progress');
    assert.equal(model.isPartial, true);
    assert.equal(model.totalCount, 4);
  });
});
