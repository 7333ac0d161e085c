import * as assert from 'node:assert/strict';
import { CallbellError, LISTING_BUDGET } from '../../../src/api';
import { DEFAULT_MAX_LISTING_BYTES } from '../../../src/api/client';
import { contactJson, type ContactJson } from '../../fake-server/data';
import { closeAll, contactRequests, harness, rejection } from './helpers';

/** 200 contacts of about 5 KB each: ten pages of about 105 KB. */
function heavyContacts(): ContactJson[] {
  return Array.from({ length: 200 }, (_, i) => contactJson({ notes: `${i} ${'x'.repeat(5000)}` }));
}

describe('CallbellClient: byte budget of a listing', () => {
  afterEach(closeAll);

  for (const pagination of ['pages', 'cursor', 'noMeta'] as const) {
    it(`ends a ${pagination} listing at its byte budget like the page limit, keeping the pages that fit`, async () => {
      const contacts = heavyContacts();
      const { server, client } = await harness({ contacts, pagination }, { maxListingBytes: 350 * 1024 });

      const error = await rejection(client.listContacts({}));

      assert.ok(error instanceof CallbellError && error.kind === 'paginationLimit', String(error));
      assert.equal(error.code, LISTING_BUDGET);
      assert.deepEqual(error.partial?.map((c) => c.uuid), contacts.slice(0, 60).map((c) => c.uuid));
      assert.match(error.message, /more than 0\.3 MB of contacts; showing the first 60/);
      assert.ok(contactRequests(server).length < 10, 'the walk stopped');
    });
  }

  it('a listing within the budget loads whole', async () => {
    const contacts = heavyContacts();
    const { client } = await harness({ contacts }, { maxListingBytes: 2 * 1024 * 1024 });
    assert.equal((await client.listContacts({})).length, 200);
  });

  it('defaults to 64 MB', () => {
    assert.equal(DEFAULT_MAX_LISTING_BYTES, 64 * 1024 * 1024);
  });
});
