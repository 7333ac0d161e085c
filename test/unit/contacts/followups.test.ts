import * as assert from 'node:assert/strict';
import type { Contact } from '../../../src/api/contact';
import { formatDetails, formatVCard } from '../../../src/contacts/format';
import { ContactSearchIndex } from '../../../src/contacts/search';
import { ContactStore } from '../../../src/contacts/store';
import { contact } from './builders';

describe('contacts: links, accents, folding, failed filter changes', () => {
  it('copies and vCards carry only a dashboard link that is safe to open', () => {
    const evil = contact({ name: 'Evil', href: 'javascript:alert(1)' });
    assert.doesNotMatch(formatDetails(evil), /javascript/);
    assert.doesNotMatch(formatVCard(evil), /javascript|URL:/);
    const good = contact({ name: 'Good', href: 'https://dash.callbell.eu/contacts/1,2;3' });
    assert.match(formatVCard(good), /\r\nURL:https:\/\/dash\.callbell\.eu\/contacts\/1,2;3\r\n/);
  });

  it('folds vCard lines longer than 75 octets without splitting a character', () => {
    const long = contact({ name: 'Ñ'.repeat(100) });
    const card = formatVCard(long);
    const lines = card.split('\r\n');
    for (const line of lines) assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
    const unfolded = card.replace(/\r\n /g, '');
    assert.ok(unfolded.includes(`FN:${'Ñ'.repeat(100)}\r\n`));
    assert.ok(!card.includes('\ufffd'));
  });

  it('search ignores accents and case', () => {
    const alvaro = contact({ name: 'Álvaro Núñez' });
    const index = new ContactSearchIndex([contact({ name: 'Bruno' }), alvaro]);
    assert.deepEqual(index.search('alvaro nunez', 10), [alvaro]);
    assert.deepEqual(index.search('ÁLVARO', 10), [alvaro]);
  });

  it('a failed load for a new filter does not leave the old filter’s contacts on show', async () => {
    const everyone = [contact({ name: 'a', tags: ['x'] }), contact({ name: 'b', tags: ['y'] })];
    let fail = false;
    const store = new ContactStore(async () => {
      if (fail) throw new Error('offline');
      return everyone as Contact[];
    });
    await store.refresh();
    assert.equal(store.contacts.length, 2);
    fail = true;
    // A team is only known to the server: the loaded contacts cannot answer it.
    await store.setFilter({ tags: ['x'], teamUuid: 'team-1' });
    assert.deepEqual(store.contacts, []);
    assert.equal((store.error as Error).message, 'offline');
  });
});

describe('contacts/store progress', () => {
  it('reports how many contacts a load brought so far, also when refreshing the same list', async () => {
    let pageOf: ((contacts: readonly Contact[]) => void) | undefined;
    let finish: ((contacts: readonly Contact[]) => void) | undefined;
    const store = new ContactStore(
      (_filter, { onPage }) =>
        new Promise((resolve) => {
          pageOf = onPage;
          finish = resolve;
        }),
    );
    const batch = [contact({ name: 'a' }), contact({ name: 'b' })];
    assert.equal(store.loadedSoFar, undefined);
    const first = store.refresh();
    assert.equal(store.loadedSoFar, 0);
    pageOf?.(batch);
    assert.equal(store.loadedSoFar, 2);
    finish?.(batch);
    await first;
    assert.equal(store.loadedSoFar, undefined);

    const second = store.refresh();
    pageOf?.(batch.slice(0, 1));
    assert.equal(store.loadedSoFar, 1, 'the first page of a refresh is reported at once');
    assert.equal(store.contacts.length, 2, 'while the list shown stays the previous one');
    finish?.(batch);
    await second;
  });
});
