import * as assert from 'node:assert/strict';
import { type ContactFilter, NO_FILTER, isFiltered, listingCovers, matchesFilter, parseStoredFilter, parseStoredTeamName, sameFilter, serverQuery } from '../../../src/contacts/filter';
import { contact } from './builders';

describe('contacts/filter', () => {
  describe('isFiltered', () => {
    it('is false only with no source and no tags', () => {
      assert.equal(isFiltered(NO_FILTER), false);
      assert.equal(isFiltered({ tags: [] }), false);
      assert.equal(isFiltered({ source: 'whatsapp', tags: [] }), true);
      assert.equal(isFiltered({ tags: ['vip'] }), true);
    });
  });

  describe('matchesFilter', () => {
    const vipLead = contact({ source: 'whatsapp', tags: ['VIP', 'lead'] });
    const vipOnly = contact({ source: 'instagram', tags: ['vip'] });
    const untagged = contact({ tags: [] });

    it('matches everything with no filter', () => {
      for (const c of [vipLead, vipOnly, untagged]) assert.equal(matchesFilter(c, NO_FILTER), true);
    });

    it('checks the source case-insensitively', () => {
      assert.equal(matchesFilter(vipLead, { source: 'WhatsApp', tags: [] }), true);
      assert.equal(matchesFilter(vipLead, { source: ' whatsapp ', tags: [] }), true);
      assert.equal(matchesFilter(vipOnly, { source: 'whatsapp', tags: [] }), false);
    });

    it('rejects a contact without source when a source is selected', () => {
      assert.equal(matchesFilter(untagged, { source: 'whatsapp', tags: [] }), false);
    });

    it('checks tags case-insensitively', () => {
      assert.equal(matchesFilter(vipOnly, { tags: ['VIP'] }), true);
      assert.equal(matchesFilter(vipLead, { tags: ['vip'] }), true);
      assert.equal(matchesFilter(vipLead, { tags: [' Lead '] }), true);
    });

    it('requires ALL selected tags, not any', () => {
      const filter: ContactFilter = { tags: ['vip', 'lead'] };
      assert.equal(matchesFilter(vipLead, filter), true);
      assert.equal(matchesFilter(vipOnly, filter), false);
      assert.equal(matchesFilter(untagged, filter), false);
    });

    it('requires the source and the tags together', () => {
      assert.equal(matchesFilter(vipLead, { source: 'whatsapp', tags: ['vip'] }), true);
      assert.equal(matchesFilter(vipOnly, { source: 'whatsapp', tags: ['vip'] }), false);
      assert.equal(matchesFilter(vipLead, { source: 'whatsapp', tags: ['cold'] }), false);
    });

    it('does not match a tag by prefix or substring', () => {
      const c = contact({ tags: ['leads', 'vip-gold'] });
      assert.equal(matchesFilter(c, { tags: ['lead'] }), false);
      assert.equal(matchesFilter(c, { tags: ['vip'] }), false);
    });
  });

  describe('sameFilter', () => {
    it('ignores tag order and case, and source case', () => {
      assert.equal(sameFilter({ source: 'WhatsApp', tags: ['VIP', 'lead'] }, { source: 'whatsapp', tags: ['Lead', 'vip'] }), true);
      assert.equal(sameFilter(NO_FILTER, { tags: [] }), true);
    });

    it('tells different sources and tags apart', () => {
      assert.equal(sameFilter({ tags: [] }, { source: 'whatsapp', tags: [] }), false);
      assert.equal(sameFilter({ source: 'instagram', tags: [] }, { source: 'whatsapp', tags: [] }), false);
      assert.equal(sameFilter({ tags: ['vip'] }, { tags: ['vip', 'lead'] }), false);
      assert.equal(sameFilter({ tags: ['vip'] }, { tags: ['lead'] }), false);
    });

    it('treats a tag selected twice as selected once (the contacts matched are the same)', () => {
      const twice: ContactFilter = { tags: ['vip', 'VIP'] };
      const once: ContactFilter = { tags: ['vip'] };
      assert.equal(sameFilter(twice, once), true);
      assert.equal(sameFilter(once, twice), true);
      assert.equal(sameFilter({ tags: ['vip', 'vip'] }, { tags: ['vip', 'lead'] }), false);
    });
  });

  describe('parseStoredFilter', () => {
    it('reads a well-formed stored filter', () => {
      assert.deepEqual(parseStoredFilter({ source: 'whatsapp', tags: ['vip', 'lead'] }), { source: 'whatsapp', tags: ['vip', 'lead'] });
      assert.deepEqual(parseStoredFilter({ tags: [] }), { source: undefined, tags: [] });
    });

    it('falls back to no filter for values that are not objects', () => {
      for (const value of [undefined, null, 42, 'whatsapp', true]) {
        const parsed = parseStoredFilter(value);
        assert.equal(parsed.source, undefined, String(value));
        assert.deepEqual(parsed.tags, [], String(value));
        assert.equal(isFiltered(parsed), false);
      }
    });

    it('drops fields of the wrong type and empty values', () => {
      assert.deepEqual(parseStoredFilter({ source: 7, tags: 'vip' }), { source: undefined, tags: [] });
      assert.deepEqual(parseStoredFilter({ source: '', tags: [1, 'vip', '', null, { a: 1 }, 'lead'] }), { source: undefined, tags: ['vip', 'lead'] });
    });

    it('ignores unknown fields from other versions', () => {
      assert.deepEqual(parseStoredFilter({ source: 'telegram', tags: ['x'], groupBy: 'tag', version: 3 }), { source: 'telegram', tags: ['x'] });
    });
  });

  describe('any selected tag, teams and assignees', () => {
    const vipLead = contact({ source: 'whatsapp', tags: ['VIP', 'lead'], assignedUser: 'Ana@Example.com' });
    const leadOnly = contact({ tags: ['Lead'] });
    const untagged = contact({ tags: [] });

    it('"any" needs one of the tags, "all" every one; with one tag they are the same', () => {
      assert.equal(matchesFilter(leadOnly, { tags: ['vip', 'lead'], tagMatch: 'any' }), true);
      assert.equal(matchesFilter(leadOnly, { tags: ['vip', 'lead'], tagMatch: 'all' }), false);
      assert.equal(matchesFilter(untagged, { tags: ['vip', 'lead'], tagMatch: 'any' }), false);
      assert.equal(sameFilter({ tags: ['vip'], tagMatch: 'any' }, { tags: ['VIP'] }), true);
      assert.equal(sameFilter({ tags: ['vip', 'lead'], tagMatch: 'any' }, { tags: ['vip', 'lead'] }), false);
    });

    it('checks the assignee case-insensitively, locally only; a team counts as a filter', () => {
      assert.equal(matchesFilter(vipLead, { tags: [], assignedUser: 'ana@example.com' }), true);
      assert.equal(matchesFilter(leadOnly, { tags: [], assignedUser: 'ana@example.com' }), false);
      assert.deepEqual(serverQuery({ source: 'whatsapp', tags: ['x'], assignedUser: 'ana@example.com', teamUuid: 't' }), { source: 'whatsapp', tags: ['x'], teamUuid: 't' });
      assert.equal(isFiltered({ tags: [], teamUuid: 't' }), true);
      assert.equal(isFiltered({ tags: [], assignedUser: 'a' }), true);
      assert.equal(sameFilter({ tags: [], teamUuid: 't' }, { tags: [] }), false);
    });

    it('tells which listings hold every contact a filter can match', () => {
      const none: ContactFilter = { tags: [] };
      assert.equal(listingCovers(none, { source: 'instagram', tags: ['a', 'b'], tagMatch: 'any', assignedUser: 'x' }), true);
      assert.equal(listingCovers(none, { tags: [], teamUuid: 't' }), false, 'a team is known to the server only');
      assert.equal(listingCovers({ tags: [], teamUuid: 't' }, { tags: ['a'], teamUuid: 't' }), true);
      assert.equal(listingCovers({ tags: [], teamUuid: 't' }, { tags: [] }), false);
      assert.equal(listingCovers({ source: 'instagram', tags: [] }, { source: 'Instagram', tags: ['a'] }), true);
      assert.equal(listingCovers({ source: 'instagram', tags: [] }, { tags: [] }), false);
      assert.equal(listingCovers({ tags: ['a'] }, { tags: ['A', 'b'] }), true);
      assert.equal(listingCovers({ tags: ['a', 'b'] }, { tags: ['a'] }), false);
      assert.equal(listingCovers({ tags: ['a'] }, { tags: ['a', 'b'], tagMatch: 'any' }), false);
      assert.equal(listingCovers({ tags: ['a', 'b'], tagMatch: 'any' }, { tags: ['b'] }), true);
      assert.equal(listingCovers({ tags: ['a', 'b'], tagMatch: 'any' }, { tags: ['b', 'c'] }), true);
      assert.equal(listingCovers({ tags: ['a', 'b'], tagMatch: 'any' }, { tags: ['b', 'c'], tagMatch: 'any' }), false);
      assert.equal(listingCovers({ tags: ['a', 'b'], tagMatch: 'any' }, { tags: [] }), false);
    });

    it('persists the team, the tag match and the assignee, and the team’s name beside them', () => {
      const stored = { source: 'whatsapp', tags: ['a', 'b'], tagMatch: 'any', teamUuid: 'team-1', teamName: 'Ventas', assignedUser: 'ana@example.com' };
      assert.deepEqual(parseStoredFilter(stored), { source: 'whatsapp', tags: ['a', 'b'], tagMatch: 'any', teamUuid: 'team-1', assignedUser: 'ana@example.com' });
      assert.equal(parseStoredTeamName(stored), 'Ventas');
      assert.deepEqual(parseStoredFilter({ tags: [], tagMatch: 'some', teamUuid: 4 }), { source: undefined, tags: [] });
      assert.equal(parseStoredTeamName({ teamName: { x: 1 } }), undefined);
      assert.equal(parseStoredTeamName(null), undefined);
    });
  });
});
