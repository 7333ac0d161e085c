import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Contact } from '../../../src/api';
import { CACHE_KEY_SECRET } from '../../../src/cache';
import { sealCacheFile } from '../../../src/cache/cacheFile';
import { accountId } from '../../../src/cache/cacheKey';
import { generateContacts, hostileContacts } from '../../fake-server/data';
import { API_KEY, OTHER_API_KEY, cacheSetup, loadContacts, onlyCacheFile, type CacheSetup } from './helpers';

describe('cache/ContactsCache with damaged files', () => {
  let setup: CacheSetup;
  let contacts: Contact[];
  let file: string;

  before(async () => {
    contacts = await loadContacts([...generateContacts(40, { seed: 9 }), ...hostileContacts()]);
  });
  beforeEach(async () => {
    setup = await cacheSetup();
    await setup.cache().write(API_KEY, {}, contacts);
    file = await onlyCacheFile(setup);
  });
  afterEach(() => setup.close());

  const key = (): Buffer => Buffer.from(setup.secrets.values.get(CACHE_KEY_SECRET) ?? '', 'base64');

  /** Reads with a new cache and checks: undefined, the file deleted, one log line naming `reason`. */
  async function assertDiscarded(reason: RegExp, maxFileBytes?: number): Promise<void> {
    const cache = setup.cache(maxFileBytes === undefined ? {} : { maxFileBytes });
    assert.equal(await cache.read(API_KEY, {}), undefined);
    assert.deepEqual(await setup.files(), [], 'the unreadable file is deleted');
    assert.equal(setup.logs.length, 1, setup.logs.join('\n'));
    assert.match(setup.logs[0], /^Contacts cache: deleted an unreadable cache file: /);
    assert.match(setup.logs[0], reason);
    assert.ok(!setup.logs[0].includes(API_KEY) && !/\n/.test(setup.logs[0]));
    for (const contact of contacts) {
      if (contact.name.length >= 4) assert.ok(!setup.logs[0].includes(contact.name), 'no contact data in the log');
    }
  }

  async function patch(edit: (bytes: Buffer) => Buffer): Promise<void> {
    await writeFile(file, edit(await readFile(file)));
  }

  for (const [where, offset] of [['magic', 0], ['header', 10], ['IV', 25], ['ciphertext', 500], ['authentication tag', -1]] as const) {
    it(`deletes a file with one byte changed in its ${where}`, async () => {
      await patch((bytes) => {
        const at = offset < 0 ? bytes.length + offset : offset;
        bytes[at] ^= 0x01;
        return bytes;
      });
      await assertDiscarded(where === 'magic' ? /not a contacts cache/ : where === 'header' ? /another account/ : /does not decrypt/);
    });
  }

  it('deletes a truncated file, cut mid-way or to a few bytes', async () => {
    await patch((bytes) => bytes.subarray(0, Math.floor(bytes.length / 2)));
    await assertDiscarded(/does not decrypt/);
    setup.logs.length = 0;
    await setup.cache().write(API_KEY, {}, contacts);
    await patch((bytes) => bytes.subarray(0, 20));
    await assertDiscarded(/truncated/);
  });

  it('deletes a file of another format version', async () => {
    await patch((bytes) => {
      bytes.writeUInt16BE(2, 4);
      return bytes;
    });
    await assertDiscarded(/format version 2, this version reads 1/);
  });

  it('deletes a file written with another key', async () => {
    setup.secrets.values.set(CACHE_KEY_SECRET, randomBytes(32).toString('base64'));
    // Put it where the new key looks for this account, as a racing window could.
    const moved = path.join(setup.directory, `contacts-${accountId(key(), API_KEY)}.cache`);
    await rename(file, moved);
    file = moved;
    await assertDiscarded(/another account or key/);
  });

  it('deletes a file copied from another account, even with the account id in its header rewritten', async () => {
    const other = path.join(setup.directory, `contacts-${accountId(key(), OTHER_API_KEY)}.cache`);
    const bytes = await readFile(file);
    await writeFile(other, bytes);
    assert.equal(await setup.cache().read(OTHER_API_KEY, {}), undefined);
    assert.match(setup.logs.join('\n'), /another account/);
    setup.logs.length = 0;

    // The header is authenticated: claiming the other account in it does not make the file decrypt.
    bytes.write(accountId(key(), OTHER_API_KEY), 6, 16, 'hex');
    await writeFile(other, bytes);
    assert.equal(await setup.cache().read(OTHER_API_KEY, {}), undefined);
    assert.equal(setup.logs.length, 1);
    assert.match(setup.logs[0], /does not decrypt/);
    assert.deepEqual((await setup.cache().read(API_KEY, {}))?.contacts, contacts, 'the first account’s own file is untouched');
  });

  it('does not write over the size cap, and deletes a file over it', async () => {
    const small = setup.cache({ maxFileBytes: 4096 });
    assert.deepEqual(await small.write(API_KEY, {}, contacts), { written: false, reason: 'tooLarge' });
    assert.equal(setup.logs.length, 1);
    assert.match(setup.logs[0], /^Contacts cache: not written: \d+ contacts take \d+ KB, over the 4 KB limit\.$/);
    setup.logs.length = 0;
    await assertDiscarded(/over the 4 KB limit/, 4096);
  });

  for (const [what, plaintext, reason] of [
    ['is not JSON', '{"version":1,"savedAt":', /not JSON/],
    ['has another version inside', JSON.stringify({ version: 2, savedAt: 1, filter: {}, contacts: [] }), /another format version/],
    ['has no contact list', JSON.stringify({ version: 1, savedAt: 1, filter: {} }), /contact list/],
    ['has a malformed filter', JSON.stringify({ version: 1, savedAt: 1, filter: { tags: 'VIP' }, contacts: [] }), /filter/],
  ] as const) {
    it(`deletes a file that decrypts but ${what}`, async () => {
      await writeFile(file, sealCacheFile(key(), accountId(key(), API_KEY), Buffer.from(plaintext)));
      await assertDiscarded(reason);
    });
  }

  it('re-checks each cached contact and leaves out the invalid ones', async () => {
    const entries = [contacts[0].raw, { name: 'no uuid' }, { uuid: 'x y', name: 'bad uuid' }, { ...contacts[1].raw, tags: 7 }];
    const plaintext = JSON.stringify({ version: 1, savedAt: 5, filter: {}, contacts: entries });
    await writeFile(file, sealCacheFile(key(), accountId(key(), API_KEY), Buffer.from(plaintext)));
    const read = await setup.cache().read(API_KEY, {});
    assert.deepEqual(read?.contacts, [contacts[0]]);
    assert.deepEqual(setup.logs, ['Contacts cache: 3 cached contact(s) were not valid and were left out.']);
  });
});
