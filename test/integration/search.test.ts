import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SearchResult } from '../../src/commands/search';
import { contactJson, type ContactJson } from '../fake-server/data';
import { signedInSession, stubOpenExternal, waitFor } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;
type Row = vscode.QuickPickItem & { readonly key?: string };

const lyon = contactJson({ name: 'Lyon Office', phoneNumber: '+33 4 12 34 56 78' });
const paris = contactJson({ name: 'Paris Office', phoneNumber: '+33 1 44 55 66 77' });
const giulia = contactJson({
  name: 'Giulia',
  phoneNumber: '+39 06 1234 5678',
  tags: ['$(alert)vip'],
  customFields: { 'Billing Address': 'Via $(zap) Roma 1' },
});
const nora = contactJson({ name: 'Nolink Nora', phoneNumber: '+34 600 999 000', href: null, conversationHref: null });
const CROWD = 230;
const crowd = Array.from({ length: CROWD }, (_, i) => contactJson({ name: `Crowd ${String(i).padStart(3, '0')}`, phoneNumber: `+49 30 ${String(5000 + i)}` }));
const contacts: ContactJson[] = [lyon, paris, giulia, nora, ...crowd];

/** The search picker as the user has it: the real QuickPick, and its row buttons pressed as a click presses them. */
interface OpenSearch {
  readonly result: Promise<SearchResult | undefined>;
  readonly picker: vscode.QuickPick<Row>;
  readonly hidden: () => boolean;
  press(row: Row, tooltip: string): void;
  /** The contact rows, without the message rows. */
  contactRows(): Row[];
}

async function openSearch(query: string): Promise<OpenSearch> {
  const window = vscode.window as { createQuickPick: typeof vscode.window.createQuickPick };
  const original = window.createQuickPick;
  let picker: vscode.QuickPick<Row> | undefined;
  const buttonListeners: ((event: vscode.QuickPickItemButtonEvent<Row>) => unknown)[] = [];
  let hidden = false;
  window.createQuickPick = <T extends vscode.QuickPickItem>() => {
    const created = original<T>() as unknown as vscode.QuickPick<Row>;
    const subscribe = created.onDidTriggerItemButton;
    // A button click reaches the extension as this event; the test delivers the same event.
    (created as { onDidTriggerItemButton: typeof subscribe }).onDidTriggerItemButton = (listener, thisArgs, disposables) => {
      buttonListeners.push((event) => listener.call(thisArgs, event));
      return subscribe(listener, thisArgs, disposables);
    };
    created.onDidHide(() => (hidden = true));
    picker = created;
    return created as unknown as vscode.QuickPick<T>;
  };
  let result: Promise<SearchResult | undefined>;
  try {
    result = Promise.resolve(vscode.commands.executeCommand<SearchResult | undefined>('callbell.searchContacts', query));
    await waitFor('the search picker to open', () => picker !== undefined);
  } finally {
    window.createQuickPick = original;
  }
  const opened = picker as vscode.QuickPick<Row>;
  // Shown: VS Code has put its focus on a row and told the extension.
  await waitFor('the picker to show its rows', () => opened.items.length > 0 && opened.activeItems.length > 0);
  return {
    result,
    picker: opened,
    hidden: () => hidden,
    press(row, tooltip) {
      const button = row.buttons?.find((candidate) => candidate.tooltip === tooltip);
      assert.ok(button, `“${row.label}” has a “${tooltip}” button`);
      for (const listener of buttonListeners) listener({ item: row, button });
    },
    contactRows: () => opened.items.filter((row) => !row.key?.startsWith('\u0000')),
  };
}

/** Waits until the picker's focus, as VS Code reports it to the extension, is on the row (by key: a refill makes new rows). */
async function activeIs(search: OpenSearch, row: Row): Promise<void> {
  assert.ok(row.key !== undefined);
  await waitFor(`“${row.description ?? row.label}” to be the active row`, () => search.picker.activeItems[0]?.key === row.key);
}

const tooltips = (row: Row) => (row.buttons ?? []).map((button) => button.tooltip);

suite('Search Contacts', () => {
  let session: Session;
  let external: ReturnType<typeof stubOpenExternal>;
  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });
  suiteTeardown(() => session.dispose());
  setup(() => (external = stubOpenExternal()));
  teardown(async () => {
    external.restore();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('Enter opens a result in Callbell when it has a dashboard link', async () => {
    const search = await openSearch('Lyon Office');
    const [row] = search.contactRows();
    assert.equal(row.label, 'Lyon Office');
    await activeIs(search, row);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await search.result, { uuid: lyon.uuid, action: 'open' });
    assert.deepEqual(external.opened, [lyon.href]);
  });

  test('Enter copies the details of a result without a dashboard link', async () => {
    await vscode.env.clipboard.writeText('(unchanged)');
    const search = await openSearch('Nolink Nora');
    const [row] = search.contactRows();
    await activeIs(search, row);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await search.result, { uuid: nora.uuid, action: 'copyDetails' });
    assert.match(await vscode.env.clipboard.readText(), /^Name: Nolink Nora\nPhone: \+34 600 999 000\n/);
    assert.deepEqual(external.opened, []);
  });

  test('the other actions are buttons on each row', async () => {
    const search = await openSearch('Office');
    const rows = search.contactRows();
    assert.deepEqual(tooltips(rows[0]), ['Open Conversation', 'Copy Details', 'Copy…', 'Show Contact', 'Reveal in Sidebar']);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await search.result;
    // Without a dashboard link Copy Details is what Enter does; without a conversation there is none to open.
    const noLink = await openSearch('Nolink Nora');
    assert.deepEqual(tooltips(noLink.contactRows()[0]), ['Copy…', 'Show Contact', 'Reveal in Sidebar']);
  });

  test('a row button does its action and closes the search', async () => {
    const search = await openSearch('Paris Office');
    search.press(search.contactRows()[0], 'Show Contact');
    assert.deepEqual(await search.result, { uuid: paris.uuid, action: 'show' });
    assert.ok(search.hidden());
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /^# Paris Office$/m);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    const reveal = await openSearch('Lyon Office');
    reveal.press(reveal.contactRows()[0], 'Reveal in Sidebar');
    assert.deepEqual(await reveal.result, { uuid: lyon.uuid, action: 'reveal' });
    const selected = session.app.view.treeView.selection.map((node) => (node.type === 'contact' ? node.contact.uuid : node.type));
    assert.deepEqual(selected, [lyon.uuid]);
    assert.deepEqual(external.opened, [], 'no button opened the dashboard');
  });

  test('a match in a custom field or tag says so, as plain text', async () => {
    const byField = await openSearch('roma');
    const [fieldRow] = byField.contactRows();
    assert.equal(fieldRow.label, 'Giulia');
    // The codicon syntax of the data is defused: it reads as typed and draws no icon.
    assert.ok(fieldRow.detail?.startsWith('Billing Address: Via $\u200b(zap) Roma 1 · '), fieldRow.detail);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await byField.result;

    const byTag = await openSearch('vip');
    const [tagRow] = byTag.contactRows();
    assert.ok(tagRow.detail?.startsWith('tag: $\u200b(alert)vip · '), tagRow.detail);
    assert.equal(tagRow.detail?.split('vip').length, 2, `the matched tag once: ${tagRow.detail}`);
    assert.doesNotMatch(`${tagRow.detail} ${fieldRow.detail}`, /\$\(/);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await byTag.result;

    const byName = await openSearch('Lyon');
    assert.equal(byName.contactRows()[0].detail, 'WhatsApp', 'a name match needs no reason');
  });

  test('a phone number typed in groups is one number', async () => {
    const search = await openSearch('+33 4');
    assert.deepEqual(search.contactRows().map((row) => row.label), ['Lyon Office']);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await search.result;
    const longer = await openSearch('+33 4 12');
    assert.deepEqual(longer.contactRows().map((row) => row.label), ['Lyon Office']);
  });

  test('capped results say so in a last row that Enter does not pick', async () => {
    await vscode.env.clipboard.writeText('(unchanged)');
    const search = await openSearch('Crowd');
    const rows = search.picker.items;
    assert.equal(search.contactRows().length, 200);
    const capped = rows[rows.length - 1];
    assert.equal(capped.description, `Showing the first 200 of ${CROWD} matches — type more to narrow`);
    assert.equal(rows.length, 201);
    // Straight to the last row (moving up from the first one would depend on wrapping).
    await vscode.commands.executeCommand('quickInput.last');
    await activeIs(search, capped);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const settled = await Promise.race([search.result.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 500))]);
    assert.equal(settled, false, 'the search is still open');
    assert.equal(search.hidden(), false);
    assert.deepEqual(external.opened, []);
    assert.equal(await vscode.env.clipboard.readText(), '(unchanged)');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await search.result, undefined);

    const everyone = await openSearch('');
    const last = everyone.picker.items[everyone.picker.items.length - 1];
    assert.equal(last.description, `Showing the first 200 of ${contacts.length} contacts — type to narrow`);
  });

  test('a contact found on Callbell gets an action picker titled apart from its namesakes', async () => {
    const remote = contactJson({ name: 'Lyon Office', phoneNumber: '+44 20 7946 0000' });
    session.fake.setContacts([...contacts, remote]);
    const window = vscode.window as unknown as { showQuickPick: typeof vscode.window.showQuickPick };
    const original = window.showQuickPick;
    const titles: (string | undefined)[] = [];
    window.showQuickPick = (async (_items: unknown, options?: vscode.QuickPickOptions) => {
      titles.push(options?.title);
      return undefined;
    }) as typeof vscode.window.showQuickPick;
    try {
      const search = await openSearch('+44 20 7946 0000');
      await activeIs(search, search.picker.items[0]);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.deepEqual(await search.result, { uuid: remote.uuid, action: undefined, lookup: 'found' });
      assert.deepEqual(titles, ['Lyon Office · +44 20 7946 0000']);
    } finally {
      window.showQuickPick = original;
      session.fake.setContacts(contacts);
    }
  });
});
