import * as assert from 'node:assert/strict';
import { multiLineCopy, oneLineCopy } from '../../../src/contacts/copyText';

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
});
