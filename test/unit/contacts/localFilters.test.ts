import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api/contact';
import { CallbellError } from '../../../src/api';
import { type ContactFilter, NO_FILTER } from '../../../src/contacts/filter';
import { type ContactLoader, ContactStore } from '../../../src/contacts/store';
import { contact, names } from './builders';

/** A loader that answers from memory at once and records every query it was asked. */
function recordingLoader(answer: (filter: ContactFilter) => readonly Contact[] | Error): { load: ContactLoader; queries: ContactFilter[] } {
  const queries: ContactFilter[] = [];
  const load: ContactLoader = async (filter, { onPage }) => {
    queries.push(filter);
    const result = answer(filter);
    if (result instanceof Error) throw result;
    onPage(result);
    return result;
  };
  return { load, queries };
}

describe('contacts/store: filters applied locally', () => {
  const ana = contact({ name: 'Ana', source: 'instagram', tags: ['Lead', 'urgente'], assignedUser: 'ana@example.com' });
  const bea = contact({ name: 'Bea', source: 'instagram', tags: ['lead'] });
  const carl = contact({ name: 'Carl', source: 'whatsapp', tags: ['urgente'] });
  const dan = contact({ name: 'Dan', source: 'whatsapp', tags: [] });
  const everyone = [ana, bea, carl, dan];
  /** A server that knows sources and one team, and ORs tags. */
  const server = (filter: ContactFilter): Contact[] =>
    everyone.filter(
      (c) =>
        (filter.source === undefined || c.source === filter.source) &&
        (filter.teamUuid === undefined || (filter.teamUuid === 'team-1' && c !== dan)) &&
        ((filter.tags ?? []).length === 0 || c.tags.some((tag) => (filter.tags ?? []).some((wanted) => wanted.toLowerCase() === tag.toLowerCase()))),
    );

  async function loadedStore(): Promise<{ store: ContactStore; queries: ContactFilter[] }> {
    const { load, queries } = recordingLoader(server);
    const store = new ContactStore(load);
    await store.refresh();
    assert.deepEqual(queries, [NO_FILTER]);
    return { store, queries };
  }

  it('answers source, tags and assignee filters from a complete unfiltered listing without asking the server', async () => {
    const { store, queries } = await loadedStore();
    await store.setFilter({ source: 'instagram', tags: [] });
    assert.deepEqual(names(store.contacts), ['Ana', 'Bea']);
    await store.setFilter({ source: 'instagram', tags: ['LEAD', 'urgente'] });
    assert.deepEqual(names(store.contacts), ['Ana']);
    await store.setFilter({ tags: ['lead', 'urgente'], tagMatch: 'any' });
    assert.deepEqual(names(store.contacts), ['Ana', 'Bea', 'Carl']);
    await store.setFilter({ tags: [], assignedUser: 'ANA@example.com' });
    assert.deepEqual(names(store.contacts), ['Ana']);
    await store.setFilter(NO_FILTER);
    assert.deepEqual(names(store.contacts), ['Ana', 'Bea', 'Carl', 'Dan']);
    assert.equal(queries.length, 1, 'no request after the first listing');
  });

  it('plans locally with the listing it will use, and says why when it cannot', async () => {
    const store = new ContactStore(recordingLoader(server).load);
    assert.deepEqual(store.planFilter(NO_FILTER), { local: false, reason: 'nothingLoaded' });
    await store.refresh();
    const plan = store.planFilter({ source: 'whatsapp' });
    assert.ok(plan.local && plan.listing === store.listing);
    assert.deepEqual(store.planFilter({ teamUuid: 'team-1' }), { local: false, reason: 'narrower' });
  });

  it('asks the server for a team, sending the other filters with it, and checks them locally', async () => {
    const { store, queries } = await loadedStore();
    await store.setFilter({ source: 'instagram', tags: ['urgente'], teamUuid: 'team-1', assignedUser: 'ana@example.com' });
    assert.deepEqual(queries[1], { source: 'instagram', tags: ['urgente'], teamUuid: 'team-1' }, 'the assignee is never sent');
    assert.deepEqual(names(store.contacts), ['Ana']);
    // Within the team's listing, dropping the local-only part is local again; widening it is not.
    await store.setFilter({ source: 'instagram', tags: ['urgente'], teamUuid: 'team-1' });
    assert.deepEqual(names(store.contacts), ['Ana']);
    assert.equal(queries.length, 2);
    await store.setFilter({ teamUuid: 'team-1', tags: [] });
    assert.deepEqual(names(store.contacts), ['Ana', 'Bea', 'Carl']);
    assert.equal(queries.length, 3);
  });

  it('keeps the unfiltered listing beside a narrower one: clearing the team asks nothing', async () => {
    const { store, queries } = await loadedStore();
    await store.setFilter({ teamUuid: 'team-1', tags: [] });
    assert.equal(queries.length, 2);
    await store.setFilter(NO_FILTER);
    assert.deepEqual(names(store.contacts), ['Ana', 'Bea', 'Carl', 'Dan']);
    assert.equal(queries.length, 2);
    assert.equal(store.listing, store.accountListing);
  });

  it('asks the server when the unfiltered listing ended at the pagination limit', async () => {
    const limit = new CallbellError('paginationLimit', 'limit', { partial: [ana, carl] });
    const { load, queries } = recordingLoader((filter) => (filter.source === undefined ? limit : server(filter)));
    const store = new ContactStore(load);
    await store.refresh();
    assert.deepEqual(names(store.contacts), ['Ana', 'Carl']);
    assert.deepEqual(store.planFilter({ source: 'instagram' }), { local: false, reason: 'incomplete' });
    await store.setFilter({ source: 'instagram', tags: [] });
    assert.deepEqual(queries[1], { source: 'instagram', tags: [] });
    assert.deepEqual(names(store.contacts), ['Ana', 'Bea'], 'the server’s listing, not the partial one');
    assert.equal(store.error, undefined);
  });

  it('asks the server when the listing in force is narrower than the new filter', async () => {
    const { load, queries } = recordingLoader(server);
    const store = new ContactStore(load, { source: 'instagram', tags: [] });
    await store.refresh();
    await store.setFilter({ source: 'instagram', tags: ['lead'] });
    assert.equal(queries.length, 1, 'narrowing inside the listing is local');
    await store.setFilter({ source: 'whatsapp', tags: [] });
    assert.deepEqual(queries.map((query) => query.source), ['instagram', 'whatsapp']);
    assert.deepEqual(names(store.contacts), ['Carl', 'Dan']);
  });

  it('refresh reloads the listing the contacts come from, not the narrower filter', async () => {
    const { store, queries } = await loadedStore();
    await store.setFilter({ source: 'whatsapp', tags: [] });
    await store.refresh();
    assert.deepEqual(queries, [NO_FILTER, NO_FILTER]);
    assert.deepEqual(names(store.contacts), ['Carl', 'Dan']);
  });

  it('a local filter change drops a load in flight that could not answer it, keeps one that can', async () => {
    const pending: { filter: ContactFilter; signal: AbortSignal; resolve: (contacts: readonly Contact[]) => void }[] = [];
    const store = new ContactStore((filter, { signal }) => new Promise((resolve) => pending.push({ filter, signal, resolve })));
    const first = store.refresh();
    pending[0].resolve(everyone);
    await first;
    void store.refresh();
    await store.setFilter({ source: 'whatsapp', tags: [] });
    assert.equal(pending[1].signal.aborted, false, 'the refresh of the same listing keeps going');
    assert.deepEqual(names(store.contacts), ['Carl', 'Dan']);
    const refreshed = contact({ name: 'Eve', source: 'whatsapp' });
    pending[1].resolve([...everyone, refreshed]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(names(store.contacts), ['Carl', 'Dan', 'Eve'], 'its result is filtered by the filter now in force');

    void store.setFilter({ teamUuid: 'team-1', tags: [] });
    assert.equal(store.isLoading, true);
    await store.setFilter(NO_FILTER);
    assert.equal(pending[2].signal.aborted, true, 'the team listing is of no use any more');
    assert.equal(store.isLoading, false);
  });
});
