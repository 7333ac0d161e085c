import * as assert from 'node:assert/strict';
import { ENGLISH_FIELD_LABELS, type FieldLabels, formatFieldValue } from '../../../src/contacts/fields';
import { formatDetails, formatJson, formatVCard } from '../../../src/contacts/format';
import { contact } from './builders';

const UUID = '414a6d692bd645ed803f2e7ce360d4c8';

const full = contact({
  uuid: UUID,
  name: 'Marie Curie',
  phoneNumber: '+33 11 22 33 44',
  source: 'facebook',
  assignedUser: 'agent@example.com',
  tags: ['Lead', 'VIP'],
  customFields: { 'Billing Address': '3 Abbey Rd,\nLondon', Interests: '["Physics","Chemistry"]' },
  createdAt: '2020-11-13T21:08:53Z',
  href: `https://dash.callbell.eu/contacts/${UUID}`,
  conversationHref: 'https://dash.callbell.eu/chat/1',
});

describe('contacts/format', () => {
  describe('formatFieldValue', () => {
    it('shows a JSON-encoded checkbox array as a list', () => {
      assert.equal(formatFieldValue('["Physics","Chemistry"]'), 'Physics, Chemistry');
      assert.equal(formatFieldValue('["only"]'), 'only');
      assert.equal(formatFieldValue('[ "a" , "b,c" ]'), 'a, b,c');
    });

    it('shows an empty checkbox array as nothing', () => {
      assert.equal(formatFieldValue('[]'), '');
    });

    it('shows anything else as typed', () => {
      assert.equal(formatFieldValue('plain text'), 'plain text');
      assert.equal(formatFieldValue('[not json]'), '[not json]');
      assert.equal(formatFieldValue('[1,2]'), '[1,2]');
      assert.equal(formatFieldValue('["a",1]'), '["a",1]');
      assert.equal(formatFieldValue('{"a":"b"}'), '{"a":"b"}');
      assert.equal(formatFieldValue('[draft] notes'), '[draft] notes');
      assert.equal(formatFieldValue(''), '');
    });
  });

  describe('formatDetails', () => {
    it('lists every present field, one "Label: value" per line, in a fixed order', () => {
      assert.equal(
        formatDetails(full),
        [
          'Name: Marie Curie',
          'Phone: +33 11 22 33 44',
          'Source: Messenger',
          'Assigned to: agent@example.com',
          'Created: 2020-11-13T21:08:53Z',
          'Tags: Lead, VIP',
          `Dashboard: https://dash.callbell.eu/contacts/${UUID}`,
          `Contact ID: ${UUID}`,
          'Custom fields:',
          '  Billing Address: 3 Abbey Rd, London',
          '  Interests: Physics, Chemistry',
        ].join('\n'),
      );
    });

    it('leaves out missing and empty fields', () => {
      const sparse = contact({ uuid: UUID, name: 'Ada', source: '', assignedUser: '', tags: [], customFields: { Empty: '', Boxes: '[]' } });
      assert.equal(formatDetails(sparse), `Name: Ada\nContact ID: ${UUID}`);
    });

    it('names a nameless contact by its phone number, else its uuid', () => {
      assert.equal(formatDetails(contact({ uuid: UUID, name: '', phoneNumber: '+1 555' })), `Name: +1 555\nPhone: +1 555\nContact ID: ${UUID}`);
      assert.equal(formatDetails(contact({ uuid: UUID, name: '' })), `Name: ${UUID}\nContact ID: ${UUID}`);
    });

    it('shows unknown sources as sent', () => {
      assert.equal(formatDetails(contact({ uuid: UUID, name: 'A', source: 'sms' })), `Name: A\nSource: sms\nContact ID: ${UUID}`);
    });

    it('keeps every field on one line, whatever the data holds', () => {
      const text = formatDetails(contact({
        uuid: UUID,
        name: 'First\nSecond',
        tags: ['a\r\nb'],
        customFields: { 'Multi\nline key': 'x\r\n\r\ny' },
      }));
      assert.deepEqual(text.split('\n'), ['Name: First Second', 'Tags: a b', `Contact ID: ${UUID}`, 'Custom fields:', '  Multi line key: x y']);
    });

    it('uses the labels it is given', () => {
      const french: FieldLabels = {
        ...ENGLISH_FIELD_LABELS,
        name: 'Nom',
        phoneNumber: 'Téléphone',
        contactId: 'Identifiant',
      };
      assert.equal(formatDetails(contact({ uuid: UUID, name: 'Ada', phoneNumber: '1' }), { labels: french }), `Nom: Ada\nTéléphone: 1\nIdentifiant: ${UUID}`);
    });
  });

  describe('formatJson', () => {
    it('is the contact as the API returned it, unknown fields included, indented', () => {
      const raw = { uuid: UUID, name: 'Ada', tags: [], customFields: {}, bsuid: 'X1', funnelId: null, nested: { a: [1, 'b'] } };
      const text = formatJson(contact({ uuid: UUID, name: 'Ada', raw }));
      assert.deepEqual(JSON.parse(text), raw);
      assert.equal(text, `{\n  "uuid": "${UUID}",\n  "name": "Ada",\n  "tags": [],\n  "customFields": {},\n  "bsuid": "X1",\n  "funnelId": null,\n  "nested": {\n    "a": [\n      1,\n      "b"\n    ]\n  }\n}`);
    });
  });

  describe('formatVCard', () => {
    it('writes a vCard 3.0 with CRLF line ends', () => {
      assert.equal(
        formatVCard(full),
        [
          'BEGIN:VCARD',
          'VERSION:3.0',
          'FN:Marie Curie',
          'N:;;;;',
          'TEL;TYPE=CELL:+33 11 22 33 44',
          'CATEGORIES:Lead,VIP',
          `URL:https://dash.callbell.eu/contacts/${UUID}`,
          String.raw`NOTE:Billing Address: 3 Abbey Rd\,\nLondon\nInterests: Physics\, Chemistry`,
          `UID:${UUID}`,
          'END:VCARD',
          '',
        ].join('\r\n'),
      );
    });

    it('ends every line with CRLF and has no bare CR or LF', () => {
      const card = formatVCard(contact({ name: 'a\nb\rc\r\nd', phoneNumber: '1\n2', tags: ['x\ny'], customFields: { 'k\n': 'v\r' } }));
      assert.ok(card.endsWith('\r\n'));
      const lines = card.slice(0, -2).split('\r\n');
      for (const line of lines) assert.doesNotMatch(line, /[\r\n]/, JSON.stringify(line));
      assert.equal(lines[0], 'BEGIN:VCARD');
      assert.equal(lines[lines.length - 1], 'END:VCARD');
    });

    it('escapes backslashes, commas, semicolons and newlines in text values (RFC 2426)', () => {
      const card = formatVCard(contact({ uuid: UUID, name: 'Doe, John; Jr. \\ II\nsecond line' }));
      const lines = card.split('\r\n');
      assert.equal(lines[2], String.raw`FN:Doe\, John\; Jr. \\ II\nsecond line`);
      assert.equal(lines[3], 'N:;;;;', 'no part of the name can add a component to N');
    });

    it('keeps the whole name in FN and leaves the parts of N empty: which words are the family name is unknown', () => {
      for (const name of ['Beatrice De Luca', 'Juan Carlos Pérez', 'Ana García López', 'Tienda Central 🛍️', 'Madonna']) {
        const lines = formatVCard(contact({ uuid: UUID, name })).split('\r\n');
        assert.equal(lines[2], `FN:${name}`);
        // RFC 2426 §3.1.2: N must be present in 3.0; family;given;additional;prefixes;suffixes.
        assert.equal(lines[3], 'N:;;;;', name);
        assert.equal(lines.filter((line) => line.startsWith('N:')).length, 1);
      }
    });

    it('escapes a backslash before the characters it escapes, not after', () => {
      const card = formatVCard(contact({ uuid: UUID, name: String.raw`a\,b\;c\nd` }));
      assert.equal(card.split('\r\n')[2], String.raw`FN:a\\\,b\\\;c\\nd`);
    });

    it('escapes commas inside a category but not between categories', () => {
      const card = formatVCard(contact({ uuid: UUID, name: 'A', tags: ['north, east', 'a;b', 'plain'] }));
      assert.ok(card.includes(String.raw`CATEGORIES:north\, east,a\;b,plain` + '\r\n'), card);
    });

    it('cannot be made to start a second card by the data', () => {
      const card = formatVCard(contact({ uuid: UUID, name: 'x\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:evil', customFields: { n: 'END:VCARD\nBEGIN:VCARD' } }));
      const lines = card.split('\r\n');
      assert.equal(lines.filter((line) => line === 'BEGIN:VCARD').length, 1);
      assert.equal(lines.filter((line) => line === 'END:VCARD').length, 1);
    });

    it('leaves out the lines of missing fields and names a nameless contact by phone or uuid', () => {
      assert.equal(formatVCard(contact({ uuid: UUID, name: '' })), ['BEGIN:VCARD', 'VERSION:3.0', `FN:${UUID}`, 'N:;;;;', `UID:${UUID}`, 'END:VCARD', ''].join('\r\n'));
      assert.equal(
        formatVCard(contact({ uuid: UUID, name: ' ', phoneNumber: '+1 555' })),
        ['BEGIN:VCARD', 'VERSION:3.0', 'FN:+1 555', 'N:;;;;', 'TEL;TYPE=CELL:+1 555', `UID:${UUID}`, 'END:VCARD', ''].join('\r\n'),
      );
    });
  });
});
