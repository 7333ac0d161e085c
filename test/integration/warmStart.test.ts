import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contactJson } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { rootRows, rowLabel, setSetting, signedInSession, waitFor } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;

const contacts = [
  contactJson({ name: 'Cached Carla', phoneNumber: '+34 611 222 333', tags: ['warmtag'], customFields: { Secret: 'plaintext-field-value' } }),
  contactJson({ name: 'Cached Ciro', phoneNumber: '+34 611 444 555', tags: ['warmtag', 'vip'] }),
  contactJson({ name: 'Olive Other', tags: ['vip'] }),
];

/** The account files in the cache folder (temporary files of a write in progress left out). */
async function cacheFiles(session: Session): Promise<string[]> {
  const directory = session.app.cacheDirectory;
  assert.ok(directory, 'the host gives the extension a file-system storage folder');
  const names = await fs.readdir(directory).catch(() => [] as string[]);
  return names.filter((name) => !name.includes('.tmp')).map((name) => path.join(directory, name));
}

/** The account's cache file once the write a load started has landed (its size and time stop changing). */
async function settledCacheFile(session: Session): Promise<string> {
  let last = '';
  for (let stable = 0; stable < 4; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const files = await cacheFiles(session);
    const stat = files.length === 1 ? await fs.stat(files[0]).catch(() => undefined) : undefined;
    const now = stat ? `${files[0]}|${stat.size}|${stat.mtimeMs}` : '';
    stable = now !== '' && now === last ? stable + 1 : 0;
    last = now;
  }
  return last.split('|')[0];
}

function shownNames(session: Session): string[] {
  return rootRows(session.app).flatMap((group) => session.app.view.provider.getChildren(group).map((row) => rowLabel(session.app, row)));
}

/** What a new window does with the same storage: nothing loaded, then the warm start of activation. */
function startAfresh(session: Session): Promise<void> {
  session.app.controller.store.clear();
  return session.app.controller.warmStart();
}

suite('Warm start from the encrypted contacts cache', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts });
    await waitFor('the complete load to be cached', async () => (await cacheFiles(session)).length === 1);
  });
  suiteTeardown(() => session.dispose());

  test('the cache file holds none of the contacts’ names, phone numbers, tags or fields in plaintext', async () => {
    const [file] = await cacheFiles(session);
    const bytes = await fs.readFile(file);
    for (const secret of ['Cached Carla', 'Cached Ciro', 'Olive Other', '611 222 333', 'warmtag', 'plaintext-field-value', session.fake.token]) {
      assert.equal(bytes.includes(Buffer.from(secret, 'utf8')), false, secret);
      assert.equal(bytes.includes(Buffer.from(JSON.stringify(secret).slice(1, -1), 'utf8')), false, secret);
    }
  });

  test('a fresh start with the server stopped shows the cached contacts, says how old they are, then why they could not be refreshed', async () => {
    const port = Number(new URL(session.fake.baseUrl).port);
    await session.fake.close();
    try {
      const warm = startAfresh(session);
      await waitFor('the cached contacts', () => session.app.controller.store.cachedAt !== undefined);
      assert.deepEqual(shownNames(session).sort(), ['Cached Carla', 'Cached Ciro', 'Cached Ciro', 'Olive Other'].sort());
      assert.match(session.app.view.treeView.message ?? '', /^Contacts from .+; refreshing…$/);
      await warm;
      assert.deepEqual(shownNames(session).length, 4, 'a failed refresh keeps the cached contacts');
      assert.match(session.app.view.treeView.message ?? '', /^Contacts from .+ could not be refreshed: Could not reach Callbell/);
    } finally {
      session.fake = await FakeCallbell.start({ contacts, port });
    }
    await vscode.commands.executeCommand('callbell.refresh');
    assert.equal(session.app.controller.store.cachedAt, undefined, 'a completed load replaces the cached contacts');
    assert.match(session.app.view.treeView.message ?? '', /^Test Agent · \d+ contacts · by tag$/, 'the status line, no age');
  });

  test('the background refresh replaces cached contacts in place: row ids and the expanded group stay', async () => {
    const groupIds = rootRows(session.app).map((row) => row.id);
    const expanded: string[] = [];
    const collapsed: string[] = [];
    const subscriptions = [
      session.app.view.treeView.onDidExpandElement((event) => expanded.push(event.element.id)),
      session.app.view.treeView.onDidCollapseElement((event) => collapsed.push(event.element.id)),
    ];
    try {
      const vip = rootRows(session.app).find((row) => rowLabel(session.app, row) === 'vip');
      assert.ok(vip);
      await session.app.view.treeView.reveal(vip, { expand: true });
      await waitFor('the group to expand', () => expanded.includes(vip.id));
      session.fake.setContacts([...contacts, contactJson({ name: 'New Nina', tags: ['vip'] })]);
      // Slow enough that the cached contacts can be seen before the refresh replaces them.
      session.fake.configure({ latencyMs: 500 });
      const warm = startAfresh(session);
      await waitFor('the cached contacts', () => session.app.controller.store.cachedAt !== undefined);
      assert.deepEqual(rootRows(session.app).map((row) => row.id), groupIds);
      await warm;
      assert.equal(session.app.controller.store.cachedAt, undefined);
      assert.ok(shownNames(session).includes('New Nina'), 'the refreshed contacts are shown');
      assert.deepEqual(rootRows(session.app).map((row) => row.id), groupIds, 'the same group rows');
      assert.deepEqual(collapsed, [], 'nothing collapsed');
    } finally {
      subscriptions.forEach((subscription) => subscription.dispose());
      session.fake.configure({ latencyMs: 0 });
      session.fake.setContacts(contacts);
    }
  });

  test('a corrupt or foreign cache file is ignored and removed, with no popup', async () => {
    await vscode.commands.executeCommand('callbell.refresh');
    const file = await settledCacheFile(session);
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 5] ^= 0xff;
    await fs.writeFile(file, bytes);
    const port = Number(new URL(session.fake.baseUrl).port);
    await session.fake.close();
    try {
      const warm = startAfresh(session);
      await warm;
      assert.equal(session.app.controller.store.cachedAt, undefined, 'nothing shown from a file that does not decrypt');
      assert.deepEqual(await cacheFiles(session), [], 'the file is deleted');
    } finally {
      session.fake = await FakeCallbell.start({ contacts, port });
    }
    await vscode.commands.executeCommand('callbell.refresh');
  });

  test('another API key does not see the first account’s cached contacts', async () => {
    await waitFor('a cache file', async () => (await cacheFiles(session)).length === 1);
    session.fake.configure({ token: 'another-account-key-0123456789' });
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', 'another-account-key-0123456789'), true);
    const port = Number(new URL(session.fake.baseUrl).port);
    await session.fake.close();
    try {
      await startAfresh(session);
      assert.equal(session.app.controller.store.cachedAt, undefined);
      assert.deepEqual(session.app.controller.store.contacts, []);
    } finally {
      session.fake = await FakeCallbell.start({ contacts, port });
      assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
    }
  });

  test('turning the cache off deletes it; sign-out deletes it too', async () => {
    await session.app.controller.refresh();
    await waitFor('a cache file', async () => (await cacheFiles(session)).length >= 1);
    await setSetting('callbell.cacheContacts', false);
    await waitFor('the cache to be deleted', async () => (await cacheFiles(session)).length === 0);
    await setSetting('callbell.cacheContacts', undefined);
    await session.app.controller.refresh();
    await waitFor('a cache file', async () => (await cacheFiles(session)).length >= 1);
    await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
    await waitFor('sign-out to delete the cache', async () => (await cacheFiles(session)).length === 0);
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
  });
});
