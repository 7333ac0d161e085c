import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { csvCell, csvChunks, exportChunks, jsonChunks } from '../../../src/contacts/export';
import { writeExport } from '../../../src/contacts/exportFile';
import { ENGLISH_FIELD_LABELS } from '../../../src/contacts/fields';
import { contact } from './builders';

const FORMAT = { labels: ENGLISH_FIELD_LABELS, formatDate: () => 'a local date that must not be exported' };

function text(chunks: Iterable<{ text: string }>): string {
  return [...chunks].map((chunk) => chunk.text).join('');
}

describe('contacts/export', () => {
  describe('csvCell', () => {
    it('quotes cells with quotes, commas or line breaks, doubling the quotes', () => {
      assert.equal(csvCell('plain text'), 'plain text');
      assert.equal(csvCell('Bob "the builder"'), '"Bob ""the builder"""');
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('one\ntwo'), '"one\ntwo"');
      assert.equal(csvCell('one\r\ntwo'), '"one\r\ntwo"');
      assert.equal(csvCell('Ñúñez José'), 'Ñúñez José');
      assert.equal(csvCell(''), '');
    });

    it('neutralises cells a spreadsheet would run as formulas', () => {
      assert.equal(csvCell('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
      assert.equal(csvCell('+34 600'), '"\'+34 600"');
      assert.equal(csvCell('-1'), '"\'-1"');
      assert.equal(csvCell('@SUM(A1)'), '"\'@SUM(A1)"');
      assert.equal(csvCell('\tcmd'), '"\'\tcmd"');
      assert.equal(csvCell('\rcmd'), '"\'\rcmd"');
      assert.equal(csvCell('a=b'), 'a=b', 'only a leading sign counts');
    });

    it('replaces half a surrogate pair, so the file is valid UTF-8', () => {
      assert.equal(csvCell('x\ud800y'), 'x\ufffdy');
    });
  });

  describe('csvChunks', () => {
    it('writes a header from the field table, a column per custom field seen, dates as sent, tags joined by “; ”', () => {
      const contacts = [
        contact({ uuid: 'u1', name: 'Ana "la jefa"', phoneNumber: '+34 600 111 222', source: 'whatsapp', tags: ['Lead', 'vip'], createdAt: '2024-01-02T03:04:05Z', customFields: { Ciudad: 'Málaga' } }),
        contact({ uuid: 'u2', name: '=1+1', tags: [], closedAt: null, customFields: { Nota: 'línea 1\nlínea 2', '@key': 'x' } }),
      ];
      const expected =
        '\ufeffName,Phone,Source,Assigned to,Created,Blocked since,Conversation,Tags,Dashboard,Contact ID,Ciudad,Nota,"\'@key"\r\n' +
        '"Ana ""la jefa""","\'+34 600 111 222",whatsapp,,2024-01-02T03:04:05Z,,,Lead; vip,,u1,Málaga,,\r\n' +
        '"\'=1+1",,,,,,Open,,,u2,,"línea 1\nlínea 2",x\r\n';
      assert.equal(text(csvChunks(contacts, FORMAT)), expected);
    });

    it('gives a header alone for no contacts, and chunks of the size asked with a running count', () => {
      assert.equal(text(csvChunks([], FORMAT)), '\ufeffName,Phone,Source,Assigned to,Created,Blocked since,Conversation,Tags,Dashboard,Contact ID\r\n');
      const five = Array.from({ length: 5 }, (_, i) => contact({ name: `c${i}` }));
      assert.deepEqual([...csvChunks(five, FORMAT, 2)].map((chunk) => chunk.done), [2, 4, 5]);
      assert.deepEqual([...csvChunks(five.slice(0, 4), FORMAT, 2)].map((chunk) => chunk.done), [2, 4]);
    });
  });

  describe('jsonChunks', () => {
    it('writes the contacts as the API sent them, as one array, the same text as JSON.stringify', () => {
      const contacts = [
        contact({ raw: { uuid: 'u1', name: 'Ana', unknownField: { nested: [1, 'two'] } } }),
        contact({ raw: { uuid: 'u2', name: 'line\nbreak "quoted"', tags: [] } }),
        contact({ raw: { uuid: 'u3' } }),
      ];
      const expected = JSON.stringify(contacts.map((c) => c.raw), null, 2);
      for (const size of [1, 2, 1000]) assert.equal(text(jsonChunks(contacts, size)), expected, `chunks of ${size}`);
      assert.equal(text(exportChunks([], 'json', FORMAT)), '[]');
    });
  });

  describe('writeExport', () => {
    let directory: string;
    beforeEach(() => (directory = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-export-'))));
    afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

    it('writes every chunk to the target through a temporary file it then renames', async () => {
      const target = path.join(directory, 'contacts.csv');
      const done: number[] = [];
      await writeExport(target, [{ text: 'a,b\r\n', done: 1 }, { text: 'ç,"d"\r\n', done: 2 }], { onProgress: (count) => done.push(count) });
      assert.equal(fs.readFileSync(target, 'utf8'), 'a,b\r\nç,"d"\r\n');
      assert.deepEqual(fs.readdirSync(directory), ['contacts.csv']);
      assert.deepEqual(done, [1, 2]);
      if (process.platform !== 'win32') assert.equal(fs.statSync(target).mode & 0o777, 0o600, 'personal data: the user only');
    });

    it('a cancelled export leaves no partial file and an existing one untouched', async () => {
      const target = path.join(directory, 'contacts.json');
      fs.writeFileSync(target, 'the previous export');
      const controller = new AbortController();
      function* endless(): Generator<{ text: string; done: number }> {
        for (let done = 1; ; done++) {
          if (done === 3) controller.abort();
          yield { text: 'x'.repeat(100_000), done };
        }
      }
      await assert.rejects(writeExport(target, endless(), { signal: controller.signal }), { name: 'AbortError' });
      assert.deepEqual(fs.readdirSync(directory), ['contacts.json']);
      assert.equal(fs.readFileSync(target, 'utf8'), 'the previous export');
    });

    it('rejects when the folder does not exist, leaving nothing behind', async () => {
      const target = path.join(directory, 'missing', 'contacts.csv');
      await assert.rejects(writeExport(target, [{ text: 'a', done: 1 }]), { code: 'ENOENT' });
      assert.deepEqual(fs.readdirSync(directory), []);
    });
  });
});
