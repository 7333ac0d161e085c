/** One spelling per tag, the same in the group rows and the tag picker, across pages, filters, refreshes and sign-out. */
import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import type { Contact } from '../../../src/api/contact';
import { matchesFilter } from '../../../src/contacts/filter';
import { createCollator } from '../../../src/contacts/grouping';
import { ContactsModel } from '../../../src/contacts/model';
import { contact, shuffled } from './builders';
import { storeHarness } from './storeHarness';

const collator = createCollator('en');

/** `count` contacts carrying `spelling` (and `other`), from `source`. */
function carrying(spelling: string, count: number, source = 'whatsapp', other: string[] = []): Contact[] {
  return Array.from({ length: count }, (_, i) => contact({ name: `${spelling} ${source} ${i}`, tags: [spelling, ...other], source }));
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

function harnessedModel(...args: Parameters<typeof storeHarness>): ReturnType<typeof storeHarness> & { model: ContactsModel } {
  const harness = storeHarness(...args);
  return { ...harness, model: new ContactsModel(harness.store, collator) };
}

/** The label of the tag group with key `key` and of the picker's entry for it; they must agree. */
function labelOf(model: ContactsModel, key: string): string | undefined {
  const group = model.groups('tag').find((g) => g.id === `tag:${key}`)?.label;
  const picked = model.tagCounts().find((tag) => tag.key === key)?.label;
  assert.equal(picked, group, 'the tag picker spells the tag as the group row does');
  return group;
}

describe('contacts/tagSpellings', () => {
  // The account: "lead" ×7, "Lead" ×5, "LEAD" ×3. Each page has another majority.
  const pageA = [...carrying('LEAD', 3), ...carrying('Lead', 1)];
  const pageB = [...carrying('Lead', 4), ...carrying('lead', 1)];
  const pageC = carrying('lead', 6, 'instagram');
  const account = [...pageA, ...pageB, ...pageC];
  const majorityOf: ReadonlyMap<Contact[], string> = new Map([
    [pageA, 'LEAD'],
    [pageB, 'Lead'],
    [pageC, 'lead'],
  ]);

  describe('pages arriving one by one', () => {
    beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
    afterEach(() => mock.timers.reset());

    for (const order of permutations([pageA, pageB, pageC])) {
      const first = majorityOf.get(order[0]);
      it(`keeps the spelling of the first page shown (${first}) through pages ${order.map((page) => majorityOf.get(page)).join(', ')} and the end of the load`, async () => {
        const { model, refresh } = harnessedModel();
        const load = refresh();
        const seen: (string | undefined)[] = [];
        for (const page of order) {
          load.page(page);
          mock.timers.tick(1000);
          seen.push(labelOf(model, 'lead'));
        }
        load.resolve(order.flat());
        await load.done;
        seen.push(labelOf(model, 'lead'));
        assert.deepEqual(seen, [first, first, first, first]);
        assert.equal(model.groups('tag')[0].contacts.length, account.length, 'every spelling in the one group');
      });
    }

    it('labels a tag first seen on a later page with that page’s most common spelling, and keeps it', async () => {
      const { model, refresh } = harnessedModel();
      const load = refresh();
      load.page(pageA);
      mock.timers.tick(1000);
      assert.equal(labelOf(model, 'vip'), undefined);
      const vips = [...carrying('Vip', 1, 'telegram', ['lead']), ...carrying('VIP', 2, 'telegram')];
      load.page(vips);
      mock.timers.tick(1000);
      assert.equal(labelOf(model, 'vip'), 'VIP');
      const more = carrying('vip', 5);
      load.resolve([...pageA, ...vips, ...more]);
      await load.done;
      assert.equal(labelOf(model, 'vip'), 'VIP');
      assert.equal(labelOf(model, 'lead'), 'LEAD');
    });
  });

  describe('the whole account at once', () => {
    it('labels each tag with its most common spelling, whatever the order of the contacts', async () => {
      for (const seed of [1, 2, 3, 4]) {
        const { model, loaded } = harnessedModel();
        await loaded(shuffled(account, seed));
        assert.equal(labelOf(model, 'lead'), 'lead');
      }
    });

    it('breaks a tie the same way whatever the order', async () => {
      const tie = [...carrying('billing', 2), ...carrying('Billing', 2)];
      for (const seed of [1, 2, 3, 4]) {
        const { model, loaded } = harnessedModel();
        await loaded(shuffled(tie, seed));
        assert.equal(labelOf(model, 'billing'), 'Billing', 'upper case sorts first');
      }
    });
  });

  describe('filters', () => {
    it('keeps the account’s spelling under a local filter that leaves mostly another one', async () => {
      const { model, loaded, store } = harnessedModel();
      await loaded(account);
      assert.equal(labelOf(model, 'lead'), 'lead');
      await store.setFilter({ source: 'whatsapp', tags: [] });
      assert.equal(model.contacts.length, pageA.length + pageB.length, 'the filter applied locally');
      assert.equal(labelOf(model, 'lead'), 'lead', 'whatsapp alone has "Lead" ×5, "LEAD" ×3, "lead" ×1');
    });

    it('keeps the account’s spelling under a server-side filter that returns only some contacts', async () => {
      const { model, loaded, setFilter, store } = harnessedModel();
      await loaded(account);
      const team = setFilter({ teamUuid: 'team-1', tags: [] });
      team.page(pageA);
      assert.equal(labelOf(model, 'lead'), 'lead', 'while the team’s pages arrive');
      team.resolve(pageA);
      await team.done;
      assert.equal(store.listing?.contacts, pageA, 'the team listing is in force');
      assert.equal(labelOf(model, 'lead'), 'lead', 'the team alone has "LEAD" ×3');
      await store.setFilter({ tags: [] });
      assert.equal(labelOf(model, 'lead'), 'lead');
    });

    it('labels a tag only a narrower listing from the server carries with that listing’s spelling, and keeps it', async () => {
      const { model, setFilter, store } = harnessedModel();
      // The account's listing ended early (the pagination limit): the server is asked for the tag.
      const cut = setFilter({ tags: [] });
      cut.reject(Object.assign(new Error('Pagination limit exceeded'), { partial: carrying('other', 20) }));
      await cut.done;
      const billing = [...carrying('Billing', 2), ...carrying('billing', 1, 'telegram')];
      const byTag = setFilter({ tags: ['billing'] });
      byTag.resolve(billing);
      await byTag.done;
      assert.deepEqual(model.tagCounts().map((tag) => tag.key), ['other'], 'the picker lists the account’s tags only');
      assert.equal(model.groups('tag')[0].label, 'Billing');
      await store.setFilter({ tags: ['billing'], source: 'telegram' });
      assert.equal(model.groups('tag')[0].label, 'Billing', 'telegram alone has "billing" only');
      await store.setFilter({ tags: ['billing'] });
      assert.equal(model.groups('tag')[0].label, 'Billing');
    });

    it('keeps the spelling under the text filter', async () => {
      const { model, loaded } = harnessedModel();
      await loaded(account);
      model.setTextFilter('LEAD whatsapp');
      assert.ok(model.contacts.length > 0 && model.contacts.length < account.length);
      assert.equal(model.groups('tag')[0].label, 'lead');
      model.setTextFilter('');
      assert.equal(labelOf(model, 'lead'), 'lead');
    });

    it('filtering to the group’s spelling shows every contact of the group, whatever their spelling', async () => {
      const { model, loaded, store } = harnessedModel();
      await loaded(account);
      const [group] = model.groups('tag');
      assert.ok(account.every((c) => matchesFilter(c, { tags: [group.label] })));
      await store.setFilter({ tags: [group.label] });
      assert.equal(model.contacts.length, account.length);
      assert.equal(model.groups('tag')[0].label, group.label);
    });
  });

  describe('refreshes and sign-out', () => {
    it('keeps the spelling after a refresh, even when another spelling has become more common', async () => {
      const { model, loaded } = harnessedModel();
      await loaded(account);
      assert.equal(labelOf(model, 'lead'), 'lead');
      await loaded(account);
      assert.equal(labelOf(model, 'lead'), 'lead');
      await loaded([...account, ...carrying('LEAD', 20)]);
      assert.equal(labelOf(model, 'lead'), 'lead', 'still carried, so kept');
    });

    it('chooses again after a refresh in which no contact carries the spelling any more', async () => {
      const { model, loaded } = harnessedModel();
      await loaded(account);
      assert.equal(labelOf(model, 'lead'), 'lead');
      await loaded([...pageA, ...carrying('Lead', 4)]);
      assert.equal(labelOf(model, 'lead'), 'Lead', '"Lead" ×5, "LEAD" ×3');
    });

    it('chooses again only over a complete listing of the whole account', async () => {
      const { model, loaded, failed } = harnessedModel();
      await loaded(account);
      assert.equal(labelOf(model, 'lead'), 'lead');
      await failed(Object.assign(new Error('Pagination limit exceeded'), { partial: pageA }));
      assert.equal(labelOf(model, 'lead'), 'lead', 'a cut-off listing does not show the tag was renamed');
    });

    it('forgets every spelling at sign-out', async () => {
      const { model, loaded, store } = harnessedModel();
      await loaded(account);
      assert.equal(labelOf(model, 'lead'), 'lead');
      store.clear();
      await loaded(pageB);
      assert.equal(labelOf(model, 'lead'), 'Lead');
    });
  });
});
