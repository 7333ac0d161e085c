import * as assert from 'node:assert/strict';
import { contactLabel, plainText, visibleText } from '../../../src/contacts/display';
import { contact, hexUuid } from './builders';

/** Characters that draw nothing: a name made of them is a blank row and hidden text when copied. */
const INVISIBLE = {
  'Hangul choseong filler U+115F': '\u115f',
  'Hangul jungseong filler U+1160': '\u1160',
  'Hangul filler U+3164': '\u3164',
  'halfwidth Hangul filler U+FFA0': '\uffa0',
  'Braille blank U+2800': '\u2800',
  'soft hyphen U+00AD': '\u00ad',
  'combining grapheme joiner U+034F': '\u034f',
  'Mongolian vowel separator U+180E': '\u180e',
  'word joiner and invisible operators U+2060–U+2064': '\u2060\u2061\u2062\u2063\u2064',
  'zero-width space U+200B and BOM U+FEFF': '\u200b\ufeff',
  'tag block U+E0000–U+E007F': '\u{e0001}\u{e0041}\u{e0062}\u{e007f}',
  'variation selectors': '\ufe00\ufe0f\u{e0100}\u{e01ef}',
  'lone joiners ZWJ and ZWNJ': '\u200d\u200c\u200d',
  'Hangul fillers between blanks': ' \u3164 \u3164\u3164 ',
} as const;

describe('contacts/display: invisible characters', () => {
  for (const [name, invisible] of Object.entries(INVISIBLE)) {
    it(`a name made only of ${name} counts as no name`, () => {
      assert.equal(plainText(invisible), '', JSON.stringify(plainText(invisible)));
      assert.equal(contactLabel(contact({ name: invisible, phoneNumber: '+34 600' })), '+34 600');
      const uuid = hexUuid(0x915);
      assert.equal(contactLabel(contact({ uuid, name: invisible, phoneNumber: invisible })), uuid);
    });
  }

  it('removes invisible characters hidden inside a name, leaving the name as it reads', () => {
    assert.equal(plainText('Ma\u00adria'), 'Maria');
    assert.equal(plainText('Bob\u{e0001}\u{e0069}\u{e0067}\u{e006e}\u{e006f}\u{e0072}\u{e0065}'), 'Bob');
    assert.equal(plainText('Ana\u2061\u034f\u180e Li'), 'Ana Li');
    assert.equal(plainText('Eve\u3164\u3164Smith'), 'Eve Smith');
    assert.equal(plainText('x\u{e0100}\u{e0101}\u{e0102}\ufe01'), 'x');
  });

  it('keeps the joiners and selectors that emoji and Persian need', () => {
    for (const text of ['👩‍💻 Dev', '❤️ Fan', '👁️‍🗨️', 'می‌خواهم', '🏳️‍🌈']) {
      assert.equal(plainText(text), text);
    }
  });

  it('shrinks runs of joiners and selectors to one and drops those that join nothing', () => {
    assert.equal(visibleText('a\u200d\u200d\u200d\u200db'), 'a\u200db');
    assert.equal(visibleText('a\u200c\u200db'), 'a\u200cb');
    assert.equal(visibleText('❤\ufe0f\ufe0f\ufe0f'), '❤\ufe0f');
    assert.equal(visibleText('\u200dAda\u200d'), 'Ada');
    assert.equal(visibleText('Ada \u200d\ufe0f Li'), 'Ada  Li');
  });

  it('keeps line breaks as \\n when asked, and only then', () => {
    assert.equal(visibleText('a\r\nb\u2028c\u0085d'), 'a b c d');
    assert.equal(visibleText('a\r\nb\u2028c\u0085d', 'keep'), 'a\nb\nc\nd');
    assert.equal(visibleText('a\u001b[201~\tb\u202e', 'keep'), 'a [201~ b ');
  });
});
