import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Contact } from '../../../src/api';
import { CACHE_KEY_SECRET, type CacheFilter } from '../../../src/cache';
import { generateContacts, hostileContacts } from '../../fake-server/data';
import { API_KEY, OTHER_API_KEY, cacheSetup, loadContacts, onlyCacheFile, type CacheSetup } from './helpers';

describe('cache/ContactsCache', () => {
  let setup: CacheSetup;
  let ordinary: Contact[];
  let others: Contact[];

  before(async () => {
    ordinary = await loadContacts([...generateContacts(60, { seed: 11 }), ...hostileContacts()]);
    others = await loadContacts(generateContacts(25, { seed: 12 }));
  });
  beforeEach(async () => {
    setup = await cacheSetup();
  });
  afterEach(() => setup.close());

  it('gives back the contacts, the save time and the filter it was written with', async () => {
    const filter: CacheFilter = { source: 'whatsapp', tags: ['VIP', 'ventas'] };
    const result = await setup.cache({ now: () => 1_750_000_000_123 }).write(API_KEY, filter, ordinary);
    assert.equal(result.written, true);

    const read = await setup.cache().read(API_KEY, filter);
    assert.ok(read, 'a cache written by one window is read by the next');
    assert.deepEqual(read.contacts, ordinary);
    assert.equal(read.savedAt, 1_750_000_000_123);
    assert.deepEqual(read.filter, filter);
    assert.match(path.basename(await onlyCacheFile(setup)), /^contacts-[0-9a-f]{32}\.cache$/);
    assert.deepEqual(setup.logs, []);
  });

  it('keeps each filter as given and serves it only for the same filter', async () => {
    for (const filter of [{}, { tags: [] }, { source: 'telegram' }, { tags: ['Lead', 'suporte técnico', 'Lead'] }] as CacheFilter[]) {
      await setup.cache().write(API_KEY, filter, others);
      const read = await setup.cache().read(API_KEY, filter);
      assert.deepEqual(read?.filter, filter);
      assert.equal(read?.contacts.length, others.length);
    }
    assert.equal(await setup.cache().read(API_KEY, { tags: ['lead', 'suporte técnico'] }), undefined, 'the default comparison is exact');
    assert.equal(await setup.cache().read(API_KEY, { source: 'whatsapp', tags: ['Lead', 'suporte técnico'] }), undefined);
    assert.equal((await setup.files()).length, 1, 'a filter mismatch keeps the file');

    const caseless = (stored: CacheFilter, wanted: CacheFilter): boolean =>
      JSON.stringify((stored.tags ?? []).map((tag) => tag.toLowerCase()).sort()) ===
      JSON.stringify((wanted.tags ?? []).map((tag) => tag.toLowerCase()).sort());
    const read = await setup.cache({ sameFilter: caseless }).read(API_KEY, { tags: ['LEAD', 'lead', 'SUPORTE TÉCNICO'] });
    assert.equal(read?.contacts.length, others.length, "the caller's comparison decides");
  });

  it('keeps accounts apart: another API key neither sees nor replaces the first one’s contacts', async () => {
    await setup.cache().write(API_KEY, {}, ordinary);
    assert.equal(await setup.cache().read(OTHER_API_KEY, {}), undefined);
    await setup.cache().write(OTHER_API_KEY, {}, others);
    assert.equal((await setup.files()).length, 2);
    assert.deepEqual((await setup.cache().read(API_KEY, {}))?.contacts, ordinary);
    assert.deepEqual((await setup.cache().read(OTHER_API_KEY, {}))?.contacts, others);
    assert.deepEqual(setup.logs, []);
  });

  it('leaves one whole file and no temporary ones when two windows write at once', async () => {
    const first = setup.cache();
    const second = setup.cache();
    await first.write(API_KEY, {}, others);
    const sets = [ordinary, others, ordinary.slice(5), others.slice(3)];
    const results = await Promise.all(sets.map((contacts, i) => (i % 2 === 0 ? first : second).write(API_KEY, {}, contacts)));
    assert.ok(results.every((result) => result.written));
    const names = await setup.files();
    assert.equal(names.length, 1, names.join(', '));
    const read = await setup.cache().read(API_KEY, {});
    assert.ok(read && sets.some((contacts) => JSON.stringify(contacts) === JSON.stringify(read.contacts)), 'one of the writes, whole');
  });

  it('delete removes one account’s file; deleteAll removes every file, stray temporary files and the key', async () => {
    const cache = setup.cache();
    await cache.write(API_KEY, {}, ordinary);
    await cache.write(OTHER_API_KEY, {}, others);
    await cache.delete(API_KEY);
    assert.equal(await cache.read(API_KEY, {}), undefined);
    assert.equal((await cache.read(OTHER_API_KEY, {}))?.contacts.length, others.length);

    await writeFile(path.join(setup.directory, 'contacts-00112233aabbccdd.tmp'), 'left by a crash');
    await writeFile(path.join(setup.directory, 'unrelated.txt'), 'not ours');
    await cache.deleteAll();
    assert.deepEqual(await setup.files(), ['unrelated.txt']);
    assert.equal(setup.secrets.values.has(CACHE_KEY_SECRET), false);
    assert.equal(await cache.read(OTHER_API_KEY, {}), undefined);
    assert.deepEqual(setup.logs, []);

    assert.equal((await cache.write(API_KEY, {}, others)).written, true, 'a later sign-in writes again, with a new key');
    assert.ok(setup.secrets.values.has(CACHE_KEY_SECRET));
  });

  it('deleteAll stops a write in flight from landing after it', async () => {
    const cache = setup.cache();
    const writing = cache.write(API_KEY, {}, ordinary);
    await cache.deleteAll();
    assert.deepEqual(await writing, { written: false, reason: 'cancelled' });
    assert.deepEqual(await setup.files(), []);
    assert.equal(setup.secrets.values.has(CACHE_KEY_SECRET), false);
  });

  it('keeps the key in the secret store: 256 random bits, never the API key', async () => {
    await setup.cache().write(API_KEY, {}, others);
    const stored = setup.secrets.values.get(CACHE_KEY_SECRET) ?? '';
    assert.equal(Buffer.from(stored, 'base64').length, 32);
    assert.ok(!stored.includes(API_KEY) && !Buffer.from(stored, 'base64').toString('latin1').includes(API_KEY));
    const other = await cacheSetup();
    try {
      await other.cache().write(API_KEY, {}, others);
      assert.notEqual(other.secrets.values.get(CACHE_KEY_SECRET), stored, 'a new key per profile, not one derived from the API key');
      assert.notEqual(path.basename(await onlyCacheFile(other)), path.basename(await onlyCacheFile(setup)));
    } finally {
      await other.close();
    }
  });
});
