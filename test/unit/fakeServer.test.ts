import * as assert from 'node:assert/strict';
import { contactJson, ContactJson, generateContacts, hostileContacts } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';

interface ListBody {
  contacts: ContactJson[];
  meta?: { page?: number; pages?: number; next?: string | null };
}

describe('fake Callbell server', () => {
  let server: FakeCallbell;

  beforeEach(async () => {
    server = await FakeCallbell.start({ contacts: generateContacts(45, { seed: 7 }) });
  });

  afterEach(async () => {
    await server.close();
  });

  function get(path: string, token: string | null = server.token): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    return fetch(server.baseUrl + path, { headers });
  }

  async function list(query: string): Promise<ListBody> {
    const response = await get(`/contacts${query}`);
    assert.equal(response.status, 200);
    return (await response.json()) as ListBody;
  }

  it('listens on 127.0.0.1 and exposes the base URL', () => {
    assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.baseUrl, server.origin + '/v1');
  });

  it('rejects a missing or wrong token with 401 and records the request without the key', async () => {
    const missing = await get('/contacts', null);
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), { error: 'Unauthorized' });
    const wrong = await get('/auth/me', 'nope');
    assert.equal(wrong.status, 401);
    await wrong.arrayBuffer();

    const me = await get('/auth/me');
    assert.equal(me.status, 200);
    const body = (await me.json()) as Record<string, unknown>;
    assert.equal(body.status, 'ok');
    assert.equal(body.api_key, server.token);

    assert.deepEqual(server.requests.map((r) => r.authorized), [false, false, true]);
    assert.equal(server.requests[2].path, '/v1/auth/me');
    assert.equal(server.requests[2].headers.authorization, '[redacted]');
    assert.ok(!JSON.stringify(server.requests).includes(server.token));
  });

  it('pages with meta {page, pages} and enforces the page limit', async () => {
    const first = await list('');
    assert.equal(first.contacts.length, 20);
    assert.deepEqual(first.meta, { page: 1, pages: 3 });
    const last = await list('?page=3');
    assert.equal(last.contacts.length, 5);
    assert.deepEqual(last.meta, { page: 3, pages: 3 });
    const beyond = await list('?page=4');
    assert.equal(beyond.contacts.length, 0);

    server.configure({ pageLimit: 2 });
    const limited = await get('/contacts?page=3');
    assert.equal(limited.status, 400);
    assert.deepEqual(await limited.json(), { error: 'Pagination limit exceeded' });

    server.setContacts([]);
    assert.deepEqual((await list('')).meta, { page: 1, pages: 1 });
  });

  it('filters by source and by tags (case-insensitive, any of the tags) before paging', async () => {
    server.setContacts([
      contactJson({ source: 'whatsapp', tags: ['VIP'] }),
      contactJson({ source: 'instagram', tags: ['vip', 'lead'] }),
      contactJson({ source: 'Instagram', tags: ['Lead'] }),
      contactJson({ source: 'telegram', tags: [] }),
      contactJson({ source: 'facebook', tags: undefined }),
    ]);
    const insta = await list('?source=instagram');
    assert.equal(insta.contacts.length, 2);
    const vip = await list('?tags=Vip');
    assert.deepEqual(vip.contacts.map((c) => c.tags), [['VIP'], ['vip', 'lead']]);
    const either = await list('?tags=vip,LEAD');
    assert.equal(either.contacts.length, 3);
    const both = await list('?tags=lead&source=instagram');
    assert.equal(both.contacts.length, 2);
    assert.deepEqual(both.meta, { page: 1, pages: 1 });
  });

  it('walks the list with opaque cursors in cursor mode and rejects bad cursors', async () => {
    server.configure({ pagination: 'cursor' });
    const seen: string[] = [];
    let after: string | null | undefined;
    let requests = 0;
    do {
      const body = await list(after ? `?after=${encodeURIComponent(after)}` : '');
      assert.equal(body.meta?.page, undefined);
      seen.push(...body.contacts.map((c) => String(c.uuid)));
      after = body.meta?.next;
      requests++;
    } while (after);
    assert.equal(requests, 3);
    assert.equal(new Set(seen).size, 45);

    const bad = await get('/contacts?after=not-a-cursor');
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: 'Invalid pagination cursor' });
  });

  it('answers {contacts} only in noMeta mode, and single contacts by uuid', async () => {
    server.configure({ pagination: 'noMeta' });
    const body = await list('?page=2');
    assert.equal(body.contacts.length, 20);
    assert.equal(body.meta, undefined);

    const uuid = String(body.contacts[0].uuid);
    const one = await get(`/contacts/${uuid}`);
    assert.equal(one.status, 200);
    assert.equal(((await one.json()) as { contact: ContactJson }).contact.uuid, uuid);
    const missing = await get('/contacts/0123456789abcdef0123456789abcdef');
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();
  });

  it('applies a fault only to matching requests, `times` times', async () => {
    server.addFault({ kind: 'status', status: 503, page: 2, times: 2 });
    server.addFault({ kind: 'rateLimit', path: '/v1/auth/me', retryAfter: '1', times: 1 });

    assert.equal((await get('/contacts?page=1')).status, 200);
    for (let i = 0; i < 2; i++) {
      const failed = await get('/contacts?page=2');
      assert.equal(failed.status, 503);
      await failed.arrayBuffer();
    }
    assert.equal((await get('/contacts?page=2')).status, 200);

    const limited = await get('/auth/me');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal((await get('/auth/me')).status, 200);
  });

  it('serves truncated JSON, HTML and dropped connections as faults', async () => {
    server.addFault({ kind: 'malformedJson', times: 1 });
    await assert.rejects((await get('/contacts')).json());

    server.addFault({ kind: 'html', times: 1 });
    const html = await get('/contacts');
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    await html.text();

    server.addFault({ kind: 'dropConnection', times: 1 });
    await assert.rejects(async () => (await get('/contacts')).text());
    assert.equal((await get('/contacts')).status, 200);
  });

  it('trickles a slow body and delays every response by latencyMs', async () => {
    server.addFault({ kind: 'slowBody', delayMs: 100, times: 1 });
    let started = Date.now();
    const slow = await get('/contacts');
    assert.equal(slow.status, 200);
    assert.equal(((await slow.json()) as ListBody).contacts.length, 20);
    assert.ok(Date.now() - started >= 80);

    server.configure({ latencyMs: 60 });
    started = Date.now();
    assert.equal((await get('/auth/me')).status, 200);
    assert.ok(Date.now() - started >= 50);
  });

  it('enforces a rate limit over a sliding second with 429s, with Retry-After when asked, and counts them', async () => {
    server.configure({ rateLimitPerSecond: 3 });
    const first = await Promise.all(Array.from({ length: 5 }, () => get('/contacts')));
    assert.deepEqual(first.map((r) => r.status).sort(), [200, 200, 200, 429, 429]);
    const refused = first.find((r) => r.status === 429);
    assert.equal(refused?.headers.get('retry-after'), null, 'no Retry-After unless configured');
    await Promise.all(first.map((r) => r.arrayBuffer()));
    assert.equal(server.rateLimited, 2);

    server.configure({ rateLimitRetryAfter: '1' });
    const more = await get('/auth/me');
    assert.equal(more.status, 429, 'refused requests did not count; the three accepted still do');
    assert.equal(more.headers.get('retry-after'), '1');
    await more.arrayBuffer();
    assert.equal(server.rateLimited, 3);

    server.resetRequests();
    assert.equal(server.rateLimited, 0);
    server.configure({ rateLimitPerSecond: 0 });
    assert.equal((await get('/contacts')).status, 200);
  });

  it('close() ends hanging requests', async () => {
    server.addFault({ kind: 'hang' });
    const pending = get('/contacts').then(
      () => 'answered',
      () => 'failed',
    );
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await server.close();
    assert.equal(await pending, 'failed');
  });
});

describe('fake Callbell data', () => {
  it('generates the same data for the same seed, and different data for another seed', () => {
    assert.deepEqual(generateContacts(200, { seed: 42 }), generateContacts(200, { seed: 42 }));
    assert.notDeepEqual(generateContacts(50, { seed: 1 }), generateContacts(50, { seed: 2 }));
  });

  it('generates 50,000 varied contacts with unique 32-hex uuids', () => {
    const contacts = generateContacts(50_000);
    assert.equal(new Set(contacts.map((c) => c.uuid)).size, 50_000);
    assert.ok(contacts.every((c) => /^[0-9a-f]{32}$/.test(String(c.uuid))));
    assert.deepEqual(new Set(contacts.map((c) => c.source)), new Set(['whatsapp', 'instagram', 'facebook', 'telegram']));
    const unassigned = contacts.filter((c) => c.assignedUser === null).length / contacts.length;
    assert.ok(unassigned > 0.15 && unassigned < 0.25);
    assert.ok(contacts.some((c) => (c.tags as string[]).length === 0));
    assert.ok(contacts.some((c) => !('phoneNumber' in c) || c.phoneNumber === null));
  });

  it('builds contacts with overrides, deleting keys overridden with undefined', () => {
    const a = contactJson();
    const b = contactJson({ name: 'Ana', phoneNumber: undefined });
    assert.notEqual(a.uuid, b.uuid);
    assert.match(String(a.uuid), /^[0-9a-f]{32}$/);
    assert.equal(a.href, `https://dash.callbell.eu/contacts/${String(a.uuid)}`);
    assert.equal(b.name, 'Ana');
    assert.ok(!('phoneNumber' in b));
    assert.ok(hostileContacts().length >= 10);
  });
});
