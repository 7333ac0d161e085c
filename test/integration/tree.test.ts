import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContactNode, GroupNode } from '../../src/tree/nodes';
import { contactJson, type ContactJson } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { children, groupByLabel, labels, rootRows, rowDescription, rowLabel, setSetting, signedInSession, waitFor } from './helpers';
import { hasWorkbench, waitForRendered } from './workbench';

type Session = Awaited<ReturnType<typeof signedInSession>>;

suite('Contacts tree', () => {
  let session: Session;
  const contacts: ContactJson[] = [
    contactJson({ name: 'Zoë Álvarez', phoneNumber: '+34 612 345 678', tags: ['VIP', 'lead'], source: 'whatsapp', assignedUser: 'ana@example.com' }),
    contactJson({ name: 'álvaro Núñez', tags: ['vip'], source: 'instagram', assignedUser: null }),
    contactJson({ name: 'Bruno', tags: ['Vip'], source: 'facebook', assignedUser: 'ana@example.com' }),
    contactJson({ name: '', phoneNumber: '+33 11 22 33 44', tags: [], source: 'telegram', assignedUser: 'zed@example.com' }),
    contactJson({ name: 'Contact 10', tags: ['Lead'], source: 'whatsapp', customFields: { 'Billing Address': '3 Abbey Rd' } }),
    contactJson({ name: 'Contact 2', tags: ['lead'], source: 'whatsapp' }),
  ];

  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });
  suiteTeardown(() => session.dispose());

  test('tags merge case-insensitively under the most common spelling, special groups last', () => {
    assert.deepEqual(labels(session, rootRows(session.app)), ['lead', 'VIP', 'Untagged']);
    const vip = groupByLabel(session, 'VIP');
    assert.equal(rowDescription(session.app, vip), '3');
    // Contacts sorted by name, locale-aware: accents ignored, numbers in natural order.
    assert.deepEqual(labels(session, children(session, groupByLabel(session, 'lead'))), ['Contact 2', 'Contact 10', 'Zoë Álvarez']);
    assert.deepEqual(labels(session, children(session, vip)), ['álvaro Núñez', 'Bruno', 'Zoë Álvarez']);
  });

  test('a contact row: name, phone as description, source icon, context tokens, details as rows', () => {
    const [zoe] = children(session, groupByLabel(session, 'VIP')).filter((row) => rowLabel(session.app, row) === 'Zoë Álvarez') as ContactNode[];
    const item = session.app.view.provider.getTreeItem(zoe);
    assert.equal(item.description, '+34 612 345 678');
    assert.equal(item.contextValue, 'contact hasHref hasConversation hasPhone hasAssignedUser');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'device-mobile');
    assert.equal(item.id, `tag:vip/contact:${zoe.contact.uuid}`);
    const details = children(session, zoe);
    assert.deepEqual(labels(session, details), ['Phone', 'Source', 'Assigned to', 'Created', 'Tags']);
    assert.deepEqual(details.map((row) => rowDescription(session.app, row)).slice(0, 3), ['+34 612 345 678', 'WhatsApp', 'ana@example.com']);
    const unnamed = children(session, groupByLabel(session, 'Untagged'));
    assert.deepEqual(labels(session, unnamed), ['+33 11 22 33 44'], 'a contact without a name shows its phone number');
  });

  test('custom fields are detail rows; the tooltip is escaped Markdown, never trusted', async () => {
    const contact10 = children(session, groupByLabel(session, 'lead')).find((row) => rowLabel(session.app, row) === 'Contact 10') as ContactNode;
    const details = children(session, contact10);
    const field = details.find((row) => rowLabel(session.app, row) === 'Billing Address');
    assert.ok(field, 'custom field row');
    assert.equal(rowDescription(session.app, field), '3 Abbey Rd');
    const provider = session.app.view.provider;
    const item = provider.resolveTreeItem(provider.getTreeItem(contact10), contact10);
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(!tooltip.isTrusted && !tooltip.supportHtml && !tooltip.supportThemeIcons);
    assert.match(tooltip.value.replace(/&nbsp;/g, ' '), /Billing Address: 3 Abbey Rd/);
  });

  test('switching grouping regroups and shows in the message', async () => {
    await vscode.commands.executeCommand('callbell.groupBy', 'source');
    await waitFor('grouping by source', () => rootRows(session.app).some((row) => rowLabel(session.app, row) === 'Messenger'));
    assert.deepEqual(labels(session, rootRows(session.app)), ['Instagram', 'Messenger', 'Telegram', 'WhatsApp']);
    assert.equal(session.app.view.treeView.message, 'Test Agent · 6 contacts · by source');

    await vscode.commands.executeCommand('callbell.groupBy', 'assignedUser');
    await waitFor('grouping by user', () => rootRows(session.app).some((row) => rowLabel(session.app, row) === 'Unassigned'));
    const rows = rootRows(session.app);
    assert.equal(rowLabel(session.app, rows[rows.length - 1]), 'Unassigned');

    await vscode.commands.executeCommand('callbell.groupBy', 'none');
    await waitFor('a flat list', () => rootRows(session.app).every((row) => row.type === 'contact'));
    assert.equal(rootRows(session.app).length, contacts.length);

    await vscode.commands.executeCommand('callbell.groupBy', 'tag');
    await waitFor('grouping by tag', () => rootRows(session.app).some((row) => rowLabel(session.app, row) === 'VIP'));
    assert.equal(vscode.workspace.getConfiguration('callbell').get('groupBy'), 'tag');
  });

  test('ids are unique in the tree and stable across a refresh', async () => {
    const collect = (): string[] =>
      rootRows(session.app).flatMap((group) => [group.id, ...children(session, group).map((row) => session.app.view.provider.getTreeItem(row).id ?? '')]);
    const before = collect();
    assert.equal(new Set(before).size, before.length, 'unique ids');
    await vscode.commands.executeCommand('callbell.refresh');
    assert.deepEqual(collect(), before);
  });

  test('a failure keeps the last good contacts and puts the message in the view', async () => {
    const before = rootRows(session.app).length;
    session.fake.addFault({ kind: 'status', status: 500 });
    await vscode.commands.executeCommand('callbell.refresh');
    assert.equal(rootRows(session.app).length, before, 'the contacts stay');
    assert.match(session.app.view.treeView.message ?? '', /Callbell/);
    session.fake.clearFaults();
    await vscode.commands.executeCommand('callbell.refresh');
    assert.equal(session.app.view.treeView.message, 'Test Agent · 6 contacts · by tag', 'the status line again once a load succeeds');
  });

  test('a closed port with no proxy reads “could not reach Callbell”, not a proxy refusal', async () => {
    // The server the key was checked with, stopped: another port would be another origin, which the key never goes to.
    const port = Number(new URL(session.fake.baseUrl).port);
    await session.fake.close();
    try {
      // The contacts shown stay; the message over them says why they could not be refreshed.
      await session.app.controller.refresh();
      assert.equal(session.app.view.state, 'ready');
      const message = session.app.view.treeView.message ?? '';
      assert.match(message, /Could not reach Callbell/);
      assert.doesNotMatch(message, /proxy did not/i);
      if (hasWorkbench()) {
        const view = await waitForRendered('the failure over the contacts', (shown) => /Could not reach Callbell/.test(shown.message ?? ''));
        assert.ok(view.rows.length > 0, 'the last good contacts stay visible');
      }
    } finally {
      session.fake = await FakeCallbell.start({ contacts, port });
      await session.app.controller.refresh();
    }
  });

  test('a rejected key keeps the contacts, then shows the welcome for a rejected key when nothing is loaded', async () => {
    session.fake.addFault({ kind: 'status', status: 401 });
    await vscode.commands.executeCommand('callbell.refresh');
    assert.ok(rootRows(session.app).length > 0);
    assert.match(session.app.view.treeView.message ?? '', /Set API Key/);
    session.app.controller.store.clear();
    assert.equal(session.app.view.state, 'tokenRejected');
    session.fake.clearFaults();
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
    await session.app.controller.refresh();
    assert.equal(session.app.view.state, 'ready');
  });

  test('a first load that fails shows the failure welcome (no message, which would hide it), and a retry recovers', async () => {
    session.app.controller.store.clear();
    session.fake.addFault({ kind: 'status', status: 503 });
    await session.app.controller.refresh();
    assert.equal(session.app.view.state, 'failed');
    assert.equal(session.app.view.treeView.message, undefined);
    session.fake.clearFaults();
    await vscode.commands.executeCommand('callbell.refresh');
    assert.equal(session.app.view.state, 'ready');
    assert.equal(session.app.view.treeView.message, 'Test Agent · 6 contacts · by tag');
  });

  test('welcome states: no contacts, and no contact matching the filter', async () => {
    session.fake.setContacts([]);
    await vscode.commands.executeCommand('callbell.refresh');
    assert.equal(session.app.view.state, 'empty');
    await vscode.commands.executeCommand('callbell.filterBySource', 'telegram');
    assert.equal(session.app.view.state, 'empty');
    assert.equal(session.app.view.treeView.message, undefined, 'the welcome content with Clear Filters shows instead');
    await vscode.commands.executeCommand('callbell.clearFilters');
    session.fake.setContacts(contacts);
    await vscode.commands.executeCommand('callbell.refresh');
    assert.equal(session.app.view.state, 'ready');
  });
});

suite('Contacts tree auto-refresh', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts: [contactJson({ name: 'Only one' })] });
  });
  suiteTeardown(async () => {
    await setSetting('callbell.autoRefreshMinutes', undefined);
    await session.dispose();
  });

  test('runs while the view is visible, at least a minute apart, and stops when set to 0', async () => {
    assert.equal(vscode.workspace.getConfiguration('callbell').get('autoRefreshMinutes'), 0, 'off by default');
    assert.equal(session.app.view.autoRefreshIntervalMs, 0);
    await vscode.commands.executeCommand('callbell.contacts.focus');
    await waitFor('the view to be visible', () => session.app.view.treeView.visible);
    await setSetting('callbell.autoRefreshMinutes', 2);
    assert.equal(session.app.view.autoRefreshIntervalMs, 120_000);
    await setSetting('callbell.autoRefreshMinutes', 0.001);
    assert.equal(session.app.view.autoRefreshIntervalMs, 60_000, 'a tiny period counts as one minute');
    await setSetting('callbell.autoRefreshMinutes', 0);
    assert.equal(session.app.view.autoRefreshIntervalMs, 0);
  });
});

suite('Contacts tree at scale', () => {
  let session: Session;
  const BIG = 5000;

  suiteSetup(async () => {
    const many = Array.from({ length: BIG }, (_, index) => contactJson({ name: `Member ${index}`, tags: ['big'] }));
    session = await signedInSession({ contacts: many, pagination: 'cursor' });
  });
  suiteTeardown(() => session.dispose());

  test('a 5,000-contact group opens in chunks with a “Show more…” row', async () => {
    const [group] = rootRows(session.app);
    assert.equal(rowDescription(session.app, group), BIG.toLocaleString(vscode.env.language));
    const first = children(session, group);
    assert.equal(first.length, 501, '500 contacts and a Show more row');
    const more = first[first.length - 1];
    assert.equal(more.type, 'showMore');
    await vscode.commands.executeCommand('callbell.showMore', more);
    const second = children(session, group);
    assert.equal(second.length, 1001);
    assert.deepEqual(second.slice(0, 500), first.slice(0, 500), 'the rows already shown keep their identity');
    await vscode.commands.executeCommand('callbell.showMore', second[second.length - 1]);
    assert.equal(children(session, group).length, 2001, 'each click doubles what is shown');
  });

  test('Reveal in Sidebar finds a contact beyond the rows shown', async () => {
    const [group] = rootRows(session.app);
    const target = (group as GroupNode).group.contacts[4321];
    await vscode.commands.executeCommand('callbell.revealContact', target);
    await waitFor('the contact to be selected', () => session.app.view.treeView.selection.some((row) => row.type === 'contact' && row.contact.uuid === target.uuid), 30_000);
    assert.ok(children(session, group).length > 4321, 'the group shows enough rows to hold it');
  });
});
