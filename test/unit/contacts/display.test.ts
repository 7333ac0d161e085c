import * as assert from 'node:assert/strict';
import { contactLabel, KNOWN_SOURCES, parseDate, phoneDigits, plainText, sourceKey, sourceLabel, tagKey } from '../../../src/contacts/display';
import { contact, hexUuid } from './builders';

/** A UTF-16 string with a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('contacts/display', () => {
  describe('contactLabel', () => {
    it('uses the name, trimmed', () => {
      assert.equal(contactLabel(contact({ name: '  Ada Lovelace ', phoneNumber: '+44 1' })), 'Ada Lovelace');
    });

    it('falls back to the phone number when the name is empty or blank', () => {
      assert.equal(contactLabel(contact({ name: '', phoneNumber: '+33 11 22 33 44' })), '+33 11 22 33 44');
      assert.equal(contactLabel(contact({ name: ' \t ', phoneNumber: ' +1 555 ' })), '+1 555');
    });

    it('falls back to the uuid when there is neither name nor phone number', () => {
      const uuid = hexUuid(0xabc);
      assert.equal(contactLabel(contact({ uuid, name: '' })), uuid);
      assert.equal(contactLabel(contact({ uuid, name: ' ', phoneNumber: '   ' })), uuid);
    });
  });

  describe('sourceKey / sourceLabel', () => {
    it('names the documented sources as users know them', () => {
      assert.equal(sourceLabel('whatsapp'), 'WhatsApp');
      assert.equal(sourceLabel('instagram'), 'Instagram');
      assert.equal(sourceLabel('facebook'), 'Messenger');
      assert.equal(sourceLabel('telegram'), 'Telegram');
    });

    it('ignores case and surrounding blanks of known sources', () => {
      assert.equal(sourceKey(' WhatsApp '), 'whatsapp');
      assert.equal(sourceLabel(' WHATSAPP '), 'WhatsApp');
      assert.equal(sourceLabel('Facebook'), 'Messenger');
    });

    it('shows unknown sources as sent, without surrounding blanks', () => {
      assert.equal(sourceLabel('sms'), 'sms');
      assert.equal(sourceLabel('Viber'), 'Viber');
      assert.equal(sourceLabel('  SMS Gateway '), 'SMS Gateway');
    });

    it('offers exactly the four documented sources', () => {
      assert.deepEqual([...KNOWN_SOURCES].sort(), ['facebook', 'instagram', 'telegram', 'whatsapp']);
    });
  });

  describe('tagKey', () => {
    it('is case-insensitive and ignores surrounding blanks', () => {
      assert.equal(tagKey('VIP'), 'vip');
      assert.equal(tagKey(' Vip '), 'vip');
      assert.equal(tagKey('vIp'), tagKey('ViP'));
    });

    it('treats composed and decomposed accents as the same tag', () => {
      assert.equal(tagKey('Cafe\u0301'), tagKey('café'));
      assert.equal(tagKey('CAFÉ'), 'café');
    });

    it('keeps different tags apart', () => {
      assert.notEqual(tagKey('lead'), tagKey('leads'));
      assert.notEqual(tagKey('cafe'), tagKey('café'));
    });
  });

  describe('phoneDigits', () => {
    it('keeps only the digits, whatever the formatting', () => {
      assert.equal(phoneDigits('+33 11 22 33 44'), '3311223344');
      assert.equal(phoneDigits('(555) 010-0199 ext. 7'), '55501001997');
      assert.equal(phoneDigits('331122334455'), '331122334455');
      assert.equal(phoneDigits('no digits'), '');
      assert.equal(phoneDigits(''), '');
    });
  });

  describe('parseDate', () => {
    it('parses the API ISO 8601 UTC dates', () => {
      assert.equal(parseDate('2020-11-13T21:08:53Z')?.getTime(), Date.UTC(2020, 10, 13, 21, 8, 53));
      assert.equal(parseDate('2021-02-03T04:05:06.789+01:00')?.getTime(), Date.UTC(2021, 1, 3, 3, 5, 6, 789));
    });

    it('returns undefined for missing or unparseable text', () => {
      assert.equal(parseDate(undefined), undefined);
      assert.equal(parseDate(''), undefined);
      assert.equal(parseDate('yesterday-ish'), undefined);
      assert.equal(parseDate('2020-13-45T99:99:99Z'), undefined);
    });
  });

  describe('plainText', () => {
    it('leaves ordinary text alone', () => {
      assert.equal(plainText('Zoë Ångström – 東京'), 'Zoë Ångström – 東京');
    });

    it('defuses codicon syntax so a name cannot draw icons', () => {
      const result = plainText('$(alert) Boss $(sync~spin)');
      assert.doesNotMatch(result, /\$\(/);
      assert.equal(result.replace(/\u200b/g, ''), '$(alert) Boss $(sync~spin)');
    });

    it('removes bidi overrides, isolates and marks', () => {
      const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
      for (const char of bidi) {
        const result = plainText(`invoice${char}fdp.exe`);
        assert.ok(!result.includes(char), `U+${char.charCodeAt(0).toString(16)} survived`);
        assert.equal(result, 'invoice fdp.exe');
      }
    });

    it('removes control characters, including newlines, tabs, DEL and C1 controls', () => {
      assert.equal(plainText('a\u0000b\u0007c\nd\r\ne\tf\u001bg\u007fh\u0085i\u009fj'), 'a b c d e f g h i j');
    });

    it('collapses runs of blanks and trims', () => {
      assert.equal(plainText('  Ada \n\n  Lovelace\u2028 '), 'Ada Lovelace');
    });

    it('keeps text up to the maximum length intact', () => {
      assert.equal(plainText('x'.repeat(200)), 'x'.repeat(200));
      assert.equal(plainText('abcdefghij', 10), 'abcdefghij');
    });

    it('truncates longer text with an ellipsis, within the maximum length', () => {
      assert.equal(plainText('x'.repeat(201)), `${'x'.repeat(199)}…`);
      assert.equal(plainText('abcdefghijk', 10), 'abcdefghi…');
      assert.equal(plainText('y'.repeat(5000), 80).length, 80);
    });

    it('never cuts a character made of a surrogate pair in half', () => {
      for (let max = 2; max <= 12; max++) {
        const result = plainText('😀'.repeat(20), max);
        assert.doesNotMatch(result, LONE_SURROGATE, `maxLength ${max}`);
        assert.ok(result.length <= max, `maxLength ${max}: ${result.length}`);
        assert.ok(result.endsWith('…'));
      }
      assert.equal(plainText('😀😀😀😀', 6), '😀😀…');
    });
  });
});
