/**
 * Hostile pagination metadata through the real client: absurd page counts, cursors that repeat, grow
 * or never end. Each probe asserts the walk ends quickly and boundedly.
 */
import * as assert from 'node:assert/strict';
import { assertCallbellError, closeHostile, hex, hostileClient, rawServer, rejection, sendJson, settlesWithin } from './hostileHelpers';

function page(url: string): number {
  return Number(new URL(url, 'http://x').searchParams.get('page') ?? '1');
}

describe('hostile server: pagination', function () {
  this.timeout(5000);
  afterEach(closeHostile);

  it('meta.pages = 1e9 with empty pages: the first empty page ends the list', async () => {
    const server = await rawServer((req, res) =>
      sendJson(res, { contacts: page(req.url ?? '') === 1 ? [{ uuid: hex(1) }] : [], meta: { page: page(req.url ?? ''), pages: 1e9 } }),
    );
    const { client } = hostileClient(server.baseUrl, { maxRequestsPerSecond: 10_000, maxConcurrency: 16 });
    assert.equal((await client.listContacts({})).length, 1);
    assert.ok(server.requests.length <= 1 + 16, `${server.requests.length} requests`);
  });

  for (const pages of [-5, 0, 1.5, '7', 'Infinity', null, { n: 3 }, [3], 2 ** 60]) {
    it(`meta.pages = ${JSON.stringify(pages)} is ignored (walks without meta), bounded`, async () => {
      const server = await rawServer((req, res) =>
        sendJson(res, { contacts: page(req.url ?? '') === 1 ? [{ uuid: hex(1) }] : [], meta: { page: 1, pages } }),
      );
      const { client } = hostileClient(server.baseUrl);
      const contacts = await client.listContacts({});
      assert.equal(contacts.length, 1);
      assert.ok(server.requests.length <= 2, `${server.requests.length} requests`);
    });
  }

  it('a cursor that repeats is refused, not looped', async () => {
    const server = await rawServer((_req, res) => sendJson(res, { contacts: [{ uuid: hex(1) }], meta: { next: 'same' } }));
    const { client } = hostileClient(server.baseUrl);
    const call = client.listContacts({});
    assert.ok(await settlesWithin(call, 1500));
    assertCallbellError(await rejection(call), 'invalidResponse', 'badCursor');
    assert.ok(server.requests.length <= 3);
  });

  it('a huge cursor (1 MB) is refused, never sent back', async () => {
    const server = await rawServer((_req, res) => sendJson(res, { contacts: [{ uuid: hex(1) }], meta: { next: 'c'.repeat(MB()) } }));
    const { client } = hostileClient(server.baseUrl);
    assertCallbellError(await rejection(client.listContacts({})), 'invalidResponse', 'badCursor');
    assert.equal(server.requests.length, 1);
  });

  it('a cursor full of URL syntax goes back verbatim as one parameter, to the same path and host', async () => {
    const cursor = 'a&page=9&tags=x#frag/../../evil?@other.example%00';
    const server = await rawServer((req, res) => {
      const after = new URL(req.url ?? '', 'http://x').searchParams.get('after');
      sendJson(res, { contacts: [{ uuid: hex(after === null ? 1 : 2) }], meta: { next: after === null ? cursor : null } });
    });
    const { client } = hostileClient(server.baseUrl);
    const contacts = await client.listContacts({ tags: ['vip'] });
    assert.equal(contacts.length, 2);
    const second = new URL(server.requests[1].url, 'http://x');
    assert.equal(second.pathname, '/v1/contacts');
    assert.equal(second.searchParams.get('after'), cursor);
    assert.deepEqual(second.searchParams.getAll('page'), []);
    assert.deepEqual(second.searchParams.getAll('tags'), ['vip']);
  });

  const repeated = Array.from({ length: 20 }, (_, i) => ({ uuid: hex(i + 1) }));
  const endlessWalks: [title: string, pageContacts: (n: number) => { uuid: string }[], stuck: string][] = [
    ['a cursor walk of EMPTY pages with ever-new cursors ends quickly (not 100,000 requests)', (n) => (n === 1 ? [{ uuid: hex(1) }] : []), 'of empty pages'],
    ['a cursor walk that only repeats known contacts with ever-new cursors ends quickly', () => repeated, 'bringing nothing new'],
  ];
  for (const [title, pageContacts, stuck] of endlessWalks) {
    it(title, async () => {
      let n = 0;
      const server = await rawServer((_req, res) => {
        n += 1;
        sendJson(res, { contacts: pageContacts(n), meta: { next: `cursor-${n}` } });
      });
      const { client } = hostileClient(server.baseUrl);
      const controller = new AbortController();
      const call = client.listContacts({}, { signal: controller.signal });
      const ended = await settlesWithin(call, 1500);
      controller.abort();
      await call.catch(() => undefined);
      assert.ok(ended, `still walking after 1.5 s and ${server.requests.length} requests ${stuck}`);
    });
  }

  it('a page-mode walk without meta whose pages never shrink stops at maxPages', async () => {
    const server = await rawServer((req, res) => {
      const p = page(req.url ?? '');
      sendJson(res, { contacts: Array.from({ length: 20 }, (_, i) => ({ uuid: hex(p * 100 + i) })) });
    });
    const { client } = hostileClient(server.baseUrl, { maxRequestsPerSecond: 10_000 });
    const error = await rejection(client.listContacts({}));
    assertCallbellError(error, 'paginationLimit');
    assert.equal(error.limit, 500 * 20);
    assert.ok(server.requests.length <= 500);
  });

  it('meta.next as a number/object/boolean/empty string does not start a cursor walk', async () => {
    for (const next of [5, { a: 1 }, true, '', ['x']]) {
      const server = await rawServer((_req, res) => sendJson(res, { contacts: [{ uuid: hex(1) }], meta: { next } }));
      const { client } = hostileClient(server.baseUrl);
      assert.equal((await client.listContacts({})).length, 1);
      assert.ok(server.requests.every((r) => !r.url.includes('after=')), JSON.stringify(next));
    }
  });
});

function MB(): number {
  return 1024 * 1024;
}
