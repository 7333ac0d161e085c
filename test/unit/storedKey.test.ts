import * as assert from 'node:assert/strict';
import { CALLBELL_API_ORIGIN, newStoredKey, originOf, parseStoredKey, sameStoredKey, serializeStoredKey } from '../../src/storedKey';

describe('the stored key entry', () => {
  it('keeps the key with the origin it was checked against, the account and a session id unrelated to the key', () => {
    const stored = newStoredKey('secret-key-0123', 'http://127.0.0.1:4321', { name: 'Ana', email: 'ana@example.com' });
    const text = serializeStoredKey(stored);
    assert.deepEqual(parseStoredKey(text), { stored, legacy: false });
    assert.match(stored.sessionId, /^[0-9a-f-]{36}$/);
    assert.ok(!stored.sessionId.includes('secret'), 'the session id is not derived from the key');
  });

  it('the same key checked again with the same server keeps its session; another key or server gets a new one', () => {
    const first = newStoredKey('key-a', CALLBELL_API_ORIGIN, undefined);
    assert.equal(newStoredKey('key-a', CALLBELL_API_ORIGIN, { name: 'A', email: 'a@x' }, first).sessionId, first.sessionId);
    assert.notEqual(newStoredKey('key-b', CALLBELL_API_ORIGIN, undefined, first).sessionId, first.sessionId);
    assert.notEqual(newStoredKey('key-a', 'https://other.example', undefined, first).sessionId, first.sessionId);
  });

  it('a bare key from before origins were remembered counts as checked with Callbell’s own API, and is to be written again', () => {
    const parsed = parseStoredKey('plain-old-key');
    assert.equal(parsed?.legacy, true);
    assert.equal(parsed?.stored.key, 'plain-old-key');
    assert.equal(parsed?.stored.origin, 'https://api.callbell.eu');
    assert.equal(parsed?.stored.user, undefined);
  });

  it('anything unreadable is no key, never a key for an unknown server', () => {
    for (const text of [undefined, '', '   ', '{', '{"key":1,"origin":"https://api.callbell.eu"}', '{"key":"k"}', '{"key":"k","origin":"not a url"}', '{"key":"k","origin":"https://api.callbell.eu/v1"}', 'null']) {
      const parsed = parseStoredKey(text);
      assert.ok(parsed === undefined || parsed.legacy, String(text));
      if (parsed) assert.equal(parsed.stored.origin, CALLBELL_API_ORIGIN, String(text));
    }
    assert.equal(parseStoredKey('{"key":"k","origin":"https://x.example","user":{"name":3}}')?.stored.user, undefined, 'a malformed account is dropped, the key kept');
  });

  it('origins: scheme, host and port only', () => {
    assert.equal(originOf('https://api.callbell.eu/v1'), 'https://api.callbell.eu');
    assert.equal(originOf(' http://127.0.0.1:8080/v1/ '), 'http://127.0.0.1:8080');
    assert.equal(originOf('HTTPS://API.Callbell.EU:443/v2'), 'https://api.callbell.eu');
    assert.equal(originOf('nonsense'), undefined);
  });

  it('compares entries by everything they hold', () => {
    const a = newStoredKey('k', CALLBELL_API_ORIGIN, { name: 'A', email: 'a@x' });
    assert.ok(sameStoredKey(a, { ...a }));
    assert.ok(!sameStoredKey(a, { ...a, user: { name: 'B', email: 'a@x' } }));
    assert.ok(!sameStoredKey(a, undefined));
    assert.ok(sameStoredKey(undefined, undefined));
  });
});
