import * as assert from 'node:assert/strict';
import { createCollator } from '../../../src/contacts/grouping';
import { ContactsModel } from '../../../src/contacts/model';
import { contactsFor, lookupPhoneNumber, referenceAt } from '../../../src/contacts/references';
import { ContactStore } from '../../../src/contacts/store';
import { contact, names } from './builders';

const UUID = '414a6d692bd645ed803f2e7ce360d4c8';

/** The reference found with the cursor on the first character of `target` in `line` (or at `offset` within it). */
function at(line: string, target: string, offset = 0): { kind: string; text: string } | undefined {
  const index = line.indexOf(target);
  assert.ok(index >= 0, `${target} is in the line`);
  const found = referenceAt(line, index + offset);
  return found && { kind: found.kind, text: line.slice(found.start, found.end) };
}

describe('contact references in a line', () => {
  describe('uuids', () => {
    it('in a JSON string, a URL, SQL and a log line, anywhere in the uuid', () => {
      for (const line of [
        `{"uuid":"${UUID}","name":"x"}`,
        `GET https://dash.callbell.eu/contacts/${UUID}?tab=chat`,
        `SELECT * FROM contacts WHERE uuid = '${UUID}';`,
        `2024-03-01T10:00:00Z INFO contact=${UUID} updated`,
        `contact_${UUID}.json`,
        UUID,
      ]) {
        for (const offset of [0, 16, 31, 32]) assert.deepEqual(at(line, UUID, offset), { kind: 'uuid', text: UUID }, `${line} @${offset}`);
      }
    });

    it('in capitals too', () => {
      assert.deepEqual(at(`id: ${UUID.toUpperCase()}`, UUID.toUpperCase(), 5), { kind: 'uuid', text: UUID.toUpperCase() });
    });

    it('not inside a longer hex run, nor a shorter one', () => {
      assert.equal(at(`sha256:${UUID}${UUID}`, UUID, 3), undefined);
      assert.equal(at(`a${UUID}`, UUID, 3), undefined);
      assert.equal(at(`${UUID}f`, UUID, 3), undefined);
      assert.equal(at(`id ${UUID.slice(0, 31)} end`, UUID.slice(0, 31), 3), undefined);
    });

    it('not when the cursor is elsewhere on the line', () => {
      const line = `name: Ana   id: ${UUID}`;
      assert.equal(referenceAt(line, 2), undefined);
    });

    it('in a very long line, only around the cursor', () => {
      const line = `${'x'.repeat(200_000)} ${UUID} ${'y'.repeat(200_000)}`;
      assert.deepEqual(at(line, UUID, 10), { kind: 'uuid', text: UUID });
      assert.equal(referenceAt(line, 100), undefined);
    });
  });

  describe('phone numbers', () => {
    it('in the formats people write', () => {
      for (const phone of ['+33 6 12 34 56 78', '0033612345678', '(555) 010-0001', '+1 (555) 010-0001', '+44 (0)20 7946 0958', '06.12.34.56.78', '555-010-0001', '+34600123456']) {
        const line = `Call ${phone} today`;
        assert.deepEqual(at(line, phone, 1), { kind: 'phone', text: phone }, phone);
        assert.deepEqual(at(line, phone, phone.length - 1), { kind: 'phone', text: phone }, phone);
      }
    });

    it('inside JSON strings, URLs and SQL', () => {
      assert.deepEqual(at('{"phoneNumber":"+33 6 12 34 56 78","x":1}', '+33', 2), { kind: 'phone', text: '+33 6 12 34 56 78' });
      assert.deepEqual(at('https://api.callbell.eu/v1/contacts/phone/%2B33612345678', '%2B', 5), { kind: 'phone', text: '%2B33612345678' });
      assert.deepEqual(at('https://wa.me/33612345678?text=hi', '336', 3), { kind: 'phone', text: '33612345678' });
      assert.deepEqual(at("UPDATE contacts SET phone = '0033612345678' WHERE id = 7;", '0033', 4), { kind: 'phone', text: '0033612345678' });
      assert.deepEqual(at('tel:+15550100001', '+1', 3), { kind: 'phone', text: '+15550100001' });
    });

    it('not dates, times, IP addresses or decimals', () => {
      for (const [line, target] of [
        ['created 2024-03-01 10:00:00', '2024'],
        ['at 2024-03-01T10:00:00Z', '03'],
        ['on 01.03.2024 we', '01.03'],
        ['on 2024.03.01 we', '2024'],
        ['host 192.168.100.200:8080', '192'],
        ['host 192.168.100.200', '168'],
        ['pi = 3.14159265358', '14159'],
        ['total 1234567.89 EUR', '1234567'],
      ]) {
        assert.equal(at(line, target, 1), undefined, line);
      }
    });

    it('not long digit runs, digits inside words or hex, nor versions', () => {
      for (const [line, target] of [
        ['card 4111111111111111111 end', '4111'],
        ['order ORD12345678 shipped', '12345678'],
        [`sha ${UUID.slice(0, 30)}`, '692'],
        ['v1.2.3456789 released', '3456789'],
        ['id 12345678901234567890123456789012345678901234567890', '1234567890'],
        ['digits 1234567890123456', '123'],
      ]) {
        assert.equal(at(line, target, 1), undefined, line);
      }
      assert.equal(at(`uuid ${UUID}`, '692', 1)?.kind, 'uuid', 'digits inside a uuid are the uuid');
    });

    it('not fewer than seven digits', () => {
      assert.equal(at('ext 123 456', '123', 1), undefined);
    });

    it('in a line of 100,000 digits, nothing', () => {
      const line = '7'.repeat(100_000);
      assert.equal(referenceAt(line, 50_000), undefined);
    });
  });

  describe('contactsFor', () => {
    it('looks the reference up in the loaded contacts: uuid in any case, phone in any format', async () => {
      const ana = contact({ uuid: UUID, name: 'Ana', phoneNumber: '+1 555 010 0001' });
      const store = new ContactStore(async () => [ana, contact({ name: 'Other' })]);
      await store.refresh();
      const model = new ContactsModel(store, createCollator('en'));
      const lookup = (line: string, target: string) => {
        const reference = referenceAt(line, line.indexOf(target) + 1);
        assert.ok(reference, line);
        return names(contactsFor(model, reference));
      };
      assert.deepEqual(lookup(`"${UUID}"`, UUID), ['Ana']);
      assert.deepEqual(lookup(UUID.toUpperCase(), UUID.toUpperCase()), ['Ana']);
      assert.deepEqual(lookup('call (555) 010-0001', '(555)'), ['Ana']);
      assert.deepEqual(lookup('/phone/%2B15550100001', '%2B'), ['Ana']);
      assert.deepEqual(lookup(`"${'0'.repeat(32)}"`, '000'), []);
    });
  });

  describe('lookupPhoneNumber', () => {
    it('international numbers with +, national ones as digits, anything else undefined', () => {
      assert.equal(lookupPhoneNumber(' +44 20 7946 0000 '), '+442079460000');
      assert.equal(lookupPhoneNumber('0033 6 12 34 56 78'), '+33612345678');
      assert.equal(lookupPhoneNumber('(555) 010-0001'), '5550100001');
      assert.equal(lookupPhoneNumber('12345'), undefined);
      assert.equal(lookupPhoneNumber('Ana 612345678'), undefined);
      assert.equal(lookupPhoneNumber('1'.repeat(16)), undefined);
    });
  });
});
