import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api/contact';
import { type ContactGroup, GROUP_BY_VALUES, countSources, countTags, createCollator, groupContacts, parseGroupBy, sortContacts } from '../../../src/contacts/grouping';
import { contact, hexUuid, names, seededRandom, shuffled, uuids } from './builders';

const collator = createCollator('en');

function group(groups: readonly ContactGroup[], id: string): ContactGroup {
  const found = groups.find((g) => g.id === id);
  assert.ok(found, `no group ${id} in ${groups.map((g) => g.id).join(', ')}`);
  return found;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe('contacts/grouping', () => {
  describe('parseGroupBy', () => {
    it('accepts the four modes and falls back to tag', () => {
      assert.deepEqual([...GROUP_BY_VALUES], ['tag', 'source', 'assignedUser', 'none']);
      for (const mode of ['tag', 'source', 'assignedUser', 'none']) assert.equal(parseGroupBy(mode), mode);
      for (const bad of [undefined, null, '', 'Tag', 'assigneduser', 3, {}]) assert.equal(parseGroupBy(bad), 'tag');
    });
  });

  describe('sortContacts', () => {
    it('sorts accented names with their base letter', () => {
      const sorted = sortContacts(shuffled(
        [contact({ name: 'Zoë' }), contact({ name: 'Álvaro' }), contact({ name: 'bob' }), contact({ name: 'Alice' }), contact({ name: 'Émile' }), contact({ name: 'ada' })],
        1,
      ), collator);
      assert.deepEqual(names(sorted), ['ada', 'Alice', 'Álvaro', 'bob', 'Émile', 'Zoë']);
    });

    it('sorts numbers inside names numerically', () => {
      const input = ['Contact 10', 'Contact 2', 'Contact 1', 'Contact 100', 'Contact 21'].map((name) => contact({ name }));
      assert.deepEqual(names(sortContacts(input, collator)), ['Contact 1', 'Contact 2', 'Contact 10', 'Contact 21', 'Contact 100']);
    });

    it('is case-insensitive', () => {
      const input = ['banana', 'Apple', 'cherry', 'apricot'].map((name) => contact({ name }));
      assert.deepEqual(names(sortContacts(input, collator)), ['Apple', 'apricot', 'banana', 'cherry']);
    });

    it('sorts nameless contacts by phone number, then by uuid', () => {
      const byPhone = contact({ name: '', phoneNumber: '555 0100' });
      const byUuid = contact({ name: '', uuid: 'cafe'.padEnd(32, '0') });
      const bob = contact({ name: 'Bob' });
      const dave = contact({ name: '  ', uuid: 'dddd'.padEnd(32, '0') });
      // Digits sort before letters; "Bob" < "cafe0…" < "dddd0…".
      assert.deepEqual(sortContacts([dave, bob, byUuid, byPhone], collator), [byPhone, bob, byUuid, dave]);
    });

    it('breaks ties between equal names by uuid, whatever the input order', () => {
      const a = contact({ name: 'Sam', uuid: hexUuid(1) });
      const b = contact({ name: 'sam', uuid: hexUuid(2) });
      const c = contact({ name: 'SAM', uuid: hexUuid(3) });
      for (const input of permutations([a, b, c])) assert.deepEqual(uuids(sortContacts(input, collator)), [hexUuid(1), hexUuid(2), hexUuid(3)]);
    });

    it('does not modify its input', () => {
      const input = [contact({ name: 'b' }), contact({ name: 'a' })];
      const copy = [...input];
      sortContacts(input, collator);
      assert.deepEqual(input, copy);
    });
  });

  describe('groupContacts by tag', () => {
    it('puts a contact in every group of its tags, with stable ids', () => {
      const ann = contact({ name: 'Ann', tags: ['vip', 'lead'] });
      const bob = contact({ name: 'Bob', tags: ['lead'] });
      const groups = groupContacts([bob, ann], 'tag', collator);
      assert.deepEqual(groups.map((g) => [g.id, g.kind, g.label]), [
        ['tag:lead', 'named', 'lead'],
        ['tag:vip', 'named', 'vip'],
      ]);
      assert.deepEqual(group(groups, 'tag:lead').contacts, [ann, bob]);
      assert.deepEqual(group(groups, 'tag:vip').contacts, [ann]);
    });

    it('merges tags case-insensitively and labels the group with the most common spelling', () => {
      const input = [
        contact({ name: 'A', tags: ['VIP'] }),
        contact({ name: 'B', tags: ['vip'] }),
        contact({ name: 'C', tags: ['Vip'] }),
        contact({ name: 'D', tags: ['vip'] }),
        contact({ name: 'E', tags: [' VIP '] }),
        contact({ name: 'F', tags: ['vip'] }),
      ];
      // vip ×3, VIP ×2, Vip ×1.
      for (const seed of [1, 2, 3]) {
        const groups = groupContacts(shuffled(input, seed), 'tag', collator);
        assert.equal(groups.length, 1);
        assert.equal(groups[0].id, 'tag:vip');
        assert.equal(groups[0].label, 'vip');
        assert.deepEqual(names(groups[0].contacts), ['A', 'B', 'C', 'D', 'E', 'F']);
      }
    });

    it('labels a group without the blanks around its tags', () => {
      const input = [contact({ name: 'A', tags: ['  Sales '] }), contact({ name: 'B', tags: ['Sales\t'] }), contact({ name: 'C', tags: ['sales'] })];
      assert.deepEqual(groupContacts(input, 'tag', collator).map((g) => [g.id, g.label]), [['tag:sales', 'Sales']]);
    });

    it('picks the most common spelling even when it is not the first one seen', () => {
      const input = [contact({ name: 'A', tags: ['Sales'] }), contact({ name: 'B', tags: ['SALES'] }), contact({ name: 'C', tags: ['SALES'] })];
      assert.equal(groupContacts(input, 'tag', collator)[0].label, 'SALES');
    });

    it('breaks a tie between spellings deterministically, whatever the order of the contacts', () => {
      const spellings = ['vip', 'VIP', 'Vip'];
      const labels = new Set<string>();
      for (const order of permutations(spellings)) {
        // Same uuids and names for each spelling, so only the input order changes.
        const input = order.map((tag) => contact({ name: `Holder of ${tag}`, uuid: hexUuid(spellings.indexOf(tag) + 1), tags: [tag] }));
        const groups = groupContacts(input, 'tag', collator);
        assert.equal(groups.length, 1);
        labels.add(groups[0].label);
      }
      assert.equal(labels.size, 1);
      // The documented rule: on a tie, the spelling that sorts first (upper case before lower case).
      assert.deepEqual([...labels], ['VIP']);
    });

    it('breaks a tie the same way when the contacts also tie on name', () => {
      const first = groupContacts([contact({ name: 'X', tags: ['lead'] }), contact({ name: 'X', tags: ['Lead'] })], 'tag', collator)[0].label;
      const second = groupContacts([contact({ name: 'X', tags: ['Lead'] }), contact({ name: 'X', tags: ['lead'] })], 'tag', collator)[0].label;
      assert.equal(first, 'Lead');
      assert.equal(second, 'Lead');
    });

    it('counts a contact carrying "VIP" and "vip" once', () => {
      const both = contact({ name: 'Both', tags: ['VIP', 'vip', ' Vip '] });
      const other = contact({ name: 'Other', tags: ['vip'] });
      const third = contact({ name: 'Third', tags: ['vip'] });
      const groups = groupContacts([third, both, other], 'tag', collator);
      assert.equal(groups.length, 1);
      assert.deepEqual(groups[0].contacts, [both, other, third]);
      assert.deepEqual(countTags([both, other, third], collator), [{ key: 'vip', label: 'vip', count: 3 }]);
      assert.deepEqual(countTags([both], collator).map((t) => t.count), [1]);
    });

    it('puts contacts without tags (or only blank tags) in Untagged, listed last', () => {
      const tagged = contact({ name: 'Tagged', tags: ['zzz'] });
      const none = contact({ name: 'None', tags: [] });
      const blank = contact({ name: 'Blank', tags: ['', '   '] });
      const groups = groupContacts([none, tagged, blank], 'tag', collator);
      assert.deepEqual(groups.map((g) => [g.id, g.kind]), [
        ['tag:zzz', 'named'],
        ['untagged', 'untagged'],
      ]);
      assert.deepEqual(names(group(groups, 'untagged').contacts), ['Blank', 'None']);
    });

    it('does not confuse a tag named "untagged" with the Untagged group', () => {
      const groups = groupContacts([contact({ name: 'A', tags: ['untagged'] }), contact({ name: 'B' })], 'tag', collator);
      assert.deepEqual(groups.map((g) => [g.id, g.kind, g.label]), [
        ['tag:untagged', 'named', 'untagged'],
        ['untagged', 'untagged', ''],
      ]);
    });

    it('sorts groups by label, locale-aware, case- and accent-insensitive, numbers in natural order', () => {
      const tags = ['gamma', 'beta', 'Ábaco', 'Alpha', 'zone 10', 'zone 2', 'Éclair', 'delta'];
      const input = tags.map((tag, i) => contact({ name: `C${i}`, tags: [tag] }));
      assert.deepEqual(groupContacts(shuffled(input, 9), 'tag', collator).map((g) => g.label), ['Ábaco', 'Alpha', 'beta', 'delta', 'Éclair', 'gamma', 'zone 2', 'zone 10']);
    });

    it('sorts the contacts inside each group by name', () => {
      const input = ['Zoë', 'Contact 10', 'Álvaro', 'Contact 2', 'bob', 'Alice'].map((name) => contact({ name, tags: ['t'] }));
      assert.deepEqual(names(groupContacts(input, 'tag', collator)[0].contacts), ['Alice', 'Álvaro', 'bob', 'Contact 2', 'Contact 10', 'Zoë']);
    });

    it('returns no group at all for no contacts', () => {
      assert.deepEqual(groupContacts([], 'tag', collator), []);
      assert.deepEqual(groupContacts([], 'source', collator), []);
    });
  });

  describe('groupContacts by source', () => {
    it('groups by source case-insensitively with product names, No source last', () => {
      const input = [
        contact({ name: 'w1', source: 'whatsapp' }),
        contact({ name: 'w2', source: 'WhatsApp' }),
        contact({ name: 'm', source: 'facebook' }),
        contact({ name: 's', source: 'sms' }),
        contact({ name: 'n1' }),
        contact({ name: 'n2', source: '  ' }),
        contact({ name: 'i', source: 'instagram' }),
      ];
      const groups = groupContacts(shuffled(input, 4), 'source', collator);
      assert.deepEqual(groups.map((g) => [g.id, g.kind, g.label]), [
        ['source:instagram', 'named', 'Instagram'],
        ['source:facebook', 'named', 'Messenger'],
        ['source:sms', 'named', 'sms'],
        ['source:whatsapp', 'named', 'WhatsApp'],
        ['noSource', 'noSource', ''],
      ]);
      assert.deepEqual(names(group(groups, 'source:whatsapp').contacts), ['w1', 'w2']);
      assert.deepEqual(names(group(groups, 'noSource').contacts), ['n1', 'n2']);
    });

    it('merges an unknown source with blanks around it and labels it without the blanks', () => {
      const groups = groupContacts([contact({ name: 'a', source: ' Viber ' }), contact({ name: 'b', source: 'Viber' })], 'source', collator);
      assert.deepEqual(groups.map((g) => [g.id, g.label, g.contacts.length]), [['source:viber', 'Viber', 2]]);
    });
  });

  describe('groupContacts by assigned user', () => {
    it('groups by agent email case-insensitively, Unassigned last', () => {
      const input = [
        contact({ name: 'a', assignedUser: 'zed@example.com' }),
        contact({ name: 'b', assignedUser: 'ann@example.com' }),
        contact({ name: 'c', assignedUser: 'Ann@Example.com' }),
        contact({ name: 'd', assignedUser: 'ann@example.com' }),
        contact({ name: 'e' }),
        contact({ name: 'f', assignedUser: ' ' }),
      ];
      const groups = groupContacts(input, 'assignedUser', collator);
      assert.deepEqual(groups.map((g) => [g.id, g.kind, g.label]), [
        ['user:ann@example.com', 'named', 'ann@example.com'],
        ['user:zed@example.com', 'named', 'zed@example.com'],
        ['unassigned', 'unassigned', ''],
      ]);
      assert.deepEqual(names(group(groups, 'user:ann@example.com').contacts), ['b', 'c', 'd']);
      assert.deepEqual(names(group(groups, 'unassigned').contacts), ['e', 'f']);
    });
  });

  describe('groupContacts with none', () => {
    it('returns one group with every contact, sorted', () => {
      const input = [contact({ name: 'b', tags: ['x'] }), contact({ name: 'Á' }), contact({ name: 'c', source: 'whatsapp' })];
      const groups = groupContacts(input, 'none', collator);
      assert.equal(groups.length, 1);
      assert.equal(groups[0].id, 'all');
      assert.equal(groups[0].kind, 'all');
      assert.deepEqual(names(groups[0].contacts), ['Á', 'b', 'c']);
    });
  });

  describe('groupContacts at scale', () => {
    const TAGS = ['VIP', 'vip', 'Lead', 'lead', 'LEAD', 'cold', 'Ágil', 'zone 2', 'zone 10'];
    const SOURCES = [undefined, 'whatsapp', 'WhatsApp', 'instagram', 'facebook', 'sms'];
    const COUNT = 5000;

    // Contact i is named "Contact i", so the expected order in any group is ascending i.
    const random = seededRandom(77);
    // Each tag with its own probability, so the spellings of a merged tag have clearly different counts.
    const tagLists: string[][] = Array.from({ length: COUNT }, () => TAGS.filter((_, t) => random() < 0.04 * (t + 1)));
    const all: Contact[] = [];
    for (let i = 0; i < COUNT; i++) {
      all.push(contact({ name: `Contact ${i}`, uuid: hexUuid(i + 1), tags: tagLists[i], source: SOURCES[i % SOURCES.length] }));
    }
    const input = shuffled(all, 2024);
    const index = (c: Contact): number => Number(c.name.slice('Contact '.length));

    it('puts each of 5,000 contacts in exactly the right tag groups, in name order', () => {
      const expected = new Map<string, number[]>();
      const untagged: number[] = [];
      for (let i = 0; i < COUNT; i++) {
        const keys = new Set(tagLists[i].map((tag) => tag.toLowerCase()));
        if (keys.size === 0) untagged.push(i);
        for (const key of keys) {
          if (!expected.has(key)) expected.set(key, []);
          expected.get(key)!.push(i);
        }
      }
      const groups = groupContacts(input, 'tag', collator);
      assert.deepEqual(groups.map((g) => g.id), ['tag:ágil', 'tag:cold', 'tag:lead', 'tag:vip', 'tag:zone 2', 'tag:zone 10', 'untagged']);
      for (const [key, members] of expected) assert.deepEqual(group(groups, `tag:${key}`).contacts.map(index), members, key);
      assert.deepEqual(group(groups, 'untagged').contacts.map(index), untagged);
      const memberships = groups.reduce((sum, g) => sum + g.contacts.length, 0);
      assert.equal(memberships, [...expected.values()].reduce((sum, m) => sum + m.length, 0) + untagged.length);
    });

    it('labels merged groups with the most common spelling at scale', () => {
      const spellingCounts = new Map<string, Map<string, number>>();
      for (let i = 0; i < COUNT; i++) {
        const seen = new Set<string>();
        for (const tag of tagLists[i]) {
          const key = tag.toLowerCase();
          if (seen.has(key)) continue;
          seen.add(key);
          const counts = spellingCounts.get(key) ?? new Map<string, number>();
          counts.set(tag, (counts.get(tag) ?? 0) + 1);
          spellingCounts.set(key, counts);
        }
      }
      const groups = groupContacts(input, 'tag', collator);
      for (const [key, counts] of spellingCounts) {
        const max = Math.max(...counts.values());
        const winners = [...counts].filter(([, n]) => n === max).map(([s]) => s);
        assert.equal(winners.length, 1, `test data should not tie for ${key}`);
        assert.equal(group(groups, `tag:${key}`).label, winners[0], key);
      }
    });

    it('groups 5,000 contacts by source and with none', () => {
      const bySource = groupContacts(input, 'source', collator);
      const expected = new Map<string, number>();
      for (let i = 0; i < COUNT; i++) {
        const key = SOURCES[i % SOURCES.length]?.toLowerCase() ?? '(none)';
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      assert.deepEqual(bySource.map((g) => [g.id, g.contacts.length]), [
        ['source:instagram', expected.get('instagram')],
        ['source:facebook', expected.get('facebook')],
        ['source:sms', expected.get('sms')],
        ['source:whatsapp', expected.get('whatsapp')],
        ['noSource', expected.get('(none)')],
      ]);
      const none = groupContacts(input, 'none', collator);
      assert.deepEqual(none[0].contacts.map(index), Array.from({ length: COUNT }, (_, i) => i));
    });
  });

  describe('countTags / countSources', () => {
    it('counts contacts per tag with the merged label, sorted like the groups', () => {
      const input = [
        contact({ name: 'a', tags: ['Lead', 'vip'] }),
        contact({ name: 'b', tags: ['lead'] }),
        contact({ name: 'c', tags: ['lead', 'LEAD'] }),
        contact({ name: 'd', tags: [] }),
      ];
      assert.deepEqual(countTags(input, collator), [
        { key: 'lead', label: 'lead', count: 3 },
        { key: 'vip', label: 'vip', count: 1 },
      ]);
    });

    it('counts contacts per source key, ignoring contacts without source', () => {
      const input = [
        contact({ source: 'whatsapp' }),
        contact({ source: 'WhatsApp ' }),
        contact({ source: 'telegram' }),
        contact({}),
        contact({ source: '' }),
      ];
      assert.deepEqual([...countSources(input)].sort(), [
        ['telegram', 1],
        ['whatsapp', 2],
      ]);
    });
  });
});
