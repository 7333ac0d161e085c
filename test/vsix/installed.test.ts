import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contactJson } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { allFrozen, API_KEYS, consumerReport } from '../integration/apiConsumer';
import { EXTENSION_ID, publicApi, setSetting } from '../integration/helpers';
import { typeIntoQuickInput } from '../integration/workbench';
import { zipEntries } from './zipEntries';

/** out/test/vsix → the repository root. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

suite('Installed from the .vsix', () => {
  const contacts = Array.from({ length: 30 }, (_, index) => contactJson({ name: `Packaged ${String(index).padStart(2, '0')}` }));
  let fake: FakeCallbell;

  suiteSetup(async () => {
    fake = await FakeCallbell.start({ contacts });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
    await setSetting('callbell.apiBaseUrl', undefined);
    await fake.close();
  });

  test('the extension runs from the installed package, not from a development folder', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const installed = extension.extensionPath;
    assert.ok(path.relative(REPO_ROOT, installed).startsWith('..'), `${installed} is outside the repository`);
    assert.equal(path.basename(installed), 'callbell-contacts.callbell-contacts-0.1.0');
    // The server unpacks extension/… and keeps its manifest as .vsixmanifest.
    const packaged = zipEntries(process.env.CALLBELL_TEST_VSIX!).map((entry) => entry.name).filter((name) => name.startsWith('extension/'));
    assert.deepEqual(filesUnder(installed).filter((name) => name !== '.vsixmanifest').sort(), packaged.map((name) => name.slice('extension/'.length)).sort());
    assert.doesNotMatch(fs.readFileSync(path.join(installed, 'dist', 'extension.js'), 'utf8'), /sourceMappingURL/, 'the production bundle, without source maps');
    // Preferred on the UI side, but this server has no local Node extension host: it falls back to the workspace side.
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });

  test('it activates; a key passed to Set API Key by another extension is not used without the user', async () => {
    const api = await publicApi();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    await setSetting('callbell.apiBaseUrl', fake.baseUrl);
    // Installed, the extension runs as users have it: the key waits for a dialog, which a test host never shows.
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', fake.token), false, 'the key was not used');
    await api.refresh();
    assert.deepEqual(fake.requests, [], 'nothing was sent with it');
    assert.deepEqual(api.getContacts(), []);
  });

  test('a key typed into the Set API Key box signs in, and the installed extension lists the contacts', async () => {
    const api = await publicApi();
    const setting = vscode.commands.executeCommand<boolean>('callbell.setToken');
    await typeIntoQuickInput(fake.token);
    assert.equal(await setting, true, 'signed in');
    await api.refresh();
    assert.equal(api.getContacts().length, contacts.length);
    const report = await consumerReport();
    assert.equal(report.contacts.length, contacts.length, 'the consumer extension sees them too');
    assert.equal(allFrozen(report), true);
  });

  test('another extension gets the documented API only, frozen, reaching neither the key nor a live internal', async () => {
    const report = await consumerReport({ secret: fake.token, lookups: [contacts[4].uuid as string] });
    assert.equal(report.gotApi, true);
    assert.deepEqual(report.apiKeys, API_KEYS, 'no test hooks outside test mode');
    assert.equal(report.apiFrozen, true);
    assert.equal(report.lookups[contacts[4].uuid as string], contacts[4].uuid, 'found among the loaded contacts');
    assert.ok(report.reach);
    assert.deepEqual({ secretAt: report.reach.secretAt, internalNamesAt: report.reach.internalNamesAt }, { secretAt: [], internalNamesAt: [] });
  });
});
