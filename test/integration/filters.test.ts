import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContactNode, ContactsNode, GroupNode } from '../../src/tree/nodes';
import { contactJson, type ContactJson } from '../fake-server/data';
import type { FakeCallbell } from '../fake-server/server';
import { rootRows, rowLabel, setSetting, signedInSession } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;

const person = (name: string, source: string, tags: string[], createdAt: string, extra: Record<string, unknown> = {}): ContactJson =>
  contactJson({ name, source, tags, createdAt, ...extra });

const contacts: ContactJson[] = [
  person('María López', 'instagram', ['Lead', 'urgente'], '2024-03-01T10:00:00Z'),
  person('Mario Rossi', 'instagram', ['lead'], '2024-05-01T10:00:00Z'),
  person('Ana Pérez', 'instagram', ['urgente'], '2023-01-01T10:00:00Z', { assignedUser: 'maria.g@example.com' }),
  person('Bruno Díaz', 'whatsapp', ['Lead', 'urgente'], 'not a date'),
  person('Carla Ruiz', 'whatsapp', [], '2022-06-01T10:00:00Z', { customFields: { Ciudad: 'Málaga' } }),
  person('Dario Fo', 'telegram', ['vip'], '2021-01-01T10:00:00Z'),
];

function contactRequests(fake: FakeCallbell): FakeCallbell['requests'] {
  return fake.requests.filter((request) => request.path === '/v1/contacts');
}

/** Every contact label in the tree, group by group: `group: a, b`. */
function tree(session: Session): string[] {
  const provider = session.app.view.provider;
  return rootRows(session.app).map((row: ContactsNode) =>
    row.type === 'group' ? `${rowLabel(session.app, row)}: ${provider.getChildren(row).map((child) => rowLabel(session.app, child)).join(', ')}` : rowLabel(session.app, row),
  );
}

suite('Filters on a complete listing', () => {
  let session: Session;
  const team = { uuid: 'team-ventas', name: 'Ventas', members: ['ana@example.com', 'bo@example.com'], contactUuids: [String(contacts[0].uuid), String(contacts[3].uuid)] };
  suiteSetup(async () => {
    session = await signedInSession({ contacts, teams: [team] });
  });
  suiteTeardown(() => session.dispose());
  teardown(async () => {
    await vscode.commands.executeCommand('callbell.clearFilters');
    await setSetting('callbell.sortBy', undefined);
    await setSetting('callbell.groupBy', undefined);
  });

  test('a filter change sends no request and shows the right tree, clearing too', async () => {
    session.fake.resetRequests();
    await vscode.commands.executeCommand('callbell.filterBySource', 'instagram');
    assert.deepEqual(tree(session), ['Lead: María López, Mario Rossi', 'urgente: Ana Pérez, María López']);
    await vscode.commands.executeCommand('callbell.filterByTags', ['Lead', 'urgente']);
    assert.deepEqual(tree(session), ['Lead: María López', 'urgente: María López']);
    assert.equal(session.app.view.treeView.message, 'Test Agent · Instagram · tags: Lead AND urgente · 1 of 6 contacts · by tag');
    await vscode.commands.executeCommand('callbell.filterByTags', ['Lead', 'urgente'], 'any');
    assert.deepEqual(tree(session), ['Lead: María López, Mario Rossi', 'urgente: Ana Pérez, María López']);
    assert.equal(session.app.view.treeView.message, 'Test Agent · Instagram · tags: Lead OR urgente · 3 of 6 contacts · by tag');
    await vscode.commands.executeCommand('callbell.clearFilters');
    assert.equal(rootRows(session.app).length, 4, 'lead, urgente, vip, Untagged');
    assert.equal(session.app.view.treeView.message, 'Test Agent · 6 contacts · by tag');
    assert.deepEqual(contactRequests(session.fake), [], 'no request at all');
  });

  test('the text filter narrows the tree as search matches (accents folded) and clears', async () => {
    await vscode.commands.executeCommand('callbell.groupBy', 'none');
    await vscode.commands.executeCommand('callbell.filterByText', 'maria');
    assert.deepEqual(tree(session), ['Ana Pérez', 'María López'], 'the name, and an assigned user');
    assert.equal(session.app.view.treeView.message, 'Test Agent · 2 of 6 contacts match “maria”');
    await vscode.commands.executeCommand('callbell.filterByText', 'malaga');
    assert.deepEqual(tree(session), ['Carla Ruiz'], 'a custom field value');
    await vscode.commands.executeCommand('callbell.filterBySource', 'whatsapp');
    assert.equal(session.app.view.treeView.message, 'Test Agent · WhatsApp · 1 of 6 contacts match “malaga”');
    await vscode.commands.executeCommand('callbell.clearFilters');
    assert.equal(rootRows(session.app).length, contacts.length);
    assert.equal(session.app.controller.model.textFilter, '');
  });

  test('sort orders by creation date either way, undated contacts last', async () => {
    await vscode.commands.executeCommand('callbell.groupBy', 'none');
    await vscode.commands.executeCommand('callbell.sortBy', 'newest');
    assert.deepEqual(tree(session), ['Mario Rossi', 'María López', 'Ana Pérez', 'Carla Ruiz', 'Dario Fo', 'Bruno Díaz']);
    await vscode.commands.executeCommand('callbell.sortBy', 'oldest');
    assert.deepEqual(tree(session), ['Dario Fo', 'Carla Ruiz', 'Ana Pérez', 'María López', 'Mario Rossi', 'Bruno Díaz']);
    await vscode.commands.executeCommand('callbell.groupBy', 'source');
    assert.deepEqual(tree(session)[0], 'Instagram: Ana Pérez, María López, Mario Rossi', 'groups keep the order');
    assert.equal(vscode.workspace.getConfiguration('callbell').get('sortBy'), 'oldest');
  });

  test('the team filter sends team_uuid with the other filters and names the team; clearing it is local', async () => {
    await vscode.commands.executeCommand('callbell.filterByTags', ['lead']);
    await vscode.commands.executeCommand('callbell.filterBySource', 'instagram');
    session.fake.resetRequests();
    await vscode.commands.executeCommand('callbell.filterByTeam', team.uuid);
    const listed = contactRequests(session.fake);
    assert.ok(listed.length > 0 && listed.every((request) => request.query.team_uuid === team.uuid && request.query.source === 'instagram' && request.query.tags === 'lead'), JSON.stringify(listed.map((r) => r.query)));
    assert.deepEqual(tree(session), ['Lead: María López', 'urgente: María López']);
    assert.equal(session.app.view.treeView.message, 'Test Agent · Instagram · tags: Lead · team: Ventas · 1 of 6 contacts · by tag');
    session.fake.resetRequests();
    await vscode.commands.executeCommand('callbell.filterByTeam', null);
    assert.deepEqual(contactRequests(session.fake), [], 'the unfiltered listing is still loaded');
    assert.deepEqual(tree(session), ['Lead: María López, Mario Rossi', 'urgente: María López']);
  });

  test('a group row’s “Filter to This Group” filters to its tag', async () => {
    const urgente = rootRows(session.app).find((row) => rowLabel(session.app, row) === 'urgente') as GroupNode;
    await vscode.commands.executeCommand('callbell.filterToGroup', urgente);
    assert.deepEqual(session.app.controller.store.filter.tags, ['urgente']);
    assert.deepEqual(tree(session), ['Lead: Bruno Díaz, María López', 'urgente: Ana Pérez, Bruno Díaz, María López']);
  });
});

suite('Filters when the account is over one listing', () => {
  let session: Session;
  // 25 untagged contacts fill page 1; the server refuses page 2, so the listing is incomplete.
  const filler = Array.from({ length: 25 }, (_, index) => contactJson({ name: `Filler ${String(index).padStart(2, '0')}`, tags: [] }));
  const tagged = [
    contactJson({ name: 'Only lead', tags: ['lead'] }),
    contactJson({ name: 'Only urgente', tags: ['urgente'] }),
    contactJson({ name: 'Both', tags: ['Lead', 'URGENTE'] }),
  ];
  suiteSetup(async () => {
    session = await signedInSession({ contacts: [...filler, ...tagged], pageLimit: 1 });
  });
  suiteTeardown(() => session.dispose());

  for (const tagMatching of ['any', 'all'] as const) {
    test(`“any” and “all” give the same, correct tree on a server that ${tagMatching === 'any' ? 'ORs' : 'ANDs'} tags`, async () => {
      session.fake.configure({ tagMatching });
      await vscode.commands.executeCommand('callbell.clearFilters');
      assert.ok(session.app.controller.store.listing?.complete === false, 'the unfiltered listing ended at the limit');
      session.fake.resetRequests();
      await vscode.commands.executeCommand('callbell.filterByTags', ['lead', 'urgente'], 'any');
      assert.deepEqual(tree(session), ['Lead: Both, Only lead', 'URGENTE: Both, Only urgente']);
      assert.deepEqual(contactRequests(session.fake).map((request) => request.query.tags), ['lead', 'urgente'], 'one listing per tag');

      await vscode.commands.executeCommand('callbell.clearFilters');
      session.fake.resetRequests();
      await vscode.commands.executeCommand('callbell.filterByTags', ['lead', 'urgente']);
      assert.deepEqual(tree(session), ['Lead: Both', 'URGENTE: Both']);
      assert.deepEqual(contactRequests(session.fake).map((request) => request.query.tags), ['lead,urgente']);
    });
  }
});

suite('Copying a big group', () => {
  let session: Session;
  const BIG = 1200;
  suiteSetup(async () => {
    const many = Array.from({ length: BIG }, (_, index) => contactJson({ name: `Member ${String(index).padStart(4, '0')}`, phoneNumber: `+34 600 ${String(index).padStart(6, '0')}`, tags: ['big'] }));
    session = await signedInSession({ contacts: many, pagination: 'cursor' });
  });
  suiteTeardown(() => session.dispose());

  test('“Copy All Names” and “Copy All Phone Numbers” copy every contact of a group larger than the rows shown', async () => {
    const [group] = rootRows(session.app) as GroupNode[];
    assert.equal(session.app.view.provider.getChildren(group).filter((row): row is ContactNode => row.type === 'contact').length, 500, 'the group shows 500 rows');
    await vscode.commands.executeCommand('callbell.copyGroupNames', group);
    const names = (await vscode.env.clipboard.readText()).split('\n');
    assert.equal(names.length, BIG);
    assert.equal(names[0], 'Member 0000');
    assert.equal(names[BIG - 1], `Member ${BIG - 1}`);
    await vscode.commands.executeCommand('callbell.copyGroupPhoneNumbers', group);
    const phones = (await vscode.env.clipboard.readText()).split('\n');
    assert.equal(phones.length, BIG);
    assert.equal(phones[BIG - 1], '+34 600 001199');
  });
});
