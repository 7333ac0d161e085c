import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

/**
 * Runs in a child `node --expose-gc`: parses contacts whose strings are megabytes long, keeps the
 * parsed contacts, drops the JSON, collects garbage and prints how much more heap is in use than
 * before. V8's slice keeps its source alive, so a cut that is not a copy shows up here in full.
 */
const CHILD = String.raw`
const { parseContact } = require(process.argv[1]);
const MB = 1024 * 1024;
const huge = (letter, size) => letter.repeat(size);
const heap = () => { global.gc(); global.gc(); return process.memoryUsage().heapUsed; };
const before = heap();
// In a function of its own, so the JSON text and the parsed tree die when it returns.
const parseOne = (i) => {
  const body = JSON.stringify({
    uuid: 'c' + i,
    name: huge('n', 19 * MB),
    phoneNumber: huge('1', 2 * MB),
    assignedUser: huge('a', 2 * MB),
    source: huge('s', 2 * MB),
    tags: 'customer-since-2020,' + huge('t', 2 * MB),
    customFields: { [huge('k', 2 * MB)]: huge('v', 2 * MB), notes: huge('w', 2 * MB) },
    extra: { nested: [huge('x', 2 * MB)] },
  });
  const result = parseContact(JSON.parse(body));
  if (!result.contact) throw new Error('skipped: ' + result.reason);
  return result.contact;
};
const kept = [0, 1, 2].map(parseOne);
const retained = heap() - before;
process.stdout.write(JSON.stringify({ retained, nameLength: kept[0].name.length, tags: kept[0].tags.map((t) => t.length) }));
`;

describe('CallbellClient parsing: memory', function () {
  this.timeout(60_000);

  it('a contact cut from megabytes of strings keeps none of them alive (measured with --expose-gc)', () => {
    const parse = require.resolve('../../../src/api/parse');
    const output = execFileSync(process.execPath, ['--expose-gc', '-e', CHILD, parse], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
    const { retained, nameLength, tags } = JSON.parse(output) as { retained: number; nameLength: number; tags: number[] };
    // Three contacts with 35 MB of strings each; what they may keep is a few KB apiece.
    assert.ok(retained < 2 * 1024 * 1024, `${(retained / 1024 / 1024).toFixed(1)} MB still held after GC`);
    assert.ok(nameLength <= 512, `name kept at ${nameLength} characters`);
    assert.deepEqual(tags, [19, 256]);
  });
});
