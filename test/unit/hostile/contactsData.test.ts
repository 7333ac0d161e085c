/**
 * Hostile contact data through the real client over HTTP: every probe asserts the safe behaviour,
 * so a failing probe is a finding.
 */
import * as assert from 'node:assert/strict';
import { CallbellError, DEFAULT_MAX_PAGES } from '../../../src/api';
import { DEFAULT_PAGE_SIZE } from '../../../src/api/client';
import { formatDetails, formatJson, formatVCard } from '../../../src/contacts/format';
import { contactJson, type ContactJson } from '../../fake-server/data';
import { assertCallbellError, closeHostile, fake, hex, hostileClient, rawServer, rejection, sendJson } from './hostileHelpers';

/** Builds `[[[…"x"…]]]` nested `depth` levels deep without recursion. */
function nested(depth: number): string {
  return '['.repeat(depth) + '"x"' + ']'.repeat(depth);
}

describe('hostile server: contact data', function () {
  this.timeout(5000);
  afterEach(closeHostile);

  it('contacts that are not objects are skipped, the rest kept', async () => {
    const good = contactJson();
    const server = await fake();
    server.setContacts([1, 'two', true, null, [], [good], good, {}] as unknown as ContactJson[]);
    const { client, warnings } = hostileClient(server.baseUrl);
    const contacts = await client.listContacts({});
    assert.deepEqual(contacts.map((c) => c.uuid), [good.uuid]);
    assert.equal(warnings.filter((w) => w.code === 'contactSkipped').length, 7);
  });

  it('uuid as a number, object, array, huge string, with controls: skipped', async () => {
    const good = contactJson();
    const server = await fake();
    server.setContacts([
      { ...contactJson(), uuid: 12345 },
      { ...contactJson(), uuid: { $oid: 'abc' } },
      { ...contactJson(), uuid: ['abc'] },
      { ...contactJson(), uuid: 'f'.repeat(1_000_000) },
      { ...contactJson(), uuid: 'abc\u0000def' },
      { ...contactJson(), uuid: 'abc/../def\u202e' },
      good,
    ]);
    const { client } = hostileClient(server.baseUrl);
    assert.deepEqual((await client.listContacts({})).map((c) => c.uuid), [good.uuid]);
  });

  it('a duplicate uuid with different data keeps the first occurrence only', async () => {
    const uuid = hex(0xdead);
    const server = await fake({ pageSize: 2 });
    server.setContacts([
      contactJson({ uuid, name: 'Original' }),
      contactJson({ name: 'Other' }),
      contactJson({ uuid, name: 'Impostor', href: 'https://evil.example/' }),
    ]);
    const { client } = hostileClient(server.baseUrl);
    const contacts = await client.listContacts({});
    assert.equal(contacts.length, 2);
    assert.equal(contacts.find((c) => c.uuid === uuid)?.name, 'Original');
  });

  it('__proto__ / constructor keys in the contact and in customFields stay plain data (no prototype pollution)', async () => {
    const body =
      '{"contacts":[{"uuid":"' + hex(1) + '","name":"Proto","__proto__":{"polluted":"yes","name":"evil"},' +
      '"constructor":{"prototype":{"polluted":"yes"}},' +
      '"customFields":{"__proto__":{"polluted":"yes"},"constructor":"c","toString":"t","hasOwnProperty":"h"},' +
      '"tags":["__proto__","constructor"]}]}';
    const server = await rawServer((_req, res) => sendJson(res, body));
    const { client } = hostileClient(server.baseUrl);
    const [contact] = await client.listContacts({});
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
    assert.equal(Object.getPrototypeOf(contact), Object.prototype);
    assert.equal(Object.getPrototypeOf(contact.customFields), Object.prototype);
    assert.equal(Object.getPrototypeOf(contact.raw), Object.prototype);
    assert.equal(contact.name, 'Proto');
    assert.equal(Object.getOwnPropertyDescriptor(contact.customFields, '__proto__')?.value, '{"polluted":"yes"}');
    assert.equal(contact.customFields.toString, 't');
    assert.deepEqual(contact.tags, ['__proto__', 'constructor']);
    // The copy formats must survive such a contact.
    assert.match(formatDetails(contact), /__proto__/);
    assert.match(formatJson(contact), /"__proto__"/);
    assert.match(formatVCard(contact), /^BEGIN:VCARD/);
  });

  it('tags as a string, a number, nested arrays, objects, 10,000 entries: tolerated or skipped, bounded', async () => {
    const server = await fake();
    const asString = contactJson({ tags: 'a, b ,,c' });
    const many = contactJson({ tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) });
    const manyInString = contactJson({ tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`).join(',') });
    server.setContacts([
      asString,
      contactJson({ tags: 42 }),
      contactJson({ tags: [['nested'], 'x'] }),
      contactJson({ tags: { 0: 'a' } }),
      contactJson({ tags: [null] }),
      many,
      manyInString,
    ]);
    const { client, warnings } = hostileClient(server.baseUrl);
    const contacts = await client.listContacts({});
    assert.deepEqual(contacts.map((c) => c.uuid), [asString.uuid, many.uuid, manyInString.uuid]);
    assert.deepEqual(contacts[0].tags, ['a', 'b', 'c']);
    assert.equal(contacts[1].tags.length, 100);
    assert.equal(contacts[2].tags.length, 100);
    assert.equal(warnings.filter((w) => w.code === 'contactSkipped').length, 4);
  });

  it('customFields as an array, with 10,000 keys, or huge values: skipped or bounded', async () => {
    const server = await fake();
    const manyKeys = contactJson({ customFields: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v'])) });
    const hugeValues = contactJson({ customFields: { ['K'.repeat(200_000)]: 'V'.repeat(1_000_000), other: { a: 'b'.repeat(100_000) } } });
    server.setContacts([contactJson({ customFields: ['a', 'b'] }), contactJson({ customFields: 'text' }), manyKeys, hugeValues]);
    const { client } = hostileClient(server.baseUrl);
    const contacts = await client.listContacts({});
    assert.deepEqual(contacts.map((c) => c.uuid), [manyKeys.uuid, hugeValues.uuid]);
    assert.equal(Object.keys(contacts[0].customFields).length, 100);
    for (const [key, value] of Object.entries(contacts[1].customFields)) {
      assert.ok(key.length <= 256 && value.length <= 1024, `${key.length} / ${value.length}`);
    }
    assert.ok(JSON.stringify(contacts[1].raw).length < 100_000, 'raw is bounded too');
  });

  it('a 1 MB name (and phone, source) is cut to its cap without a lone surrogate; a 1 MB href is left out', async () => {
    const server = await fake();
    const big = contactJson({ name: '😀'.repeat(500_000), phoneNumber: '1'.repeat(1_000_000), source: 's'.repeat(1_000_000), href: 'https://dash.callbell.eu/' + 'a'.repeat(1_000_000) });
    server.setContacts([big]);
    const { client, warnings } = hostileClient(server.baseUrl);
    const [contact] = await client.listContacts({});
    assert.ok(contact.name.length <= 512);
    assert.ok(!/[\ud800-\udbff]…$/.test(contact.name), 'half a surrogate pair before the ellipsis');
    assert.ok((contact.phoneNumber ?? '').length <= 256 && (contact.source ?? '').length <= 256);
    assert.equal(contact.href, undefined);
    assert.deepEqual(warnings.map((w) => w.code), ['contactTruncated']);
  });

  it('invalid UTF-8 in a 200 body is decoded with U+FFFD, never crashing', async () => {
    const head = Buffer.from(`{"contacts":[{"uuid":"${hex(7)}","name":"bad `, 'utf8');
    const tail = Buffer.from(' bytes"}]}', 'utf8');
    const body = Buffer.concat([head, Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80]), tail]);
    const server = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
    const { client } = hostileClient(server.baseUrl);
    const [contact] = await client.listContacts({});
    assert.match(contact.name, /^bad \ufffd+.*bytes$/);
  });

  it('deep nesting (100,000 levels) in an unknown field: loads, raw depth-capped, no stack overflow', async () => {
    const body = `{"contacts":[{"uuid":"${hex(8)}","name":"Deep","extra":${nested(100_000)}}]}`;
    const server = await rawServer((_req, res) => sendJson(res, body));
    const { client } = hostileClient(server.baseUrl);
    const [contact] = await client.listContacts({});
    assert.equal(contact.name, 'Deep');
    assert.ok(formatJson(contact).length < 10_000, 'raw was depth-capped');
  });

  it('deep nesting (100,000 levels) inside a customFields value: a CallbellError or a skipped contact, never a RangeError', async () => {
    const good = hex(9);
    const body =
      `{"contacts":[{"uuid":"${hex(10)}","name":"Deep field","customFields":{"x":${nested(100_000)}}},` +
      `{"uuid":"${good}","name":"Fine"}]}`;
    const server = await rawServer((_req, res) => sendJson(res, body));
    const { client } = hostileClient(server.baseUrl);
    let outcome: unknown;
    try {
      outcome = await client.listContacts({});
    } catch (error) {
      outcome = error;
    }
    if (outcome instanceof Error) {
      assertCallbellError(outcome);
    } else {
      assert.ok((outcome as { uuid: string }[]).some((c) => c.uuid === good), 'the good contact is kept');
    }
  });

  it('a single page cannot push more contacts than the client\'s maxContacts', async () => {
    // 60,000 minimal contacts in ONE page of ~2.5 MB: far below the 20 MB body cap.
    const entries = Array.from({ length: 60_000 }, (_, i) => `{"uuid":"${hex(i + 1)}"}`).join(',');
    const server = await rawServer((_req, res) => sendJson(res, `{"contacts":[${entries}],"meta":{"page":1,"pages":1}}`));
    const cap = DEFAULT_MAX_PAGES * DEFAULT_PAGE_SIZE;
    const { client } = hostileClient(server.baseUrl, { maxContacts: cap });
    let loaded: number;
    try {
      loaded = (await client.listContacts({})).length;
    } catch (error) {
      assertCallbellError(error);
      loaded = error.partial?.length ?? 0;
    }
    assert.ok(loaded <= cap, `one page delivered ${loaded} contacts (cap ${cap})`);
  });

  it('a page of 200,000 junk entries does not produce 200,000 warnings (log flood)', async () => {
    const body = `{"contacts":[${new Array(200_000).fill('0').join(',')}],"meta":{"page":1,"pages":1}}`;
    const server = await rawServer((_req, res) => sendJson(res, body));
    const { client, warnings } = hostileClient(server.baseUrl);
    await client.listContacts({}).catch((error: unknown) => assertCallbellError(error));
    assert.ok(warnings.length <= 1000, `${warnings.length} warnings for one page`);
  });

  it('rejects with a CallbellError, not a TypeError, when contacts/meta have absurd shapes', async () => {
    const bodies = ['null', '[]', '"contacts"', '{"contacts":{"length":1e9}}', '{"contacts":"[]"}', '{"contacts":null}', '123', '{}'];
    let index = 0;
    const server = await rawServer((_req, res) => sendJson(res, bodies[index++ % bodies.length]));
    const { client } = hostileClient(server.baseUrl, { retries: 0 });
    for (const body of bodies) {
      const error = await rejection(client.listContacts({}));
      assertCallbellError(error, 'invalidResponse');
      assert.ok(error instanceof CallbellError, body);
    }
  });
});
