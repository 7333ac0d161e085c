import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Contact } from '../../../src/api';
import type { CacheFilter } from '../../../src/cache';
import { generateContacts, hostileContacts } from '../../fake-server/data';
import { API_KEY, cacheSetup, loadContacts, onlyCacheFile, type CacheSetup } from './helpers';

/**
 * Shorter needles would turn up in a few hundred kilobytes of random bytes by chance (a 4-byte one
 * about once in 20,000 files of this size); from 5 bytes on a false hit is below one in a million.
 */
const MIN_NEEDLE_BYTES = 5;

/** Each value as UTF-8 and in the JSON-escaped, quoted form it takes inside the payload. */
function needles(values: Iterable<string>): Buffer[] {
  const found = new Map<string, Buffer>();
  for (const value of values) {
    for (const form of [value, JSON.stringify(value)]) {
      const bytes = Buffer.from(form, 'utf8');
      if (bytes.length >= MIN_NEEDLE_BYTES) found.set(form, bytes);
    }
  }
  return [...found.values()];
}

function contactValues(contacts: readonly Contact[], filter: CacheFilter): string[] {
  const values = [...(filter.tags ?? [])];
  for (const contact of contacts) {
    values.push(contact.uuid, contact.name, ...contact.tags, ...Object.values(contact.customFields), ...Object.keys(contact.customFields));
    if (contact.phoneNumber !== undefined) values.push(contact.phoneNumber);
    if (contact.assignedUser !== undefined) values.push(contact.assignedUser);
  }
  return values;
}

describe('cache/ContactsCache on disk', () => {
  let setup: CacheSetup;
  let contacts: Contact[];

  before(async () => {
    contacts = await loadContacts([...hostileContacts(), ...generateContacts(300, { seed: 21 })]);
  });
  beforeEach(async () => {
    setup = await cacheSetup();
  });
  afterEach(() => setup.close());

  it('holds no name, phone number, tag, custom field or API key readable without the key', async () => {
    const filter: CacheFilter = { source: 'whatsapp', tags: ['suporte técnico', 'kundendienst'] };
    await setup.cache().write(API_KEY, filter, contacts);
    const file = await onlyCacheFile(setup);
    const bytes = await readFile(file);
    const checked = needles(contactValues(contacts, filter));

    // The same search over the plaintext finds every JSON form: the search itself works.
    // (The parsed values too: a parsed field may be cut shorter than the same string in `raw`.)
    const plaintext = Buffer.from(JSON.stringify({ filter, contacts: contacts.map((contact) => contact.raw), parsed: contacts }), 'utf8');
    const quoted = checked.filter((needle) => needle[0] === 0x22);
    assert.ok(quoted.length > 600, `${quoted.length} values checked`);
    assert.deepEqual(quoted.filter((needle) => !plaintext.includes(needle)).map(String), []);

    // Nor the API key, nor the payload's own structure.
    checked.push(...needles([API_KEY, '"name":', '"phoneNumber":', '"customFields":', '"savedAt":']));
    const readable = checked.filter((needle) => bytes.includes(needle)).map((needle) => needle.toString('utf8').slice(0, 40));
    assert.deepEqual(readable, []);
    const rawOnly = Buffer.from(JSON.stringify({ filter, contacts: contacts.map((contact) => contact.raw) }), 'utf8');
    assert.ok(bytes.length > rawOnly.length * 0.9, 'the file holds the contacts, encrypted');
  });

  it('names the file by an id that does not reveal the API key', async () => {
    await setup.cache().write(API_KEY, {}, contacts.slice(0, 5));
    const name = path.basename(await onlyCacheFile(setup));
    const plainHash = createHash('sha256').update(API_KEY).digest('hex');
    assert.ok(!name.includes(API_KEY) && !name.includes(plainHash.slice(0, 16)), name);
    assert.match(name, /^contacts-[0-9a-f]{32}\.cache$/);
  });
});
