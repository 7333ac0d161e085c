import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Agent } from 'undici';
import { AvatarCache } from '../../src/avatars/avatarCache';
import { FakeCallbell } from '../fake-server/server';

describe('avatars/AvatarCache', () => {
  let fake: FakeCallbell;
  let directory: string;
  const agent = new Agent();

  before(async () => {
    fake = await FakeCallbell.start({ contacts: [] });
  });
  after(async () => {
    await fake.close();
    await agent.close();
  });
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'callbell-avatars-'));
    fake.resetRequests();
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  /** Looks the URL up until the cache has an answer, as the tree does on each redraw. */
  async function settled(cache: AvatarCache, url: string): Promise<string | undefined> {
    cache.lookup(url);
    // Long enough for a loopback fetch and a disk write; a miss stays a miss.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return cache.lookup(url);
  }

  it('fetches an avatar once, without credentials, and keeps it on disk for the next session', async () => {
    const loads = { count: 0 };
    const url = `${fake.origin}/avatars/ana.png`;
    const cache = new AvatarCache(directory, () => agent, () => loads.count++);
    assert.equal(cache.lookup(url), undefined, 'a miss answers at once');
    const file = await settled(cache, url);
    assert.ok(file?.startsWith(directory) && file.endsWith('.png'), file);
    assert.equal(loads.count, 1);
    cache.lookup(url);
    const fetched = fake.requests.filter((request) => request.path === '/avatars/ana.png');
    assert.equal(fetched.length, 1);
    assert.equal(fetched[0].headers.authorization, undefined, 'no API key goes to an image host');

    const nextSession = new AvatarCache(directory, () => agent, () => loads.count++);
    assert.equal(await settled(nextSession, url), file);
    assert.equal(fake.requests.filter((request) => request.path === '/avatars/ana.png').length, 1, 'read from disk, not fetched again');
  });

  it('clear() deletes the cached files, so the next lookup fetches again', async () => {
    const url = `${fake.origin}/avatars/bo.png`;
    const cache = new AvatarCache(directory, () => agent, () => undefined);
    assert.ok(await settled(cache, url));
    await cache.clear();
    assert.deepEqual(await readdir(directory).catch(() => []), []);
    assert.ok(await settled(cache, url), 'fetched again');
    assert.equal(fake.requests.filter((request) => request.path === '/avatars/bo.png').length, 2);
  });

  it('refuses SVG, oversized images, missing images and URLs that are not https', async () => {
    const loads = { count: 0 };
    const cache = new AvatarCache(directory, () => agent, () => loads.count++);
    for (const url of [`${fake.origin}/avatars/x.svg`, `${fake.origin}/avatars/huge.png`, `${fake.origin}/avatars/none.gif`]) {
      assert.equal(await settled(cache, url), undefined, url);
    }
    for (const url of ['http://example.com/a.png', 'javascript:alert(1)', 'https://user:pass@example.com/a.png', 'not a url']) {
      assert.equal(cache.lookup(url), undefined, url);
    }
    assert.equal(loads.count, 0);
    assert.deepEqual(await readdir(directory).catch(() => []), []);
  });
});
