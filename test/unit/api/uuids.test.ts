import * as assert from 'node:assert/strict';
import { parseContact } from '../../../src/api/parse';
import { contactJson, type ContactJson } from '../../fake-server/data';
import { closeAll, harness } from './helpers';

describe('CallbellClient: contact uuids', () => {
  afterEach(closeAll);

  it('keeps only uuids of 1–64 letters, digits, "_" and "-", so no two contacts share a tree id', async () => {
    const valid = ['0123456789abcdef0123456789abcdef', 'BS_1-a', 'x', 'z'.repeat(64)];
    // Tree rows are `<group id>/contact:<uuid>`: a uuid holding "/contact:" could copy another row's id.
    const invalid = ['abc/contact:def', 'tag:vip', 'a.b', 'a b', 'ünï', 'a%2Fb', 'a\u200bb', 'z'.repeat(65), ''];
    const data: ContactJson[] = [...valid, ...invalid].map((uuid) => contactJson({ uuid }));
    const { client, warnings } = await harness({ contacts: data, pageSize: 20 });

    const contacts = await client.listContacts({});

    assert.deepEqual(contacts.map((c) => c.uuid), valid);
    const skipped = warnings.filter((w) => w.code === 'contactSkipped');
    assert.equal(skipped.length, invalid.length);
    assert.ok(skipped.slice(0, -1).every((w) => /malformed uuid/.test(w.message)), skipped.map((w) => w.message).join('\n'));
  });

  it('parseContact names the reason', () => {
    assert.deepEqual(parseContact(contactJson({ uuid: 'g/contact:h' })), { reason: 'malformed uuid' });
    assert.ok('contact' in parseContact(contactJson({ uuid: 'Ab_9-' })));
  });
});
