import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NO_FILTER } from '../../src/contacts/filter';
import { contactJson } from '../fake-server/data';
import { rootRows, signedInSession, waitFor, type Session } from './helpers';
import { hasWorkbench, waitForRendered } from './workbench';

const contacts = [
  contactJson({ name: 'Ana', tags: ['Lead'], source: 'whatsapp' }),
  contactJson({ name: 'Bea', tags: ['Lead'], source: 'instagram' }),
  contactJson({ name: 'Yan', tags: ['lead'], source: 'whatsapp' }),
];

suite('Account switch: what one account set does not follow to the next', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });
  suiteTeardown(async () => {
    session.fake.configure({ user: { name: 'Test Agent', email: 'agent@example.com' } });
    await session.dispose();
  });

  test('signing out forgets the filters and the text filter; the next key lists the whole account', async () => {
    const { controller } = session.app;
    await vscode.commands.executeCommand('callbell.filterByTags', ['Lead']);
    await vscode.commands.executeCommand('callbell.filterByText', 'an');
    assert.equal(controller.model.contacts.length, 2, 'Ana and Yan');
    await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
    assert.deepEqual(controller.store.filter, NO_FILTER);
    assert.equal(controller.model.textFilter, '');
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
    await controller.refresh();
    await waitFor('the whole account', () => controller.model.contacts.length === contacts.length);
    assert.deepEqual(controller.store.filter, NO_FILTER);
  });

  test('the status line names a tag filter as the group row spells it, and the account even when its name is only invisible characters', async () => {
    await vscode.commands.executeCommand('callbell.filterByTags', ['LEAD']);
    const group = rootRows(session.app)[0];
    assert.equal(session.app.view.provider.getTreeItem(group).label, 'Lead');
    assert.equal(session.app.view.treeView.message, 'Test Agent · tags: Lead · 3 of 3 contacts · by tag');
    await vscode.commands.executeCommand('callbell.clearFilters');
    session.fake.configure({ user: { name: '\u200b\u202e\u2060', email: 'bob@b.example\n[error] forged' } });
    const window = vscode.window as { showInformationMessage: (message: string) => Thenable<unknown> };
    const original = window.showInformationMessage;
    const shown: string[] = [];
    window.showInformationMessage = async (message: string) => shown.push(message);
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
    } finally {
      window.showInformationMessage = original;
    }
    assert.deepEqual(shown, ['Signed in to Callbell as bob@b.example ［error］ forged.'], 'no empty name, no brackets');
    const [current] = await session.app.authentication.getSessions();
    assert.equal(current.account.id, current.id, 'the Accounts id is the opaque session id, not the server\'s raw text');
    await session.app.controller.refresh();
    await waitFor('the status line', () => /contacts · by tag$/.test(session.app.view.treeView.message ?? ''));
    assert.equal(session.app.view.treeView.message, 'bob@b.example [error] forged · 3 contacts · by tag');
  });

  test('Reveal in Sidebar shows a contact the text filter hid, clearing it', async () => {
    const yan = contacts[2];
    await vscode.commands.executeCommand('callbell.filterByText', 'zzz');
    assert.equal(session.app.controller.model.contacts.length, 0);
    await vscode.commands.executeCommand('callbell.revealContact', yan.uuid);
    assert.equal(session.app.controller.model.textFilter, '');
    await waitFor('the contact to be selected', () => session.app.view.treeView.selection.some((row) => row.type === 'contact' && row.contact.uuid === yan.uuid));
    if (hasWorkbench()) await waitForRendered('the rows again', (shown) => shown.rows.length > 0);
  });
});
