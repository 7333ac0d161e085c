import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContactNode, ContactsNode } from '../../src/tree/nodes';
import { contactJson } from '../fake-server/data';
import { capturePickers, rootRows, rowDescription, rowLabel, signedInSession, waitFor } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;

/** Two fields the API documents that every surface shows from the one field table. */
const blocked = contactJson({ name: 'Blocked Bea', tags: ['fields'], blockedAt: '2024-03-01T10:00:00Z', closedAt: '2024-02-01T09:30:00Z' });
const open = contactJson({ name: 'Open Olga', tags: ['fields'], closedAt: null });
const silent = contactJson({ name: 'Silent Sam', tags: ['fields'] });

function contactRow(session: Session, name: string): ContactNode {
  for (const group of rootRows(session.app)) {
    for (const row of session.app.view.provider.getChildren(group)) {
      if (row.type === 'contact' && rowLabel(session.app, row) === name) return row;
    }
  }
  assert.fail(`no row for ${name}`);
}

function detailLabels(session: Session, node: ContactsNode): string[] {
  return session.app.view.provider.getChildren(node).map((row) => rowLabel(session.app, row));
}

suite('Contact fields from the field table', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts: [blocked, open, silent] });
  });
  suiteTeardown(() => session.dispose());

  test('detail rows: “Blocked since” and the conversation state, only where the API says', () => {
    const bea = contactRow(session, 'Blocked Bea');
    assert.deepEqual(detailLabels(session, bea), ['Phone', 'Source', 'Assigned to', 'Created', 'Blocked since', 'Conversation', 'Tags']);
    const rows = session.app.view.provider.getChildren(bea);
    const conversation = rows.find((row) => rowLabel(session.app, row) === 'Conversation');
    assert.ok(conversation);
    assert.match(rowDescription(session.app, conversation), /^Closed on .*2024/);
    assert.equal(rowDescription(session.app, session.app.view.provider.getChildren(contactRow(session, 'Open Olga')).find((row) => rowLabel(session.app, row) === 'Conversation') as ContactsNode), 'Open');
    assert.deepEqual(detailLabels(session, contactRow(session, 'Silent Sam')), ['Phone', 'Source', 'Assigned to', 'Created', 'Tags']);
  });

  test('a blocked contact’s row is marked: its own icon, “Blocked” first in the description, a token for menus', () => {
    const item = session.app.view.provider.getTreeItem(contactRow(session, 'Blocked Bea'));
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'circle-slash');
    assert.match(String(item.description), /^Blocked · \+34/);
    assert.match(item.contextValue ?? '', /\bisBlocked\b/);
    const plain = session.app.view.provider.getTreeItem(contactRow(session, 'Silent Sam'));
    assert.equal((plain.iconPath as vscode.ThemeIcon).id, 'device-mobile');
    assert.doesNotMatch(plain.contextValue ?? '', /isBlocked/);
  });

  test('the tooltip lists the same fields', () => {
    const provider = session.app.view.provider;
    const node = contactRow(session, 'Blocked Bea');
    const tooltip = provider.resolveTreeItem(provider.getTreeItem(node), node).tooltip as vscode.MarkdownString;
    const text = tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\/g, '');
    assert.match(text, /Blocked since: /);
    assert.match(text, /Conversation: Closed on /);
  });

  test('“Copy Details” carries them, dates in the same local form as the tree', async () => {
    const node = contactRow(session, 'Blocked Bea');
    const rows = session.app.view.provider.getChildren(node);
    const blockedRow = rows.find((row) => rowLabel(session.app, row) === 'Blocked since') as ContactsNode;
    await vscode.commands.executeCommand('callbell.copyDetails', node);
    const text = await vscode.env.clipboard.readText();
    assert.ok(text.includes(`Blocked since: ${rowDescription(session.app, blockedRow)}`), text);
    assert.match(text, /^Conversation: Closed on /m);
  });

  test('search results show them under the contact', async () => {
    const { pickers, restore } = capturePickers();
    try {
      const pending = vscode.commands.executeCommand('callbell.searchContacts', 'Blocked Bea');
      await waitFor('the search picker to list Bea', () => pickers[0]?.items.some((item) => item.label === 'Blocked Bea') ?? false);
      const item = pickers[0].items.find((entry) => entry.label === 'Blocked Bea');
      assert.match(item?.detail ?? '', /Blocked since: .*Conversation: Closed on /);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await pending;
    } finally {
      restore();
    }
  });
});
