import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contactJson, type ContactJson } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { InputBoxes } from './inputBoxes';
import { EXTENSION_ID, activateExtension, publicApi, rootRows, rowDescription, rowLabel, setSetting, waitFor } from './helpers';

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
    await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
    await setSetting('callbell.apiBaseUrl', undefined);
    await fake.close();
  });

  test('the extension activates and registers its commands', async () => {
    const app = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(app.view.treeView);
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands;
    assert.ok(contributed.length > 20);
    assert.deepEqual(contributed.map((entry) => entry.command).filter((id) => !registered.has(id)), [], 'every contributed command is registered');
  });

  test('other extensions get the documented API only: no controller, view, account or key', async () => {
    const exports = await publicApi();
    const keys = Object.keys(exports).filter((key) => key !== 'testing').sort();
    assert.deepEqual(keys, ['findContact', 'getContacts', 'onDidChangeContacts', 'refresh', 'version']);
    assert.equal(typeof exports.version, 'string');
  });

  test('before a key is set the view is in the welcome state and empty', async () => {
    const app = await activateExtension();
    await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
    assert.equal(app.view.state, 'signedOut');
    assert.deepEqual(rootRows(app), []);
    assert.equal(fake.requests.filter((request) => request.path === '/v1/contacts').length, 0, 'no request without a key');
  });

  test('a key typed into the input box is checked with /auth/me, then stored', async () => {
    const app = await activateExtension();
    const boxes = new InputBoxes();
    try {
      const signingIn = vscode.commands.executeCommand('callbell.setToken');
      const box = await boxes.shownBox();
      assert.equal(box.password, true, 'the key is typed into a password box');
      assert.equal(await boxes.enter(box, ` ${fake.token} `), 'closed');
      assert.equal(await signingIn, true);
    } finally {
      boxes.dispose();
    }
    const check = fake.requests.find((request) => request.path === '/v1/auth/me');
    assert.ok(check?.authorized, 'the key was checked with GET /auth/me');
    await waitFor('the view to leave the signed-out state', () => app.view.state !== 'signedOut');
  });

  test('a typed key the server rejects is asked for again, with the reason in the box', async () => {
    const app = await activateExtension();
    await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
    const boxes = new InputBoxes();
    try {
      const signingIn = vscode.commands.executeCommand('callbell.setToken');
      assert.equal(await boxes.enter(await boxes.shownBox(0), 'wrong-key'), 'closed');
      const second = await boxes.shownBox(1);
      const problem = second.validationMessage;
      assert.ok(typeof problem === 'object' && problem.severity === vscode.InputBoxValidationSeverity.Error, 'the reason drawn as an error');
      assert.match(problem.message, /did not accept this API key/, 'asked a second time, with the reason');
      assert.match(second.prompt ?? '', /Paste an API key/, 'the usual prompt stays');
      second.hide();
      assert.equal(await signingIn, false);
    } finally {
      boxes.dispose();
    }
    assert.equal(app.view.state, 'signedOut');
  });

  test('a key the server rejects is not stored', async () => {
    const app = await activateExtension();
    await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', 'wrong-key'), false);
    assert.equal(app.view.state, 'signedOut');
  });

  test('the tree lists all contacts of all pages grouped by tag with counts', async () => {
    const app = await activateExtension();
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', fake.token), true);
    fake.resetRequests();
    await vscode.commands.executeCommand('callbell.refresh');
    const pages = fake.requests.filter((request) => request.path === '/v1/contacts').map((request) => request.query.page ?? '1');
    assert.deepEqual([...pages].sort(), ['1', '2', '3']);

    const rows = rootRows(app);
    const shown = new Map(rows.map((row) => [rowLabel(app, row).toLowerCase(), Number(rowDescription(app, row))]));
    const expected = expectedCounts(contacts);
    assert.equal(shown.get('untagged'), expected.get('(untagged)'));
    expected.delete('(untagged)');
    for (const [tag, count] of expected) assert.equal(shown.get(tag), count, `group ${tag}`);
    assert.equal(rows.length, expected.size + 1, 'one group per tag plus Untagged');
    assert.equal(rowLabel(app, rows[rows.length - 1]), 'Untagged', 'Untagged comes last');
  });

  test('signing out removes the key and empties the tree', async () => {
    const app = await activateExtension();
    assert.ok(rootRows(app).length > 0);
    await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
    assert.equal(app.view.state, 'signedOut');
    assert.deepEqual(rootRows(app), []);
    fake.resetRequests();
    await vscode.commands.executeCommand('callbell.refresh');
    assert.equal(fake.requests.length, 0, 'nothing is requested once signed out');
  });
});
