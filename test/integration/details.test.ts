import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContactNode, ContactsNode, DetailNode } from '../../src/tree/nodes';
import { contactJson } from '../fake-server/data';
import { EXTENSION_ID, rootRows, rowDescription, rowLabel, signedInSession } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

interface Manifest {
  contributes: { commands: { command: string; icon?: string }[]; menus: Record<string, MenuEntry[]> };
}

const manifest = (): Manifest => vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;

/**
 * Whether a `when` clause of the row menus holds for a row of the Contacts view: the clauses there
 * are `view == …` and `viewItem =~ /…/` joined by `&&`; anything else fails the test, so a new kind
 * of clause gets read here rather than silently passing.
 */
function holdsForRow(when: string, contextValue: string): boolean {
  return when.split('&&').every((part) => {
    const term = part.trim();
    const view = /^view == ([\w.]+)$/.exec(term);
    if (view) return view[1] === 'callbell.contacts';
    const item = /^viewItem =~ \/(.+)\/$/.exec(term);
    if (item) return new RegExp(item[1]).test(contextValue);
    assert.fail(`a row menu clause this test cannot read: ${term}`);
  });
}

/** The commands VS Code shows as buttons on a row with this context value, in their order. */
function inlineCommands(contextValue: string): string[] {
  const order = (entry: MenuEntry): number => Number(entry.group?.split('@')[1] ?? 0);
  return manifest()
    .contributes.menus['view/item/context'].filter((entry) => entry.group?.split('@')[0] === 'inline' && holdsForRow(entry.when ?? '', contextValue))
    .sort((a, b) => order(a) - order(b))
    .map((entry) => entry.command);
}

function contextValueOf(session: Session, node: ContactsNode): string {
  return session.app.view.provider.getTreeItem(node).contextValue ?? '';
}

function contactRow(session: Session, name: string): ContactNode {
  for (const group of rootRows(session.app)) {
    for (const row of group.type === 'contact' ? [group] : session.app.view.provider.getChildren(group)) {
      if (row.type === 'contact' && rowLabel(session.app, row) === name) return row;
    }
  }
  assert.fail(`no row for ${name}`);
}

function detailRow(session: Session, name: string, label: string): DetailNode {
  const row = session.app.view.provider.getChildren(contactRow(session, name)).find((detail) => rowLabel(session.app, detail) === label);
  assert.ok(row && row.type === 'detail', `${name} has a “${label}” row`);
  return row;
}

async function clipboardAfter(command: string, ...args: unknown[]): Promise<string> {
  await vscode.env.clipboard.writeText('(unchanged)');
  await vscode.commands.executeCommand(command, ...args);
  return vscode.env.clipboard.readText();
}

suite('Detail rows', () => {
  let session: Session;
  const beatrice = contactJson({
    name: 'Beatrice De Luca',
    phoneNumber: '+39 333 123 4567',
    source: 'facebook',
    tags: ['details'],
    createdAt: '2020-11-13T21:08:53Z',
    closedAt: '2024-02-01T09:30:00Z',
    customFields: { Nota: 'piano\u202e terra\u200b' },
  });
  const quiet = contactJson({ name: 'No Conversation', tags: ['details'], conversationHref: undefined });

  suiteSetup(async () => {
    session = await signedInSession({ contacts: [beatrice, quiet] });
  });
  suiteTeardown(() => session.dispose());

  test('a detail row has an inline copy button', () => {
    assert.deepEqual(inlineCommands(contextValueOf(session, detailRow(session, 'Beatrice De Luca', 'Phone'))), ['callbell.copyFieldValue']);
    assert.deepEqual(inlineCommands(contextValueOf(session, detailRow(session, 'Beatrice De Luca', 'Nota'))), ['callbell.copyFieldValue']);
    assert.equal(manifest().contributes.commands.find((command) => command.command === 'callbell.copyFieldValue')?.icon, '$(copy)', 'an inline action needs an icon');
  });

  test('a detail row’s accessible label names the field before its value', () => {
    const rows = session.app.view.provider.getChildren(contactRow(session, 'Beatrice De Luca'));
    assert.ok(rows.length >= 5);
    for (const row of rows) {
      const item = session.app.view.provider.getTreeItem(row);
      assert.equal(item.accessibilityInformation?.label, `${rowLabel(session.app, row)}: ${rowDescription(session.app, row)}`);
    }
    assert.equal(session.app.view.provider.getTreeItem(detailRow(session, 'Beatrice De Luca', 'Phone')).accessibilityInformation?.label, 'Phone: +39 333 123 4567');
  });

  test('copying a detail row copies its value as the row shows it: the local date, the product name, nothing hidden', async () => {
    for (const label of ['Created', 'Conversation', 'Source']) {
      const row = detailRow(session, 'Beatrice De Luca', label);
      const shown = rowDescription(session.app, row);
      assert.equal(await clipboardAfter('callbell.copyFieldValue', row), shown, label);
      assert.equal(await clipboardAfter('callbell.copy', row), shown, `${label} with Ctrl+C`);
    }
    assert.equal(await clipboardAfter('callbell.copyFieldValue', detailRow(session, 'Beatrice De Luca', 'Source')), 'Messenger');
    const created = await clipboardAfter('callbell.copyFieldValue', detailRow(session, 'Beatrice De Luca', 'Created'));
    assert.notEqual(created, '2020-11-13T21:08:53Z');
    assert.equal(created, new Date('2020-11-13T21:08:53Z').toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' }));
    assert.equal(await clipboardAfter('callbell.copyFieldValue', detailRow(session, 'Beatrice De Luca', 'Nota')), 'piano terra');
  });

  test('dates as sent stay in the JSON copy only', async () => {
    const node = contactRow(session, 'Beatrice De Luca');
    assert.doesNotMatch(await clipboardAfter('callbell.copyDetails', node), /2020-11-13T/);
    assert.match(await clipboardAfter('callbell.copyAsJson', node), /"createdAt": "2020-11-13T21:08:53Z"/);
  });
});
