import * as assert from 'node:assert/strict';
import { ContactSearchIndex, MAX_COUNTED } from '../../../src/contacts/search';
import { contact, hexUuid, names } from './builders';

describe('contacts/search', () => {
  const marie = contact({
    name: 'Marie Curie',
    phoneNumber: '+33 11 22 33 44',
    tags: ['Lead', 'VIP'],
    assignedUser: 'agent.smith@example.com',
    customFields: { 'enlace Stripe': 'https://stripe.com/contacts/cus1234567', 'Billing Address': '3 Abbey Rd, London' },
  });
  const pierre = contact({ name: 'Pierre Curie', phoneNumber: '(555) 010-0199', tags: ['cold'] });
  const nameless = contact({ name: '', phoneNumber: '06 11 22 33 44', uuid: hexUuid(0x414a6d69) });
  const ada = contact({ name: 'Ada Lovelace', uuid: '414a6d692bd645ed803f2e7ce360d4c8', source: 'telegram' });
  const index = new ContactSearchIndex([marie, pierre, nameless, ada]);

  it('finds by name, case-insensitively', () => {
    assert.deepEqual(index.search('curie', 10), [marie, pierre]);
    assert.deepEqual(index.search('MARIE', 10), [marie]);
    assert.deepEqual(index.search('lovel', 10), [ada]);
  });

  describe('phone numbers', () => {
    it('finds by digits whatever the formatting of the stored number', () => {
      assert.deepEqual(index.search('33112', 10), [marie]);
      assert.deepEqual(index.search('3311223344', 10), [marie]);
      assert.deepEqual(index.search('5550100199', 10), [pierre]);
      assert.deepEqual(index.search('0100', 10), [pierre]);
    });

    it('finds by digits whatever the formatting of the query', () => {
      assert.deepEqual(index.search('+33 (1) 12-2', 10), [marie]);
      assert.deepEqual(index.search('555.010.0199', 10), [pierre]);
      assert.deepEqual(index.search('+33 11 22', 10), [marie]);
    });

    it('finds digits that span the separators of several numbers', () => {
      assert.deepEqual(index.search('1122334', 10).sort((a, b) => a.name.localeCompare(b.name)), [nameless, marie]);
    });

    it('finds a nameless contact by its phone number', () => {
      assert.deepEqual(index.search('0611', 10), [nameless]);
    });

    it('combines a phone fragment with a name', () => {
      assert.deepEqual(index.search('marie 33112', 10), [marie]);
      assert.deepEqual(index.search('pierre 33112', 10), []);
    });

    describe('a number typed in groups is one number', () => {
      // Uuids full of 4s and 1s: a digit matching anywhere would find all of them.
      const lyon = contact({ name: 'Lyon', phoneNumber: '+33 4 12 34 56 78', uuid: '4141414141414141414141414141414a' });
      const paris = contact({ name: 'Paris', phoneNumber: '+33 1 44 55 66 77', uuid: '4444444444444444444444444444444b' });
      const roma = contact({ name: 'Roma 4', phoneNumber: '+39 06 1234 5678', tags: ['+33'], uuid: '1111111111111111111111111111111c' });
      const groups = new ContactSearchIndex([lyon, paris, roma]);

      it('matches phone numbers holding its digits in that order, nothing else', () => {
        assert.deepEqual(groups.search('+33 4', 10), [lyon]);
        assert.deepEqual(groups.search('+33 4 12', 10), [lyon]);
        assert.deepEqual(groups.search('33 1 44', 10), [paris]);
        assert.deepEqual(groups.search('(06) 1234-56', 10), [roma]);
        assert.deepEqual(groups.search('+33 9', 10), []);
        assert.deepEqual(groups.matching('+33 4'), [lyon], 'the text filter matches the same way');
      });

      it('stays one number beside a name', () => {
        assert.deepEqual(groups.search('lyon +33 4', 10), [lyon]);
        assert.deepEqual(groups.search('paris +33 4', 10), []);
      });

      it('typed with its "+", a number is a country code: it matches international numbers from their start only', () => {
        const spain = contact({ name: 'Sol', phoneNumber: '+34 661 000 111', uuid: '5555555555555555555555555555555d' });
        const national = contact({ name: 'Raul', phoneNumber: '333253463310', uuid: '5555555555555555555555555555555e' });
        const inside = contact({ name: 'Sergei', phoneNumber: '+34 087 273 466', uuid: '5555555555555555555555555555555f' });
        const dialled = contact({ name: 'Vera', phoneNumber: '0034 612 000 222', uuid: '55555555555555555555555555555550' });
        const numbers = new ContactSearchIndex([spain, national, inside, dialled]);
        assert.deepEqual(numbers.search('+34 6', 10), [spain, dialled]);
        assert.deepEqual(numbers.search('+346', 10), [spain, dialled]);
        assert.deepEqual(numbers.search('34 6', 10).length, 4, 'without the "+" the digits match anywhere');
      });

      it('groups with fewer than three digits in all stay words', () => {
        assert.deepEqual(groups.search('roma 4', 10), [roma]);
      });
    });

    it('does not match phone digits for a query with fewer than three digits or with letters', () => {
      const c = contact({ name: 'Zed', phoneNumber: '+9 8 7', uuid: hexUuid(0x10) });
      const small = new ContactSearchIndex([c]);
      assert.deepEqual(small.search('987', 10), [c]);
      assert.deepEqual(small.search('98', 10), []);
    });
  });

  it('finds by custom field value', () => {
    assert.deepEqual(index.search('stripe.com', 10), [marie]);
    assert.deepEqual(index.search('cus1234567', 10), [marie]);
    assert.deepEqual(index.search('abbey rd', 10), [marie]);
  });

  it('finds by uuid, whole or in part', () => {
    assert.deepEqual(index.search('414a6d692bd645ed803f2e7ce360d4c8', 10), [ada]);
    assert.deepEqual(index.search('2BD645ED', 10), [ada]);
  });

  it('finds by tag, case-insensitively', () => {
    assert.deepEqual(index.search('vip', 10), [marie]);
    assert.deepEqual(index.search('COLD', 10), [pierre]);
  });

  it('finds by assigned user', () => {
    assert.deepEqual(index.search('agent.smith', 10), [marie]);
  });

  it('requires every word of a multi-word query, in any field and any order', () => {
    assert.deepEqual(index.search('curie lead', 10), [marie]);
    assert.deepEqual(index.search('lead curie', 10), [marie]);
    assert.deepEqual(index.search('  curie    cold ', 10), [pierre]);
    assert.deepEqual(index.search('curie telegram', 10), []);
  });

  it('finds nothing for a word no contact has', () => {
    assert.deepEqual(index.search('zzzz', 10), []);
    assert.deepEqual(index.search('curie zzzz', 10), []);
  });

  it('returns the first contacts for an empty or blank query', () => {
    assert.deepEqual(index.search('', 10), [marie, pierre, nameless, ada]);
    assert.deepEqual(index.search('   ', 2), [marie, pierre]);
  });

  describe('ranking', () => {
    it('lists name prefix matches first, then name substrings, then other fields', () => {
      const other = contact({ name: 'Bob', tags: ['annual'] });
      const substring = contact({ name: 'Joanne' });
      const prefix = contact({ name: 'Anna' });
      const ranked = new ContactSearchIndex([other, substring, prefix]);
      assert.deepEqual(names(ranked.search('ann', 10)), ['Anna', 'Joanne', 'Bob']);
      assert.deepEqual(names(ranked.search('ANN', 10)), ['Anna', 'Joanne', 'Bob']);
    });

    it('keeps the given order within a rank', () => {
      const list = ['Annabel', 'Anna', 'Annie'].map((name) => contact({ name }));
      assert.deepEqual(names(new ContactSearchIndex(list).search('ann', 10)), ['Annabel', 'Anna', 'Annie']);
    });

    it('ranks a multi-word query whose words are all in the name above other fields', () => {
      const inName = contact({ name: 'Grace Brewster Hopper' });
      const inField = contact({ name: 'Brewster', customFields: { note: 'hopper' } });
      const ranked = new ContactSearchIndex([inField, inName]);
      assert.deepEqual(ranked.search('hopper grace', 10), [inName]);
      assert.deepEqual(ranked.search('hopper brewster', 10), [inName, inField]);
    });
  });

  describe('limit', () => {
    const many = Array.from({ length: 50 }, (_, i) => contact({ name: `Person ${i}`, tags: ['team'] }));

    it('returns at most limit results', () => {
      const big = new ContactSearchIndex(many);
      assert.equal(big.search('person', 10).length, 10);
      assert.equal(big.search('team', 7).length, 7);
      assert.equal(big.search('', 5).length, 5);
      assert.equal(big.search('person', 100).length, 50);
    });

    it('keeps the best-ranked results when cutting to the limit', () => {
      const tagged = Array.from({ length: 30 }, (_, i) => contact({ name: `Other ${i}`, tags: ['zed'] }));
      const best = [contact({ name: 'Zed One' }), contact({ name: 'Zed Two' })];
      const middle = contact({ name: 'Mister Zed' });
      const ranked = new ContactSearchIndex([...tagged, middle, ...best]);
      assert.deepEqual(names(ranked.search('zed', 3)), ['Zed One', 'Zed Two', 'Mister Zed']);
      assert.deepEqual(names(ranked.search('zed', 2)), ['Zed One', 'Zed Two']);
    });

    it('returns nothing for a limit of zero', () => {
      assert.deepEqual(index.search('curie', 0), []);
    });
  });

  describe('find', () => {
    it('counts every match while returning the first ones', () => {
      const many = new ContactSearchIndex(Array.from({ length: 30 }, (_, i) => contact({ name: `Person ${i}` })));
      const results = many.find('person', 5);
      assert.equal(results.matches.length, 5);
      assert.equal(results.total, 30);
      assert.equal(many.find('', 5).total, 30, 'nothing typed: every contact');
      assert.equal(many.find('person 1', 50).total, 12, 'Person 1, 10 to 19 and 21');
      assert.equal(many.find('zzz', 5).total, 0);
      assert.ok(results.totalIsExact);
    });

    it('stops counting past MAX_COUNTED once the best results are found, and says the count is a floor', () => {
      const crowd = new ContactSearchIndex(Array.from({ length: MAX_COUNTED + 50 }, (_, i) => contact({ name: `Crowd ${i}` })));
      const broad = crowd.find('crowd', 5);
      assert.deepEqual([broad.total, broad.totalIsExact, broad.matches.length], [MAX_COUNTED, false, 5]);
      // Fewer best-ranked results than asked for: every contact is read, and counted.
      const inName = crowd.find('rowd', 5);
      assert.deepEqual([inName.total, inName.totalIsExact], [MAX_COUNTED + 50, true]);
      assert.deepEqual([crowd.find('', 5).total, crowd.find('', 5).totalIsExact], [MAX_COUNTED + 50, true]);
    });

    const reasons = (query: string, from = index) => from.find(query, 10).matches.map((match) => [match.contact.name, match.reasons]);

    it('says which tag or custom field matched', () => {
      assert.deepEqual(reasons('vip'), [['Marie Curie', [{ kind: 'tag', tag: 'VIP' }]]]);
      assert.deepEqual(reasons('london'), [['Marie Curie', [{ kind: 'customField', name: 'Billing Address', value: '3 Abbey Rd, London' }]]]);
      assert.deepEqual(reasons('agent.smith'), [['Marie Curie', [{ kind: 'assignedUser', user: 'agent.smith@example.com' }]]]);
    });

    it('gives a reason for each word that the row does not show, once', () => {
      assert.deepEqual(reasons('marie lead abbey rd'), [
        ['Marie Curie', [{ kind: 'tag', tag: 'Lead' }, { kind: 'customField', name: 'Billing Address', value: '3 Abbey Rd, London' }]],
      ]);
    });

    it('gives none when the name, phone or source matched', () => {
      assert.deepEqual(reasons('curie'), [['Marie Curie', []], ['Pierre Curie', []]]);
      assert.deepEqual(reasons('33112'), [['Marie Curie', []]]);
      assert.deepEqual(reasons('+33 11 22'), [['Marie Curie', []]]);
      assert.deepEqual(reasons('telegram'), [['Ada Lovelace', []]]);
      const namedLikeTag = contact({ name: 'Vip Lounge', tags: ['vip'] });
      assert.deepEqual(reasons('vip', new ContactSearchIndex([namedLikeTag])), [['Vip Lounge', []]]);
    });

    it('finds accents and case folded, and reports the values as the contact has them', () => {
      const accented = contact({ name: 'Zoë', tags: ['Économie'], customFields: { Ciudad: 'Málaga' } });
      const folded = new ContactSearchIndex([accented]);
      assert.deepEqual(reasons('economie', folded), [['Zoë', [{ kind: 'tag', tag: 'Économie' }]]]);
      assert.deepEqual(reasons('MALAGA', folded), [['Zoë', [{ kind: 'customField', name: 'Ciudad', value: 'Málaga' }]]]);
    });
  });

  it('matching() returns every match, unranked and unlimited, in the index order', () => {
    assert.deepEqual(index.matching('curie'), [marie, pierre]);
    assert.deepEqual(index.matching('pierre curie'), [pierre]);
    assert.deepEqual(index.matching('112233'), [marie, nameless], 'phone digits in any formatting');
    assert.deepEqual(index.matching('  '), [marie, pierre, nameless, ada], 'no words: everything');
    assert.deepEqual(index.matching('zzz'), []);
  });
});
