import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contactJson, type ContactJson } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { EXTENSION_ID, activateExtension, rootRows, rowDescription, rowLabel, setSetting, waitFor } from './helpers';

/** 45 contacts over three pages; tags chosen so that case variants, several tags and none all occur. */
function seededContacts(): ContactJson[] {
  const tagSets: string[][] = [['VIP'], ['vip', 'lead'], ['lead'], [], ['ventas', 'Lead'], ['soporte']];
  return Array.from({ length: 45 }, (_, index) => contactJson({ name: `Contact ${String(index).padStart(2, '0')}`, tags: tagSets[index % tagSets.length] }));
}

/** The expected groups, worked out independently of the extension: lower-cased tag → count. */
function expectedCounts(contacts: ContactJson[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const contact of contacts) {
    const tags = new Set((contact.tags as string[]).map((tag) => tag.toLowerCase()));
    if (tags.size === 0) tags.add('(untagged)');
    for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return counts;
}

suite('Foundation: activation, API key, tree', () => {
  let fake: FakeCallbell;
  const contacts = seededContacts();

  suiteSetup(async () => {
    fake = await FakeCallbell.start({ contacts });
    await setSetting('callbell.apiBaseUrl', fake.baseUrl);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('callbell.signOut');
    await setSetting('callbell.apiBaseUrl', undefined);
    await fake.close();
  });

  test('the extension activates and registers its commands', async () => {
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(api.view.treeView);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['callbell.setToken', 'callbell.signOut', 'callbell.refresh']) assert.ok(commands.includes(id), id);
  });

  test('before a key is set the view is in the welcome state and empty', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('callbell.signOut');
    assert.equal(api.view.state, 'signedOut');
    assert.deepEqual(rootRows(api), []);
    assert.equal(fake.requests.filter((request) => request.path === '/v1/contacts').length, 0, 'no request without a key');
  });

  test('a key typed into the input box is checked with /auth/me, then stored', async () => {
    const api = await activateExtension();
    const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
    const original = window.showInputBox;
    let prompted: vscode.InputBoxOptions | undefined;
    window.showInputBox = async (options?: vscode.InputBoxOptions) => {
      prompted = options;
      return ` ${fake.token} `;
    };
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.setToken'), true);
    } finally {
      window.showInputBox = original;
    }
    assert.equal(prompted?.password, true, 'the key is typed into a password box');
    const check = fake.requests.find((request) => request.path === '/v1/auth/me');
    assert.ok(check?.authorized, 'the key was checked with GET /auth/me');
    await waitFor('the view to leave the signed-out state', () => api.view.state !== 'signedOut');
  });

  test('a typed key the server rejects is asked for again, with the reason in the box', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('callbell.signOut');
    const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
    const original = window.showInputBox;
    const prompts: (string | undefined)[] = [];
    const answers = ['wrong-key', undefined];
    window.showInputBox = async (options?: vscode.InputBoxOptions) => {
      prompts.push(options?.prompt);
      return answers.shift();
    };
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.setToken'), false);
    } finally {
      window.showInputBox = original;
    }
    assert.equal(prompts.length, 2, 'asked a second time');
    assert.match(prompts[1] ?? '', /did not accept this API key/);
    assert.equal(api.view.state, 'signedOut');
  });

  test('a key the server rejects is not stored', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('callbell.signOut');
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', 'wrong-key'), false);
    assert.equal(api.view.state, 'signedOut');
  });

  test('the tree lists all contacts of all pages grouped by tag with counts', async () => {
    const api = await activateExtension();
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', fake.token), true);
    fake.resetRequests();
    await vscode.commands.executeCommand('callbell.refresh');
    const pages = fake.requests.filter((request) => request.path === '/v1/contacts').map((request) => request.query.page ?? '1');
    assert.deepEqual([...pages].sort(), ['1', '2', '3']);

    const rows = rootRows(api);
    const shown = new Map(rows.map((row) => [rowLabel(api, row).toLowerCase(), Number(rowDescription(api, row))]));
    const expected = expectedCounts(contacts);
    assert.equal(shown.get('untagged'), expected.get('(untagged)'));
    expected.delete('(untagged)');
    for (const [tag, count] of expected) assert.equal(shown.get(tag), count, `group ${tag}`);
    assert.equal(rows.length, expected.size + 1, 'one group per tag plus Untagged');
    assert.equal(rowLabel(api, rows[rows.length - 1]), 'Untagged', 'Untagged comes last');
  });

  test('signing out removes the key and empties the tree', async () => {
    const api = await activateExtension();
    assert.ok(rootRows(api).length > 0);
    await vscode.commands.executeCommand('callbell.signOut');
    assert.equal(api.view.state, 'signedOut');
    assert.deepEqual(rootRows(api), []);
    fake.resetRequests();
    await vscode.commands.executeCommand('callbell.refresh');
    assert.equal(fake.requests.length, 0, 'nothing is requested once signed out');
  });
});
