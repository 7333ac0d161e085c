import * as assert from 'node:assert/strict';
import { contactJson, generateContacts, hostileContacts, type ContactJson } from '../../fake-server/data';
import { closeAll, harness } from './helpers';

describe('CallbellClient: untrusted contacts', () => {
  afterEach(closeAll);

  it('skips a bad contact, counts it through onWarning, and keeps the rest', async () => {
    const good = [contactJson(), contactJson(), contactJson()];
    const data = [
      good[0],
      contactJson({ uuid: undefined }),
      { ...contactJson(), uuid: 42 },
      contactJson({ name: { first: 'Ana' } }),
      contactJson({ tags: 7 }),
      contactJson({ tags: ['ok', 3] }),
      contactJson({ customFields: ['not', 'an', 'object'] }),
      good[1],
      'just a string',
      null,
      contactJson({ uuid: 'has spaces in it' }),
      contactJson({ uuid: 'x'.repeat(65) }),
      good[2],
    ] as unknown as ContactJson[];
    const { client, warnings } = await harness({ contacts: data, pageSize: 20 });

    const contacts = await client.listContacts({});

    assert.deepEqual(contacts.map((c) => c.uuid), good.map((c) => c.uuid));
    const skipped = warnings.filter((w) => w.code === 'contactSkipped');
    assert.equal(skipped.length, 10);
    assert.match(skipped[0].message, /contact 2 of page 1: no uuid/);
    assert.match(skipped[2].message, /“name” is not text/);
  });

  it('a page of only bad contacts does not end the walk early', async () => {
    const data = [...Array.from({ length: 20 }, () => contactJson({ uuid: undefined })), ...generateContacts(5, { seed: 1 })];
    const { client, warnings } = await harness({ contacts: data, pagination: 'noMeta' });
    assert.equal((await client.listContacts({})).length, 5);
    // Ten warnings, then one line counting the rest: a page of junk does not flood the log.
    assert.equal(warnings.length, 11);
    assert.match(warnings[10].message, /10 more contacts of page 1/);
  });

  it('truncates oversized strings and caps tags and custom fields', async () => {
    const manyFields = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`field ${i}`, 'v'.repeat(10_000)]));
    const big = contactJson({
      name: 'N'.repeat(100_000),
      tags: Array.from({ length: 500 }, (_, i) => `tag${i}`),
      customFields: manyFields,
      extra: { nested: 'x'.repeat(50_000) },
    });
    const { client, warnings } = await harness({ contacts: [big] });

    const [contact] = await client.listContacts({});

    assert.equal(contact.name.length, 512);
    assert.ok(contact.name.endsWith('…'));
    assert.equal(contact.tags.length, 100);
    assert.equal(Object.keys(contact.customFields).length, 100);
    assert.ok(Object.values(contact.customFields).every((v) => v.length === 1024));
    assert.equal((contact.raw.name as string).length, 1024);
    assert.equal(((contact.raw.extra as Record<string, string>).nested).length, 1024);
    assert.deepEqual(warnings.map((w) => w.code), ['contactTruncated']);
  });

  it('loads the hostile contacts intact apart from truncation', async () => {
    const hostile = hostileContacts();
    const { client } = await harness({ contacts: hostile });

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, hostile.length);
    const rtl = contacts.find((c) => c.name.includes('Right-To-Left'));
    assert.equal(rtl?.name, hostile[2].name, 'data is kept as typed; the UI neutralises it');
    const protoish = contacts.find((c) => '__proto__x' in c.customFields);
    assert.equal(Object.getPrototypeOf(protoish?.customFields), Object.prototype);
    assert.equal(contacts.find((c) => c.name.startsWith('LLL'))?.name.length, 512);
  });

  it('accepts null and missing optional fields, and tags as a comma-separated string', async () => {
    const sparse = contactJson({ name: null, phoneNumber: undefined, avatarUrl: null, tags: 'sales, lead ,', customFields: null, assignedUser: null });
    const { client, warnings } = await harness({ contacts: [sparse] });

    const [contact] = await client.listContacts({});

    assert.equal(contact.name, '');
    assert.equal(contact.phoneNumber, undefined);
    assert.equal('avatarUrl' in contact, false);
    assert.deepEqual(contact.tags, ['sales', 'lead']);
    assert.deepEqual(contact.customFields, {});
    assert.equal(contact.raw.tags, 'sales, lead ,');
    assert.deepEqual(warnings, []);
  });

  it('keeps unknown fields in raw', async () => {
    const { client } = await harness({ contacts: [contactJson({ bsuid: 'BS-1', team: { uuid: 't1', name: 'Sales' } })] });
    const [contact] = await client.listContacts({});
    assert.equal(contact.raw.bsuid, 'BS-1');
    assert.deepEqual(contact.raw.team, { uuid: 't1', name: 'Sales' });
  });
});
