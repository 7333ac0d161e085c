import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api';
import { CACHE_KEY_SECRET, type SecretStore } from '../../../src/cache';
import { generateContacts } from '../../fake-server/data';
import { API_KEY, cacheSetup, loadContacts, type CacheSetup } from './helpers';

describe('cache/ContactsCache without a working secret store', () => {
  let setup: CacheSetup;
  let contacts: Contact[];

  before(async () => {
    contacts = await loadContacts(generateContacts(30, { seed: 5 }));
  });
  beforeEach(async () => {
    setup = await cacheSetup();
  });
  afterEach(() => setup.close());

  const failing: SecretStore = {
    get: () => Promise.reject(new Error('keychain locked')),
    store: () => Promise.reject(new Error('keychain locked')),
    delete: () => Promise.reject(new Error('keychain locked')),
  };
  /** Accepts every secret and keeps none. */
  const forgetful: SecretStore = {
    get: async () => undefined,
    store: async () => undefined,
    delete: async () => undefined,
  };

  for (const [name, secrets] of [['fails', failing], ['keeps nothing', forgetful]] as const) {
    it(`writes nothing and reads undefined when the store ${name}`, async () => {
      const cache = setup.cache({ secrets });
      assert.deepEqual(await cache.write(API_KEY, {}, contacts), { written: false, reason: 'unavailable' });
      assert.deepEqual(await cache.write(API_KEY, {}, contacts), { written: false, reason: 'unavailable' });
      assert.equal(await cache.read(API_KEY, {}), undefined);
      await cache.delete(API_KEY);
      await cache.deleteAll();
      assert.deepEqual(await setup.files(), []);
      assert.equal(setup.logs.length, name === 'fails' ? 2 : 1, setup.logs.join('\n'));
      assert.match(setup.logs[0], /^Contacts cache: off: the secret storage/);
    });
  }

  it('when the key is gone from one session to the next, deletes the unreadable files and stays off', async () => {
    await setup.cache().write(API_KEY, {}, contacts);
    // A store that keeps secrets only in memory starts the next window empty.
    setup.secrets.values.clear();
    const nextWindow = setup.cache();
    assert.equal(await nextWindow.read(API_KEY, {}), undefined);
    assert.deepEqual(await setup.files(), []);
    assert.equal(setup.logs.length, 1);
    assert.match(setup.logs[0], /key is gone/);
    assert.deepEqual(await nextWindow.write(API_KEY, {}, contacts), { written: false, reason: 'unavailable' });
    assert.deepEqual(await setup.files(), []);
    assert.equal(setup.secrets.values.has(CACHE_KEY_SECRET), false);
  });

  it('a missing file is a quiet miss', async () => {
    assert.equal(await setup.cache().read(API_KEY, {}), undefined);
    await setup.cache().write(API_KEY, {}, contacts);
    await setup.cache().delete(API_KEY);
    assert.equal(await setup.cache().read(API_KEY, {}), undefined);
    assert.deepEqual(setup.logs, []);
  });
});
