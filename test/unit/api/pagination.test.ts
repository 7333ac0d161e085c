import * as assert from 'node:assert/strict';
import { CallbellError, type Contact } from '../../../src/api';
import { generateContacts } from '../../fake-server/data';
import { closeAll, contactRequests, harness, rejection, uuids } from './helpers';

describe('CallbellClient.listContacts: pagination', () => {
  afterEach(closeAll);

  it('loads 45 contacts over 3 pages, in server order, reporting each page', async () => {
    const data = generateContacts(45, { seed: 3 });
    const { server, client } = await harness({ contacts: data });
    const pages: { count: number; loaded: number; pages?: number }[] = [];

    const contacts = await client.listContacts({}, {
      onPage: (page, progress) => pages.push({ count: page.length, loaded: progress.loaded, pages: progress.pages }),
    });

    assert.deepEqual(uuids(contacts), uuids(data));
    assert.deepEqual(pages, [
      { count: 20, loaded: 20, pages: 3 },
      { count: 20, loaded: 40, pages: 3 },
      { count: 5, loaded: 45, pages: 3 },
    ]);
    const requested = contactRequests(server).map((r) => r.query.page ?? '(none)').sort();
    assert.deepEqual(requested, ['(none)', '2', '3']);
    assert.equal(contacts[0].name, data[0].name);
  });

  it('walks pages without meta until a short page', async () => {
    const data = generateContacts(45, { seed: 4 });
    const { server, client } = await harness({ contacts: data, pagination: 'noMeta' });

    const contacts = await client.listContacts({});

    assert.deepEqual(uuids(contacts), uuids(data));
    assert.deepEqual(contactRequests(server).map((r) => r.query.page), [undefined, '2', '3']);
  });

  it('walks pages without meta until an empty page when the last page is full', async () => {
    const data = generateContacts(40, { seed: 5 });
    const { server, client } = await harness({ contacts: data, pagination: 'noMeta' });

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, 40);
    assert.deepEqual(contactRequests(server).map((r) => r.query.page), [undefined, '2', '3']);
  });

  it('follows the cursor when the server offers meta.next, sending the filters every time', async () => {
    const data = generateContacts(45, { seed: 6 }).map((c) => ({ ...c, uuid: c.uuid, source: 'whatsapp', tags: ['VIP'] }));
    const { server, client } = await harness({ contacts: data, pagination: 'cursor' });

    const contacts = await client.listContacts({ source: 'whatsapp', tags: [' VIP ', 'lead', ''] });

    assert.deepEqual(uuids(contacts), uuids(data));
    const requests = contactRequests(server);
    assert.equal(requests.length, 3);
    assert.equal(requests[0].query.after, undefined);
    assert.ok(requests[1].query.after && requests[2].query.after && requests[1].query.after !== requests[2].query.after);
    for (const request of requests) {
      assert.equal(request.query.page, undefined, 'no page numbers in cursor mode');
      assert.equal(request.query.source, 'whatsapp');
      assert.equal(request.query.tags, 'VIP,lead');
    }
  });

  it('sends the filters on every page in page mode too', async () => {
    const data = generateContacts(50, { seed: 7 }).map((c) => ({ ...c, uuid: c.uuid, source: 'telegram', tags: ['sales'] }));
    const { server, client } = await harness({ contacts: data });

    const contacts = await client.listContacts({ source: 'telegram', tags: ['sales', 'lead'] });

    assert.equal(contacts.length, 50);
    const requests = contactRequests(server);
    assert.equal(requests.length, 3);
    for (const request of requests) assert.deepEqual([request.query.source, request.query.tags], ['telegram', 'sales,lead']);
  });

  it('returns the same contacts in the same order concurrently as sequentially, even when pages arrive out of order', async () => {
    const data = generateContacts(400, { seed: 8 });
    const sequential = await harness({ contacts: data }, { maxConcurrency: 1 });
    const concurrent = await harness({ contacts: data });
    // Page 2 crawls, so pages 3.. arrive before it and must wait in the buffer.
    concurrent.server.addFault({ kind: 'slowBody', page: 2, delayMs: 150 });
    const deliveredOrder: string[] = [];

    const one = await sequential.client.listContacts({});
    const many = await concurrent.client.listContacts({}, { onPage: (page) => deliveredOrder.push(...page.map((c) => c.uuid)) });

    assert.deepEqual(uuids(one), uuids(data));
    assert.deepEqual(uuids(many), uuids(one));
    assert.deepEqual(deliveredOrder, uuids(data), 'onPage sees server order');
    // Proof the loads overlapped: some later page finished while page 2 was still arriving.
    const finished = concurrent.log.filter((e) => e.path.includes('/contacts'));
    const page2 = finished.findIndex((e) => /[?&]page=2(&|$)/.test(e.path));
    assert.ok(page2 > 1, `page 2 finished after other pages (position ${page2})`);
  });

  it('never has more than maxConcurrency requests in flight', async () => {
    const spans: { start: number; end: number }[] = [];
    const { client } = await harness({ contacts: generateContacts(300, { seed: 9 }), latencyMs: 20 }, {
      maxConcurrency: 3,
      onRequest: (event) => {
        const end = performance.now();
        spans.push({ start: end - event.durationMs, end });
      },
    });

    const contacts = await client.listContacts({});

    assert.equal(contacts.length, 300);
    // Peak overlap of the attempts as the client saw them (1 ms slack for rounding of durationMs).
    const peak = Math.max(...spans.map((s) => spans.filter((o) => o.start < s.start - 1 && o.end > s.start + 1).length + 1));
    assert.ok(peak <= 3, `peak ${peak} requests at once`);
    assert.ok(peak >= 2, `requests overlapped (peak ${peak})`);
  });

  it('removes duplicates across pages, keeping the first occurrence', async () => {
    const data = generateContacts(45, { seed: 10 });
    const moved = { ...data[3], name: 'moved to a later page' };
    const withDuplicate = [...data.slice(0, 25), moved, ...data.slice(25)];
    const { client } = await harness({ contacts: withDuplicate });
    const perPage: number[] = [];

    const contacts = await client.listContacts({}, { onPage: (page) => perPage.push(page.length) });

    assert.equal(contacts.length, 45);
    assert.deepEqual(uuids(contacts), uuids(data));
    assert.equal(contacts[3].name, data[3].name);
    assert.deepEqual(perPage, [20, 19, 6]);
  });

  it('stops cleanly at the server\'s page limit, keeping what was loaded', async () => {
    const data = generateContacts(40, { seed: 11 });
    // 8 pages of 5 announced; the server refuses pages above 3, like Callbell above 500.
    const { server, client } = await harness({ contacts: data, pageSize: 5, pageLimit: 3 }, { pageSize: 5 });
    const delivered: Contact[] = [];

    const error = await rejection(client.listContacts({}, { onPage: (page) => delivered.push(...page) }));

    assert.ok(error instanceof CallbellError);
    assert.equal(error.kind, 'paginationLimit');
    assert.deepEqual(uuids(error.partial ?? []), uuids(data.slice(0, 15)));
    assert.deepEqual(uuids(delivered), uuids(data.slice(0, 15)));
    assert.match(error.message, /at most 15 contacts.*showing the first 15/);
    // Requests already in flight when the first refusal comes back are refused too, but no page is
    // asked twice and none beyond the 8 announced: at most pages 4 to 8, once each.
    const refused = contactRequests(server).filter((r) => Number(r.query.page ?? 1) > 3).map((r) => Number(r.query.page));
    assert.ok(refused.length >= 1 && refused.length <= 5, `${refused.length} refused requests`);
    assert.equal(new Set(refused).size, refused.length, 'no refused page asked twice');
  });

  it('does not ask beyond maxPages when the server announces more pages', async () => {
    const data = generateContacts(40, { seed: 12 });
    const { server, client } = await harness({ contacts: data, pageSize: 5 }, { pageSize: 5, maxPages: 3 });

    const progress: { pages?: number; pagesAnnounced?: number }[] = [];

    const error = await rejection(client.listContacts({}, { onPage: (_page, { pages, pagesAnnounced }) => progress.push({ pages, pagesAnnounced }) }));

    assert.ok(error instanceof CallbellError && error.kind === 'paginationLimit');
    assert.equal(error.partial?.length, 15);
    assert.deepEqual(contactRequests(server).map((r) => r.query.page ?? '1').sort(), ['1', '2', '3']);
    // What will be loaded, and what the server has: the view says "15 of about 40".
    assert.deepEqual(progress, Array(3).fill({ pages: 3, pagesAnnounced: 8 }));
  });

  it('stops at the page limit without meta too', async () => {
    const data = generateContacts(40, { seed: 13 });
    const { client } = await harness({ contacts: data, pageSize: 5, pageLimit: 3, pagination: 'noMeta' }, { pageSize: 5, maxPages: 10 });

    const error = await rejection(client.listContacts({}));

    assert.ok(error instanceof CallbellError && error.kind === 'paginationLimit');
    assert.deepEqual(uuids(error.partial ?? []), uuids(data.slice(0, 15)));
  });

  it('without meta, does not ask beyond maxPages either', async () => {
    const { server, client } = await harness({ contacts: generateContacts(40, { seed: 17 }), pageSize: 5, pagination: 'noMeta' }, { pageSize: 5, maxPages: 2 });

    const error = await rejection(client.listContacts({}));

    assert.ok(error instanceof CallbellError && error.kind === 'paginationLimit');
    assert.equal(error.partial?.length, 10);
    assert.match(error.message, /at most 10 contacts/);
    assert.equal(contactRequests(server).length, 2);
  });

  it('a listing exactly at the limit is not an error', async () => {
    const data = generateContacts(15, { seed: 14 });
    const { client } = await harness({ contacts: data, pageSize: 5, pageLimit: 3 }, { pageSize: 5, maxPages: 3 });
    assert.equal((await client.listContacts({})).length, 15);
  });

  it('aborts half-way from onPage: rejects with "aborted" and sends nothing more', async () => {
    const { server, client } = await harness({ contacts: generateContacts(200, { seed: 15 }) }, { maxConcurrency: 1 });
    const controller = new AbortController();
    let calls = 0;

    const error = await rejection(client.listContacts({}, {
      signal: controller.signal,
      onPage: () => {
        calls += 1;
        if (calls === 2) controller.abort();
      },
    }));

    assert.ok(error instanceof CallbellError);
    assert.equal(error.kind, 'aborted');
    assert.equal(calls, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(contactRequests(server).length, 2);
  });

  it('an abort cancels every concurrent request in flight at once', async () => {
    const { server, client } = await harness({ contacts: generateContacts(400, { seed: 16 }) });
    server.addFault({ kind: 'hang', page: 3 });
    server.addFault({ kind: 'hang', page: 4 });
    const controller = new AbortController();
    let calls = 0;

    const listing = client.listContacts({}, { signal: controller.signal, onPage: () => (calls += 1) });
    // Wait until the hanging pages are on the wire, then abort.
    while (contactRequests(server).length < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    const sentBeforeAbort = contactRequests(server).length;
    controller.abort();
    const error = await rejection(listing);

    assert.ok(error instanceof CallbellError && error.kind === 'aborted', 'the hanging requests did not hold the abort back');
    const callsAtAbort = calls;
    // Requests already on their way when the abort came may still land; after that, nothing more.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const landed = contactRequests(server).length;
    assert.ok(landed >= sentBeforeAbort);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(contactRequests(server).length, landed, 'no request after the abort');
    assert.equal(calls, callsAtAbort, 'no onPage after the abort');
  });

  it('an already aborted signal sends no request', async () => {
    const { server, client } = await harness();
    const error = await rejection(client.listContacts({}, { signal: AbortSignal.abort() }));
    assert.ok(error instanceof CallbellError && error.kind === 'aborted');
    assert.equal(server.requests.length, 0);
  });
});
