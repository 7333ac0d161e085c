import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContactNode, ContactsNode, DetailNode } from '../../src/tree/nodes';
import { contactJson } from '../fake-server/data';
import { EXTENSION_ID, clipboardAfter, rootRows, rowDescription, rowLabel, signedInSession } from './helpers';

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
  // ESC and a bracketed-paste marker would reach a terminal the text is pasted into; the rest hides or reorders text.
  const hidden = contactJson({
    name: 'Ana\u001b[200~ Ruiz\u202e\u200b\r\nSupport\u00ad',
    phoneNumber: '+34\u2066 600\u200b 111\n222\u202c',
    assignedUser: '\u202eagent@example.com\u200b\n',
    tags: ['details'],
    customFields: { Notes: 'first line\u202e\r\n\u200bsecond\u001b[201~ line\n\n\n\nthird\u2028fourth' },
  });

  suiteSetup(async () => {
    session = await signedInSession({ contacts: [beatrice, quiet, hidden] });
  });
  suiteTeardown(() => session.dispose());

  test('a detail row has an inline copy button; a contact row shows Open Conversation beside Open in Callbell when it has one', () => {
    assert.deepEqual(inlineCommands(contextValueOf(session, detailRow(session, 'Beatrice De Luca', 'Phone'))), ['callbell.copyFieldValue']);
    assert.deepEqual(inlineCommands(contextValueOf(session, detailRow(session, 'Beatrice De Luca', 'Nota'))), ['callbell.copyFieldValue']);
    assert.equal(manifest().contributes.commands.find((command) => command.command === 'callbell.copyFieldValue')?.icon, '$(copy)', 'an inline action needs an icon');
    assert.deepEqual(inlineCommands(contextValueOf(session, contactRow(session, 'Beatrice De Luca'))), ['callbell.openInCallbell', 'callbell.openConversation', 'callbell.showContact']);
    assert.deepEqual(inlineCommands(contextValueOf(session, contactRow(session, 'No Conversation'))), ['callbell.openInCallbell', 'callbell.showContact']);
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

  test('one-line copies read as the row shows them, with no control, bidi override, invisible character or line break; a custom field keeps its line breaks only', async () => {
    const name = 'Ana [200~ Ruiz Support';
    const row = contactRow(session, name);
    assert.equal(await clipboardAfter('callbell.copyName', row), name);
    assert.equal(await clipboardAfter('callbell.copyPhoneNumber', row), '+34 600 111 222');
    assert.equal(await clipboardAfter('callbell.copyAssignedUser', row), 'agent@example.com');
    for (const label of ['Phone', 'Assigned to']) {
      const detail = detailRow(session, name, label);
      const shown = rowDescription(session.app, detail);
      assert.equal(await clipboardAfter('callbell.copyFieldValue', detail), shown, label);
      assert.equal(await clipboardAfter('callbell.copy', detail), shown, `${label} with Ctrl+C`);
    }
    const notes = detailRow(session, name, 'Notes');
    assert.equal(await clipboardAfter('callbell.copyFieldValue', notes), 'first line\nsecond [201~ line\n\nthird\nfourth');
    assert.equal(await clipboardAfter('callbell.copy', notes), 'first line\nsecond [201~ line\n\nthird\nfourth', 'Notes with Ctrl+C');
  });

  test('group copies and Insert Contact write names and numbers as the rows show them', async () => {
    const group = rootRows(session.app).find((row) => row.type === 'group' && rowLabel(session.app, row) === 'details');
    assert.ok(group, 'the details group');
    const names = (await clipboardAfter('callbell.copyGroupNames', group)).split('\n');
    assert.ok(names.includes('Ana [200~ Ruiz Support'), names.join(' | '));
    const numbers = (await clipboardAfter('callbell.copyGroupPhoneNumbers', group)).split('\n');
    assert.ok(numbers.includes('+34 600 111 222'), numbers.join(' | '));
    const document = await vscode.workspace.openTextDocument({ content: '' });
    await vscode.window.showTextDocument(document);
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.insertContact', hidden.uuid, 'name'), 'Ana [200~ Ruiz Support');
      assert.equal(await vscode.commands.executeCommand('callbell.insertContact', hidden.uuid, 'phoneNumber'), '+34 600 111 222');
      assert.equal(document.getText(), 'Ana [200~ Ruiz Support+34 600 111 222');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('dates as sent stay in the JSON copy only', async () => {
    const node = contactRow(session, 'Beatrice De Luca');
    assert.doesNotMatch(await clipboardAfter('callbell.copyDetails', node), /2020-11-13T/);
    assert.match(await clipboardAfter('callbell.copyAsJson', node), /"createdAt": "2020-11-13T21:08:53Z"/);
  });
});

suite('Opening several contacts', () => {
  let session: Session;
  const linked = ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco'].map((name) => contactJson({ name, tags: ['open'] }));
  const unsafe = contactJson({ name: 'Unsafe', tags: ['open'], href: 'javascript:alert(1)', conversationHref: 'command:workbench.action.quit' });
  const silent = contactJson({ name: 'Silent', tags: ['open'], conversationHref: undefined });
  let opened: string[];
  let warnings: { message: string; modal: boolean }[];
  let answer: (items: unknown[]) => unknown;
  let restore: () => void;

  const rows = (...names: string[]): ContactNode[] => names.map((name) => contactRow(session, name));
  /** The command as VS Code runs it from a row's menu: the clicked row, then the selection. */
  const openFromMenu = (command: string, selection: ContactNode[]): Thenable<boolean> => vscode.commands.executeCommand<boolean>(command, selection[0], selection);

  suiteSetup(async () => {
    session = await signedInSession({ contacts: [...linked, unsafe, silent] });
  });
  suiteTeardown(() => session.dispose());

  setup(() => {
    opened = [];
    warnings = [];
    answer = () => undefined;
    const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
    const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
    const originalOpen = env.openExternal;
    const originalWarning = window.showWarningMessage;
    env.openExternal = async (target: vscode.Uri) => {
      opened.push(target.toString(true));
      return true;
    };
    window.showWarningMessage = async (message: unknown, ...rest: unknown[]) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as vscode.MessageOptions) : undefined;
      warnings.push({ message: String(message), modal: options?.modal === true });
      return answer(options ? rest.slice(1) : rest);
    };
    restore = () => {
      env.openExternal = originalOpen;
      window.showWarningMessage = originalWarning;
    };
  });
  teardown(() => restore());

  const linkOf = (name: string, path: 'contacts' | 'chat'): string => `https://dash.callbell.eu/${path}/${linked.find((contact) => contact.name === name)?.uuid}`;

  test('a few selected contacts open one tab each, without asking', async () => {
    assert.equal(await openFromMenu('callbell.openInCallbell', rows('Uno', 'Dos', 'Tres')), true);
    assert.deepEqual(opened, [linkOf('Uno', 'contacts'), linkOf('Dos', 'contacts'), linkOf('Tres', 'contacts')]);
    assert.deepEqual(warnings, []);
  });

  test('more than three ask once first: dismissing opens nothing, confirming opens every one', async () => {
    const four = rows('Uno', 'Dos', 'Tres', 'Cuatro');
    assert.equal(await openFromMenu('callbell.openConversation', four), false);
    assert.deepEqual(opened, []);
    assert.equal(warnings.length, 1);
    assert.ok(warnings[0].modal, 'a modal confirmation');
    assert.equal(warnings[0].message, 'Open 4 conversations in Callbell?');

    answer = (items) => items[0];
    assert.equal(await openFromMenu('callbell.openConversation', four), true);
    assert.deepEqual(opened, ['Uno', 'Dos', 'Tres', 'Cuatro'].map((name) => linkOf(name, 'chat')));
    assert.equal(warnings.length, 2);
  });

  test('links that cannot be opened are left out and reported in one warning; the rest open', async () => {
    assert.equal(await openFromMenu('callbell.openInCallbell', rows('Uno', 'Unsafe', 'Dos')), false);
    assert.deepEqual(opened, [linkOf('Uno', 'contacts'), linkOf('Dos', 'contacts')]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /^1 of 3 contacts was not opened/);

    warnings = [];
    opened = [];
    assert.equal(await openFromMenu('callbell.openConversation', rows('Cinco', 'Silent', 'Unsafe')), false);
    assert.deepEqual(opened, [linkOf('Cinco', 'chat')]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /^2 of 3 contacts were not opened/);
  });

  test('a row clicked outside the selection opens that row alone', async () => {
    assert.equal(await vscode.commands.executeCommand('callbell.openInCallbell', contactRow(session, 'Cinco'), rows('Uno', 'Dos')), true);
    assert.deepEqual(opened, [linkOf('Cinco', 'contacts')]);
  });
});
