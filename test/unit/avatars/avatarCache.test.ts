import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AvatarCache, type AvatarCacheOptions } from '../../../src/avatars/avatarCache';
import { gif, jpeg, png, webpExtended, webpLossless, webpLossy } from './images';
import { guardEgress, startImageServer, type EgressGuard, type ImageServer } from './imageServer';

describe('avatars/AvatarCache', () => {
  let server: ImageServer;
  let guard: EgressGuard;
  let directory: string;
  const caches: AvatarCache[] = [];

  before(async () => {
    guard = guardEgress();
    server = await startImageServer();
  });
  after(async () => {
    await server.close();
    guard.uninstall();
  });
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'callbell-avatars-'));
  });
  afterEach(async () => {
    for (const cache of caches.splice(0)) cache.dispose();
    await rm(directory, { recursive: true, force: true });
    assert.deepEqual(guard.stopped, [], 'no connection may leave the machine');
  });

  /** A cache that may use the local test server (plain http to 127.0.0.1). */
  function cache(onDidLoad: () => void = () => undefined, options: AvatarCacheOptions = {}): AvatarCache {
    const created = new AvatarCache(directory, onDidLoad, { allowLoopbackForTests: true, ...options });
    caches.push(created);
    return created;
  }

  /** Looks the URL up until the cache has an answer, as the tree does on each redraw. */
  async function settled(avatars: AvatarCache, url: string): Promise<string | undefined> {
    avatars.lookup(url);
    await avatars.idle();
    return avatars.lookup(url);
  }

  async function files(): Promise<string[]> {
    return (await readdir(directory).catch(() => [] as string[])).sort();
  }

  it('fetches an avatar once, without credentials, and keeps it on disk for the next session', async () => {
    server.answer('/ana.png', { type: 'image/png', body: png(64, 64) });
    const loads = { count: 0 };
    const url = `${server.origin}/ana.png`;
    const first = cache(() => loads.count++);
    assert.equal(first.lookup(url), undefined, 'a miss answers at once');
    const file = await settled(first, url);
    assert.ok(file?.startsWith(directory) && file.endsWith('.png'), file);
    assert.equal(loads.count, 1);
    first.lookup(url);
    assert.equal(server.requests.filter((p) => p === '/ana.png').length, 1);

    const nextSession = cache(() => loads.count++);
    assert.equal(await settled(nextSession, url), file);
    assert.equal(server.requests.filter((p) => p === '/ana.png').length, 1, 'read from disk, not fetched again');
  });

  it('clear() deletes the cached files, so the next lookup fetches again', async () => {
    server.answer('/bo.png', { type: 'image/png', body: png(32, 32) });
    const url = `${server.origin}/bo.png`;
    const avatars = cache();
    assert.ok(await settled(avatars, url));
    await avatars.clear();
    assert.deepEqual(await files(), []);
    assert.ok(await settled(avatars, url), 'fetched again');
    assert.equal(server.requests.filter((p) => p === '/bo.png').length, 2);
  });

  it('a download still running at clear() (sign-out) writes nothing afterwards', async () => {
    let release = (): void => undefined;
    const hold = new Promise<void>((resolve) => (release = resolve));
    server.answer('/slow.png', { type: 'image/png', body: png(48, 48), hold });
    const loads = { count: 0 };
    const avatars = cache(() => loads.count++);

    avatars.lookup(`${server.origin}/slow.png`);
    await server.requested('/slow.png');
    await avatars.clear();
    release();
    await avatars.idle();

    assert.deepEqual(await files(), []);
    assert.equal(loads.count, 0, 'no redraw for an avatar of the account signed out');
  });

  for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`Content-Type: ${type} caches nothing (own image types only)`, async () => {
      server.answer(`/${type}`, { type, body: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' });
      const avatars = cache();
      assert.equal(await settled(avatars, `${server.origin}/${type}`), undefined);
      assert.deepEqual(await files(), []);
    });
  }

  it('drops a response at its headers when its Content-Type is none of its own image types: the body is never read', async () => {
    let release = (): void => undefined;
    const holdBody = new Promise<void>((resolve) => (release = resolve));
    // Object.prototype names look like image types to a plain lookup (IMAGE_TYPES['constructor'] is Object).
    const types = ['constructor', '__proto__', 'toString', 'text/html'];
    for (const type of types) server.answer(`/held-${type}`, { type, body: png(16, 16), holdBody });
    const avatars = cache();
    try {
      for (const type of types) avatars.lookup(`${server.origin}/held-${type}`);
      const reading = new Promise<string>((resolve) => setTimeout(() => resolve('still reading a body'), 3000));
      assert.equal(await Promise.race([avatars.idle().then(() => 'dropped'), reading]), 'dropped');
    } finally {
      release();
    }
    await avatars.idle();
    assert.deepEqual(await files(), []);
  });

  it('refuses SVG, oversized and missing images, and images whose bytes are not the declared type', async () => {
    server.answer('/x.svg', { type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    server.answer('/huge.png', { type: 'image/png', body: png(16, 16, 600 * 1024) });
    server.answer('/gif-as-png', { type: 'image/png', body: gif(16, 16) });
    server.answer('/svg-as-png', { type: 'image/png', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    server.answer('/error.png', { type: 'image/png', body: png(16, 16), status: 500 });
    const loads = { count: 0 };
    const avatars = cache(() => loads.count++);
    for (const name of ['x.svg', 'huge.png', 'gif-as-png', 'svg-as-png', 'error.png', 'none.gif']) {
      assert.equal(await settled(avatars, `${server.origin}/${name}`), undefined, name);
    }
    for (const url of ['javascript:alert(1)', 'https://user:pass@example.com/a.png', 'not a url', 'file:///etc/passwd']) {
      assert.equal(avatars.lookup(url), undefined, url);
    }
    await avatars.idle();
    assert.equal(loads.count, 0);
    assert.deepEqual(await files(), []);
  });

  it('refuses images whose header declares more than 512×512 pixels', async () => {
    const declared: [string, string, Buffer][] = [
      ['wide.png', 'image/png', png(513, 1)],
      ['tall.png', 'image/png', png(1, 513)],
      ['bomb.png', 'image/png', png(50_000, 50_000)],
      ['zero.png', 'image/png', png(0, 0)],
      ['wide.gif', 'image/gif', gif(600, 10)],
      ['big.jpg', 'image/jpeg', jpeg(1000, 1000)],
      ['big-progressive.jpg', 'image/jpeg', jpeg(800, 600, 0xc2)],
      ['lossy.webp', 'image/webp', webpLossy(1000, 10)],
      ['lossless.webp', 'image/webp', webpLossless(10, 1000)],
      ['extended.webp', 'image/webp', webpExtended(20_000, 20_000)],
    ];
    const fine: [string, string, Buffer][] = [
      ['max.png', 'image/png', png(512, 512)],
      ['ok.gif', 'image/gif', gif(96, 96)],
      ['ok.jpg', 'image/jpeg', jpeg(128, 96)],
      ['ok.webp', 'image/webp', webpExtended(200, 200)],
    ];
    for (const [name, type, body] of [...declared, ...fine]) server.answer(`/${name}`, { type, body });
    const avatars = cache();
    for (const [name] of declared) assert.equal(await settled(avatars, `${server.origin}/${name}`), undefined, name);
    for (const [name] of fine) assert.ok(await settled(avatars, `${server.origin}/${name}`), name);
    assert.equal((await files()).length, fine.length);
  });

  it('keeps the folder under its size cap, evicting the least recently used, in this session and the next', async () => {
    const size = png(8, 8, 1000).length;
    for (const name of ['a', 'b', 'c', 'd', 'e']) server.answer(`/${name}.png`, { type: 'image/png', body: png(8, 8, 1000) });
    const url = (name: string): string => `${server.origin}/${name}.png`;
    const options = { maxCacheBytes: 3 * size + size / 2 };
    const avatars = cache(() => undefined, options);
    for (const name of ['a', 'b', 'c']) assert.ok(await settled(avatars, url(name)), name);
    // "a" is looked at again, so "b" is now the least recently used.
    assert.ok(avatars.lookup(url('a')));
    assert.ok(await settled(avatars, url('d')));
    await avatars.idle();

    assert.equal((await files()).length, 3);
    assert.equal(avatars.lookup(url('b')), undefined, 'evicted, so fetched again when shown');
    for (const name of ['a', 'c', 'd']) assert.ok(avatars.lookup(url(name)), name);
    const total = async (): Promise<number> => (await Promise.all((await files()).map((name) => stat(path.join(directory, name))))).reduce((sum, s) => sum + s.size, 0);
    await avatars.idle();
    assert.ok((await total()) <= options.maxCacheBytes, String(await total()));

    // A new session counts what the last one left on disk.
    avatars.dispose();
    const nextSession = cache(() => undefined, options);
    assert.ok(await settled(nextSession, url('e')));
    await nextSession.idle();
    assert.equal((await files()).length, 3);
    assert.ok((await total()) <= options.maxCacheBytes);
  });
});
