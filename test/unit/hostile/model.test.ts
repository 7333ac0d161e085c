/**
 * Hostile values against the pure model: display text, dashboard links, copy formats, grouping and
 * search. Each probe asserts the safe behaviour.
 */
import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api/contact';
import { contactLabel, parseDate, plainText, sourceLabel } from '../../../src/contacts/display';
import { formatDetails, formatJson, formatVCard } from '../../../src/contacts/format';
import { createCollator, groupContacts } from '../../../src/contacts/grouping';
import { checkDashboardLink } from '../../../src/contacts/links';
import { ContactSearchIndex } from '../../../src/contacts/search';
import { isWellFormed } from './hostileHelpers';

const UUID = '414a6d692bd645ed803f2e7ce360d4c8';

function contact(fields: Partial<Contact> = {}): Contact {
  const base = { uuid: UUID, name: 'Test', tags: [] as string[], customFields: {} as Record<string, string>, ...fields };
  return { ...base, raw: fields.raw ?? { ...base } };
}

/** Line breaks as Python's str.splitlines(), many importers and some editors see them. */
const ANY_LINE_BREAK = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;

describe('hostile data: model', () => {
  describe('plainText / contactLabel', () => {
    it('never returns a lone surrogate (JSON can carry "\\ud800")', () => {
      for (const text of ['\ud800', 'a\udc00b', 'x\ud83d', '\ude00 end', 'ok 😀 \ud800']) {
        const shown = plainText(text);
        assert.ok(isWellFormed(shown), `${JSON.stringify(text)} → ${JSON.stringify(shown)}`);
      }
    });

    it('a lone surrogate right at the cut is not left behind either', () => {
      const shown = plainText('a'.repeat(198) + '\udc00' + 'b'.repeat(10), 200);
      assert.ok(isWellFormed(shown), JSON.stringify(shown.slice(-5)));
    });

    it('stacks of 10,000 combining marks stay within the length bound', () => {
      const shown = plainText('Z' + '\u0301\u0316\u0353'.repeat(10_000));
      assert.ok(shown.length <= 200, String(shown.length));
    });

    it('keeps zero-width joiner emoji sequences intact (ZWJ is not "unsafe")', () => {
      assert.equal(plainText('Family 👩‍👩‍👧'), 'Family 👩‍👩‍👧');
    });

    it('a name made only of bidi controls falls back to the phone number instead of an empty row', () => {
      const c = contact({ name: '\u202e\u202c\u2066\u2069', phoneNumber: '+34 600 111 222' });
      assert.equal(plainText(contactLabel(c)), '+34 600 111 222');
    });

    it('a name made only of zero-width characters is not an invisible row', () => {
      const c = contact({ name: '\u200b\u200b\u2060\ufeff\u200b', phoneNumber: '+34 600 111 222' });
      const shown = plainText(contactLabel(c));
      assert.ok(/[^\s\u200b-\u200f\u2060-\u2064\ufeff]/.test(shown), `label is invisible: ${JSON.stringify(shown)}`);
    });

    it('codicon syntax cannot survive by hiding characters between "$" and "("', () => {
      for (const name of ['$\u0000(alert)', '$\u202e(alert)', '$\n(alert)', '$$((alert))', '$(alert~spin)']) {
        assert.ok(!/\$\(/.test(plainText(name)), `${JSON.stringify(name)} → ${JSON.stringify(plainText(name))}`);
      }
    });
  });

  describe('sourceLabel and Object.prototype names', () => {
    for (const source of ['constructor', '__proto__', 'Constructor', ' __PROTO__ ', 'toString', 'hasOwnProperty', '__defineGetter__']) {
      it(`sourceLabel(${JSON.stringify(source)}) is a string`, () => {
        assert.equal(typeof sourceLabel(source), 'string');
      });
    }

    it('formatDetails does not throw for a contact whose source is "constructor" or "__proto__"', () => {
      for (const source of ['constructor', '__proto__']) {
        assert.doesNotThrow(() => formatDetails(contact({ source })), source);
      }
    });

    it('grouping by source yields string labels for "constructor" and "__proto__"', () => {
      const groups = groupContacts([contact({ source: 'constructor' }), contact({ uuid: 'b'.repeat(32), source: '__proto__' })], 'source', createCollator('en'));
      for (const group of groups) assert.equal(typeof group.label, 'string', group.id);
    });

    it('grouping by tag handles tags named like Object.prototype members', () => {
      const tags = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
      const groups = groupContacts([contact({ tags })], 'tag', createCollator('en'));
      assert.deepEqual(groups.map((g) => g.label).sort(), [...tags].sort());
    });
  });

  describe('checkDashboardLink', () => {
    const rejected = [
      'https://dash.callbell.eu%2F@evil.com',
      'https://dash.callbell.eu%2F@evil.com/contacts/1',
      'https://dаsh.callbell.eu/', // Cyrillic а
      'https://dash.cаllbell.eu/', // Cyrillic а in the second label
      'https://xn--dsh-6cd.callbell.eu/',
      'HTTPS://DASH.CALLBELL.EU.',
      'https://dash.callbell.eu./contacts/1',
      'https://dash.callbell.eu..',
      'https://evil.com\\@dash.callbell.eu/',
      'https://evil.com\t@dash.callbell.eu/',
      'https://dash.callbell.eu\u3002evil.com/',
      'https://dash.callbell.eu%00.evil.com/',
      'https://\u202edash.callbell.eu/',
      'https:\\\\evil.com\\dash.callbell.eu',
      'blob:https://dash.callbell.eu/uuid',
      'view-source:https://dash.callbell.eu/',
      'https://[::ffff:dash.callbell.eu]/',
    ];
    for (const href of rejected) {
      it(`rejects ${JSON.stringify(href)}`, () => {
        const check = checkDashboardLink(href);
        assert.ok(!check.ok, `accepted as ${check.ok ? check.url : ''}`);
      });
    }

    const sameHost = [
      'https:\\\\dash.callbell.eu',
      'https:\\\\dash.callbell.eu\\contacts\\1',
      'https://dash.call\tbell.eu/contacts/1',
      'https://dash.callbell.eu/con\ntacts/\r1',
      'https://dash%2Ecallbell%2Eeu/x',
      'https://ｄａｓｈ.callbell.eu/x',
      'https://dash.callbell.eu\\@evil.com',
      'https://dash.callbell.eu/a b\r\nBEGIN:VCARD\r\nFN:evil',
      'https://dash.callbell.eu/\u202etxt.exe',
      'https://dash.callbell.eu/?q=\u2028x#\u0085y',
      'https://dash.callbell.eu:443/%0d%0aSet-Cookie:x',
      // IDNA drops a zero-width space and 0443 is port 443: the same host, so acceptance is fine.
      'https://dash.callbell.eu\u200b/',
      'https://dash.callbell.eu:0443/',
    ];
    for (const href of sameHost) {
      it(`${JSON.stringify(href)}: if accepted, the URL handed on is the dashboard host and plain printable ASCII`, () => {
        const check = checkDashboardLink(href);
        if (!check.ok) return;
        assert.match(check.url, /^https:\/\/dash\.callbell\.eu\/[\x21-\x7e]*$/);
        assert.equal(new URL(check.url).hostname, 'dash.callbell.eu');
        assert.deepEqual(checkDashboardLink(check.url), check, 'normalisation is stable');
      });
    }
  });

  describe('vCard', () => {
    it('newlines in every field cannot start a second card (CRLF, CR, LF)', () => {
      const inject = 'x\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:evil\rTEL:1\nEMAIL:e';
      const card = formatVCard(contact({ name: inject, phoneNumber: inject, tags: [inject], customFields: { [inject]: inject }, href: `https://dash.callbell.eu/${inject}` }));
      const lines = card.slice(0, -2).split('\r\n');
      assert.equal(lines.filter((l) => l.startsWith('BEGIN:')).length, 1);
      assert.ok(lines.every((l) => !/[\r\n]/.test(l)));
    });

    it('Unicode and control line separators (NEL, LS, PS, VT, FF, FS/GS/RS) cannot start a second card either', () => {
      for (const sep of ['\u0085', '\u2028', '\u2029', '\v', '\f', '\x1c', '\x1d', '\x1e']) {
        const inject = `x${sep}END:VCARD${sep}BEGIN:VCARD${sep}FN:evil`;
        const card = formatVCard(contact({ name: inject, customFields: { note: inject } }));
        const lines = card.split(ANY_LINE_BREAK);
        assert.equal(lines.filter((l) => l.startsWith('BEGIN:VCARD')).length, 1, `separator U+${sep.charCodeAt(0).toString(16).padStart(4, '0')}`);
      }
    });

    it('holds no control characters other than the CRLF line ends (NUL, ESC, DEL)', () => {
      const card = formatVCard(contact({ name: 'a\u0000b\u001b[31mc\u007fd', phoneNumber: '+1\u00005', tags: ['t\u0007'] }));
      const body = card.replace(/\r\n/g, '');
      assert.ok(!/[\x00-\x1f\x7f]/.test(body), JSON.stringify(body));
    });

    it('a lone surrogate in a value is not written as half a character', () => {
      const card = formatVCard(contact({ name: 'a\ud800b' }));
      assert.ok(isWellFormed(card));
    });

    it('folding never splits a surrogate pair or a UTF-8 sequence, even with 4096-character values', () => {
      const card = formatVCard(contact({ name: '😀é'.repeat(1365) + 'x' }));
      for (const line of card.split('\r\n')) {
        assert.ok(Buffer.byteLength(line) <= 75, String(Buffer.byteLength(line)));
        assert.ok(isWellFormed(line));
      }
    });
  });

  describe('formatDetails', () => {
    it('CR / LF / CRLF in values and keys cannot fake extra lines', () => {
      const text = formatDetails(contact({ name: 'Ana\nContact ID: evil', phoneNumber: '1\r\nDashboard: https://evil', customFields: { 'k\rDashboard': 'v\n\nx' } }));
      // Name, phone, contact ID, the custom fields heading and the one field.
      assert.equal(text.split(/\r\n|\r|\n/).length, 5);
    });

    it('Unicode line separators (NEL, LS, PS) and VT / FF cannot fake extra lines', () => {
      for (const sep of ['\u0085', '\u2028', '\u2029', '\v', '\f']) {
        const text = formatDetails(contact({ name: `Ana${sep}Dashboard: https://evil.example` }));
        const lines = text.split(ANY_LINE_BREAK);
        assert.equal(lines.filter((l) => l.startsWith('Dashboard:')).length, 0, `separator U+${sep.charCodeAt(0).toString(16).padStart(4, '0')}: ${JSON.stringify(text)}`);
      }
    });

    it('strips bidi overrides, which would let a value reorder how its line reads', () => {
      const text = formatDetails(contact({ phoneNumber: '\u202e1234 567 +\u202c' }));
      assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(text), JSON.stringify(text));
    });

    it('a custom field cannot pose as the checked Dashboard link or the Contact ID', () => {
      const text = formatDetails(contact({ customFields: { Dashboard: 'https://evil.example/login', 'Contact ID': 'f'.repeat(32) } }));
      const lines = text.split('\n');
      assert.equal(lines.filter((l) => l.startsWith('Dashboard: ')).length, 0, text);
      assert.equal(lines.filter((l) => l.startsWith('Contact ID: ')).length, 1, text);
    });
  });

  describe('formatJson', () => {
    it('writes __proto__ keys of raw as data', () => {
      const raw = JSON.parse('{"uuid":"u","__proto__":{"x":1}}') as Record<string, unknown>;
      const json = formatJson(contact({ raw }));
      assert.match(json, /"__proto__"/);
    });
  });

  describe('search and dates', () => {
    it('search over hostile contacts neither throws nor treats the query as a pattern', () => {
      const contacts = [
        contact({ uuid: 'a'.repeat(32), name: 'a'.repeat(4096), tags: ['.*', '(?:'], customFields: { '__proto__': '\ud800' } }),
        contact({ uuid: 'b'.repeat(32), name: '\u202e\u0000', source: 'constructor' }),
      ];
      const index = new ContactSearchIndex(contacts);
      for (const query of ['.*', '(', '[', '\\', '$(', '\ud800', 'a'.repeat(10_000), '\u0000', '+++---']) {
        assert.doesNotThrow(() => index.search(query, 50), JSON.stringify(query.slice(0, 20)));
      }
      assert.deepEqual(index.search('.*', 50).map((c) => c.uuid), ['a'.repeat(32)]);
    });

    it('parseDate of hostile createdAt values gives a valid date or undefined, and formatting never throws', () => {
      const format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
      for (const text of ['+275760-09-13T00:00:00.001Z', '-271821-04-19T00:00:00Z', '9'.repeat(400), '2020-02-30T25:61:00Z', '0', '1e400', 'Infinity', '\u0000']) {
        const date = parseDate(text);
        if (date !== undefined) assert.doesNotThrow(() => format.format(date), text);
      }
    });
  });
});
