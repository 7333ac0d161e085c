import * as assert from 'node:assert/strict';
import { fieldCopy, multiLineCopy, oneLineCopy } from '../../../src/contacts/copyText';
import { ENGLISH_FIELD_LABELS, type FieldFormat, contactFields } from '../../../src/contacts/fields';
import { contact } from './builders';

/** Whatever may not reach the clipboard: controls (ESC included), bidi controls and invisible characters. */
const HIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\u{e0000}-\u{e007f}]/u;

describe('contacts/copyText', () => {
  const hostile = [
    'Ana\u001b[201~\nrm -rf ~\n\u001b[200~',
    'Ana\u001b]52;c;ZXZpbA==\u0007',
    'invoice\u202efdp.exe',
    '+34\u200b600\u2066 111\u2069',
    'Bob\u{e0001}\u{e0069}\u{e0067}\u00ad\ufeff',
    'line\r\nbreak\u2028and\u0085more\u000bhere',
  ];

  describe('oneLineCopy', () => {
    it('copies a name as shown: no ESC, bracketed-paste markers, bidi overrides, zero-width characters or line breaks', () => {
      assert.equal(oneLineCopy(hostile[0]), 'Ana [201~ rm -rf ~ [200~');
      assert.equal(oneLineCopy(hostile[1]), 'Ana ]52;c;ZXZpbA==');
      assert.equal(oneLineCopy(hostile[2]), 'invoice fdp.exe');
      assert.equal(oneLineCopy(hostile[3]), '+34600 111');
      assert.equal(oneLineCopy(hostile[4]), 'Bob');
      assert.equal(oneLineCopy(hostile[5]), 'line break and more here');
      for (const text of hostile) {
        assert.doesNotMatch(oneLineCopy(text), HIDDEN, JSON.stringify(text));
        assert.doesNotMatch(oneLineCopy(text), /\n/);
      }
    });

    it('leaves ordinary values alone, emoji sequences included', () => {
      for (const text of ['Zoë Ångström', '+33 11 22 33 44', 'agent@corp.example', '👩‍💻 Dev', 'می‌خواهم']) {
        assert.equal(oneLineCopy(text), text);
      }
    });

    it('a value made only of hidden characters copies as nothing', () => {
      assert.equal(oneLineCopy('\u001b\u200b\u3164\u202e\n'), '');
    });
  });

  describe('multiLineCopy', () => {
    it('keeps the line breaks of a multi-line value as \\n and removes everything else hidden', () => {
      assert.equal(multiLineCopy('Street 1\r\nFloor 2\u2028\u001b[31mRed\u001b[0m\u202e'), 'Street 1\nFloor 2\n[31mRed [0m');
      for (const text of hostile) assert.doesNotMatch(multiLineCopy(text), HIDDEN, JSON.stringify(text));
    });

    it('trims each line and the value, with at most one blank line in a row', () => {
      assert.equal(multiLineCopy('\n\n  first  \t line \n\n\n\n\nsecond\n\n'), 'first line\n\nsecond');
    });
  });

  describe('fieldCopy', () => {
    // A local form that cannot be mistaken for the ISO text the API sent.
    const format: FieldFormat = { labels: ENGLISH_FIELD_LABELS, formatDate: (date) => `day ${date.getUTCDate()}, ${date.getUTCFullYear()}` };
    const copied = (overrides: Parameters<typeof contact>[0]): Record<string, string> =>
      Object.fromEntries(contactFields(contact(overrides), format).map((field) => [field.key, fieldCopy(field)]));

    it('copies a field as its detail row shows it: dates in the local form, the source by its product name', () => {
      const values = copied({ createdAt: '2020-11-13T21:08:53Z', blockedAt: '2024-03-01T10:00:00Z', closedAt: '2024-02-01T09:30:00Z', source: 'facebook' });
      assert.equal(values.createdAt, 'day 13, 2020');
      assert.equal(values.blockedAt, 'day 1, 2024');
      assert.equal(values.conversation, 'Closed on day 1, 2024');
      assert.equal(values.source, 'Messenger');
    });

    it('a date the API wrote unreadably copies as sent, as the row shows it', () => {
      assert.equal(copied({ createdAt: 'yesterday' }).createdAt, 'yesterday');
    });

    it('a checkbox field copies as its list; only a custom field keeps its line breaks; nothing hidden is copied', () => {
      const values = copied({ phoneNumber: '+34\u200b600\n111', customFields: { Interests: '["shoes","bags"]', Notes: 'Street 1\r\nFloor 2\u202e' } });
      assert.equal(values['field:Interests'], 'shoes, bags');
      assert.equal(values['field:Notes'], 'Street 1\nFloor 2');
      assert.equal(values.phoneNumber, '+34600 111');
    });
  });
});
