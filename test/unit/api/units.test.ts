/** The pure pieces of src/api, without a server: URL checks, Retry-After, sanitising, cursor loops. */
import * as assert from 'node:assert/strict';
import { CallbellError, createDispatcher, isLoopbackHost, validateBaseUrl } from '../../../src/api';
import { sanitizeSnippet } from '../../../src/api/errors';
import { loadAllPages, type PageRequest } from '../../../src/api/pagination';
import type { ContactsPage } from '../../../src/api/parse';
import { truncate } from '../../../src/api/limits';
import { parseJsonBody } from '../../../src/api/jsonBody';
import { parseContact } from '../../../src/api/parse';
import { RateLimiter } from '../../../src/api/rateLimiter';
import { parseRetryAfter } from '../../../src/api/transport';
import { rejection } from './helpers';

describe('api units', () => {
  describe('isLoopbackHost', () => {
    it('is localhost, 127.0.0.0/8 and ::1 only, never a name DNS resolves', () => {
      for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.200.3.4', '[::1]', '::1']) assert.ok(isLoopbackHost(host), host);
      for (const host of ['api.localhost', 'a.b.localhost', 'localhost.', 'localhost.evil.example', '[::ffff:7f00:1]', '128.0.0.1', '[::2]', '0.0.0.0', '']) {
        assert.ok(!isLoopbackHost(host), host);
      }
    });
  });

  describe('validateBaseUrl', () => {
    for (const ok of [
      'https://api.callbell.eu/v1',
      'https://api.callbell.eu/v1/',
      'http://127.0.0.1:8080/v1',
      'http://127.8.9.10/v1',
      'http://localhost:3000/v1',
      'http://[::1]:3000/v1',
    ]) {
      it(`accepts ${ok}`, () => assert.equal(validateBaseUrl(ok), undefined));
    }
    for (const [bad, why] of [
      ['http://api.callbell.eu/v1', /https/],
      ['http://128.0.0.1/v1', /https/],
      ['http://localhost.evil.com/v1', /https/],
      ['http://[::2]/v1', /https/],
      // Looked up in DNS like any other name: it may point anywhere.
      ['http://api.localhost/v1', /https/],
      ['http://[::ffff:127.0.0.1]/v1', /https/],
      ['ftp://api.callbell.eu/v1', /https/],
      ['api.callbell.eu/v1', /not a valid URL/],
      ['', /not a valid URL/],
      ['https://user:pw@api.callbell.eu/v1', /user name or password/],
      ['https://api.callbell.eu/v1?x=1', /query/],
      ['https://api.callbell.eu/v1#top', /fragment/],
    ] as const) {
      it(`refuses ${bad || '(empty)'}`, () => assert.match(validateBaseUrl(bad) ?? '', why));
    }
  });

  it('parseRetryAfter reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Sun, 01 Jun 2025 12:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('sanitizeSnippet redacts the token, strips controls and bidi, and truncates', () => {
    const text = `error\u0000 for key SECRET123\n\u202Eevil\u202C ${'x'.repeat(500)}`;
    const clean = sanitizeSnippet(text, 'SECRET123');
    assert.ok(!clean.includes('SECRET123'));
    assert.ok(clean.includes('[redacted]'));
    assert.ok(!/[\u0000-\u001f\u202e\u202c]/.test(clean));
    assert.ok(clean.length <= 123);
    assert.equal(sanitizeSnippet('  ', 'k'), '');
  });

  it('parseJsonBody quotes a plain-text body, but not cut-off JSON', () => {
    const snippet = (text: string): string => sanitizeSnippet(text, 'k');
    assert.throws(() => parseJsonBody('Service\u0007 Unavailable', 'text/plain', snippet), /not JSON: “Service Unavailable”/);
    assert.throws(() => parseJsonBody('Service Unavailable', 'text/plain', snippet), { kind: 'invalidResponse', reason: 'notJson' });
    assert.throws(() => parseJsonBody('{"contacts":[{"name":"Ana', 'application/json', snippet), (error: Error) => {
      assert.ok(!error.message.includes('Ana'));
      return error instanceof CallbellError && error.kind === 'invalidResponse' && error.reason === 'brokenJson';
    });
    assert.deepEqual(parseJsonBody('\ufeff{"a":1}', 'application/json', snippet), { a: 1 });
  });

  it('truncate never splits a surrogate pair', () => {
    const text = 'a'.repeat(4094) + '😀' + 'b';
    const { value, truncated } = truncate(text, 4096);
    assert.ok(truncated);
    assert.ok(!/[\ud800-\udbff]…$/.test(value));
  });

  it('parseContact keeps a __proto__ key as data', () => {
    const json = JSON.parse('{"uuid":"a1","customFields":{"__proto__":"x"},"__proto__":{"polluted":true}}') as unknown;
    const result = parseContact(json);
    assert.ok('contact' in result);
    assert.equal(Object.getOwnPropertyDescriptor(result.contact.customFields, '__proto__')?.value, 'x');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('a cursor that repeats is invalidResponse, not an endless loop', async () => {
    let calls = 0;
    const fetchPage = async (_request: PageRequest): Promise<ContactsPage> => {
      calls += 1;
      return { contacts: [], rawCount: 0, meta: { next: calls % 2 === 0 ? 'A' : 'B' } };
    };
    const error = await rejection(loadAllPages(fetchPage, { maxConcurrency: 4, maxPages: 500, maxCursorPages: 100, maxContacts: 100_000, pageSize: 20 }));
    assert.ok(error instanceof CallbellError && error.kind === 'invalidResponse');
    assert.ok(calls <= 3);
  });

  it('a cursor walk that never ends stops at maxCursorPages with paginationLimit', async () => {
    let calls = 0;
    const fetchPage = async (): Promise<ContactsPage> => {
      calls += 1;
      const uuid = `c${calls}`;
      return { contacts: [{ uuid, name: '', tags: [], customFields: {}, raw: { uuid } }], rawCount: 1, meta: { next: `n${calls}` } };
    };
    const error = await rejection(loadAllPages(fetchPage, { maxConcurrency: 4, maxPages: 500, maxCursorPages: 7, maxContacts: 100_000, pageSize: 1 }));
    assert.ok(error instanceof CallbellError && error.kind === 'paginationLimit');
    assert.equal(error.partial?.length, 7);
    assert.equal(calls, 7);
  });

  it('RateLimiter spaces calls after the burst and honours pauseUntil', async () => {
    const now = 0;
    const limiter = new RateLimiter(10, 2, () => now);
    const waits: number[] = [];
    const realSetTimeout = global.setTimeout;
    // Measure the wait asked of the timer instead of sleeping for real.
    global.setTimeout = ((fn: () => void, ms?: number) => {
      waits.push(ms ?? 0);
      return realSetTimeout(fn, 0);
    }) as typeof setTimeout;
    try {
      const aborted = (): Error => new Error('aborted');
      await limiter.take(undefined, aborted);
      await limiter.take(undefined, aborted);
      await limiter.take(undefined, aborted);
      await limiter.take(undefined, aborted);
      limiter.pauseUntil(now + 1000);
      await limiter.take(undefined, aborted);
    } finally {
      global.setTimeout = realSetTimeout;
    }
    assert.deepEqual(waits.map(Math.round), [100, 200, 1000]);
  });

  it('createDispatcher refuses a malformed proxy URL without echoing it', () => {
    assert.throws(() => createDispatcher({ proxy: { url: 'http://user:s3cret@[bad' } }), (error: Error) => {
      assert.ok(!error.message.includes('s3cret'));
      return error instanceof CallbellError && error.kind === 'network' && error.reason === 'proxyInvalid';
    });
    assert.throws(() => createDispatcher({ env: { HTTPS_PROXY: 'ftp://proxy:21' } }), /not a valid http\(s\) URL/);
  });
});
