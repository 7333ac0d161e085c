import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api/contact';
import { createCollator } from '../../../src/contacts/grouping';
import { ContactsModel } from '../../../src/contacts/model';
import { parseSortBy, sortByCreated } from '../../../src/contacts/sort';
import { ContactStore } from '../../../src/contacts/store';
import { contact, names } from './builders';

async function modelOf(contacts: readonly Contact[], answer?: (filter: { teamUuid?: string }) => readonly Contact[]): Promise<ContactsModel> {
  const store = new ContactStore(async (filter) => (answer ? answer(filter) : contacts));
  await store.refresh();
  return new ContactsModel(store, createCollator('en'));
}

describe('contacts/model', () => {
  const maria = contact({ name: 'María José', phoneNumber: '+34 611 22 33 44', tags: ['Lead'], source: 'instagram', createdAt: '2024-03-01T10:00:00Z' });
  const mario = contact({ name: 'Mario', tags: ['vip'], source: 'whatsapp', createdAt: '2024-05-01T10:00:00Z', customFields: { Ciudad: 'Málaga' } });
  const zoe = contact({ name: 'Zoë', tags: ['lead', 'vip'], source: 'whatsapp', createdAt: 'not a date', assignedUser: 'maria@example.com' });
  const bob = contact({ name: 'Bob', tags: [], source: 'telegram', createdAt: '2023-01-01T00:00:00Z' });
  const nodate = contact({ name: 'Al', tags: [], source: 'telegram' });
  const everyone = [maria, mario, zoe, bob, nodate];

  describe('the text filter', () => {
    it('narrows contacts and groups to name, phone digits, tag, assignee or custom field matches, accents folded', async () => {
      const model = await modelOf(everyone);
      model.setTextFilter('maria');
      assert.deepEqual(names(model.contacts), ['María José', 'Zoë'], 'the name, and the assigned user');
      model.setTextFilter('malaga');
      assert.deepEqual(names(model.contacts), ['Mario']);
      model.setTextFilter('6112233');
      assert.deepEqual(names(model.contacts), ['María José']);
      model.setTextFilter('LEAD');
      assert.deepEqual(model.groups('tag').map((group) => group.label), ['Lead', 'vip'], 'groups of the matching contacts only');
      model.setTextFilter('');
      assert.equal(model.contacts.length, everyone.length);
    });

    it('changes the version and tells listeners, without a new data version', async () => {
      const model = await modelOf(everyone);
      const version = model.version;
      const dataVersion = model.dataVersion;
      let told = 0;
      model.onDidChange(() => told++);
      model.setTextFilter('bob');
      assert.notEqual(model.version, version);
      assert.equal(model.dataVersion, dataVersion);
      assert.equal(told, 1);
      model.setTextFilter('bob');
      assert.equal(told, 1, 'the same text is no change');
      assert.equal(model.loadedContacts.length, everyone.length, 'the loaded contacts (search, public API) ignore the text');
      assert.equal(model.searchIndex.search('mario', 10).length, 1);
    });
  });

  describe('the order', () => {
    it('sorts by name by default, or by creation date, undated contacts last in both directions', async () => {
      const model = await modelOf(everyone);
      assert.deepEqual(names(model.contacts), ['Al', 'Bob', 'María José', 'Mario', 'Zoë']);
      model.setSortBy('newest');
      assert.deepEqual(names(model.contacts), ['Mario', 'María José', 'Bob', 'Al', 'Zoë']);
      model.setSortBy('oldest');
      assert.deepEqual(names(model.contacts), ['Bob', 'María José', 'Mario', 'Al', 'Zoë']);
      assert.deepEqual(names(model.groups('source').find((group) => group.id === 'source:whatsapp')?.contacts ?? []), ['Mario', 'Zoë'], 'groups keep the order');
    });

    it('combines with the text filter', async () => {
      const model = await modelOf(everyone);
      model.setSortBy('newest');
      model.setTextFilter('mari');
      assert.deepEqual(names(model.contacts), ['Mario', 'María José', 'Zoë']);
    });

    it('keeps equal dates in name order and reads unknown settings as name', () => {
      const same = '2024-01-01T00:00:00Z';
      const sorted = sortByCreated([contact({ name: 'A', createdAt: same }), contact({ name: 'B', createdAt: same })], 'newest');
      assert.deepEqual(names(sorted), ['A', 'B']);
      assert.equal(parseSortBy('newest'), 'newest');
      assert.equal(parseSortBy('created'), 'name');
      assert.equal(parseSortBy(undefined), 'name');
    });
  });

  describe('counts for the pickers', () => {
    it('lists the tags of the whole account while a filter narrows the contacts', async () => {
      const model = await modelOf(everyone);
      await model.store.setFilter({ source: 'telegram', tags: [] });
      assert.deepEqual(names(model.contacts), ['Al', 'Bob']);
      assert.deepEqual(model.tagCounts().map((tag) => [tag.label, tag.count]), [['Lead', 2], ['vip', 2]]);
      assert.equal(model.sourceCounts().get('whatsapp'), 2);
      assert.equal(model.totalCount, everyone.length);
    });

    it('keeps the account’s tags while a team listing from the server is in force', async () => {
      const model = await modelOf(everyone, (filter) => (filter.teamUuid ? [bob] : everyone));
      await model.store.setFilter({ teamUuid: 'team-1', tags: [] });
      assert.deepEqual(names(model.contacts), ['Bob']);
      assert.deepEqual(model.tagCounts().map((tag) => tag.label), ['Lead', 'vip']);
    });
  });

  it('a local filter change keeps the name order without sorting the listing again', async () => {
    const model = await modelOf(everyone);
    const byName = model.loadedContacts;
    await model.store.setFilter({ source: 'whatsapp', tags: [] });
    assert.deepEqual(names(model.loadedContacts), ['Mario', 'Zoë']);
    await model.store.setFilter({ tags: [] });
    assert.equal(model.loadedContacts, byName, 'the whole listing again: the same sorted array');
  });
});
