import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContactNode, ContactsNode, DetailNode } from '../../src/tree/nodes';
import { contactJson, type ContactJson } from '../fake-server/data';
import { clipboardAfter, rootRows, rowLabel, signedInSession, stubOpenExternal, waitFor } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;

const ana = contactJson({
  uuid: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1',
  name: 'Ana García',
  phoneNumber: '+33 11 22 33 44',
  source: 'whatsapp',
  tags: ['VIP', 'lead'],
  assignedUser: 'john.doe@email.com',
  createdAt: '2020-11-13T21:08:53Z',
  customFields: { 'enlace Stripe': 'https://stripe.com/contacts/cus1234567', Intereses: '["zapatos","bolsos"]' },
});
const bob = contactJson({ uuid: 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0', name: 'Bob; Smith, Jr.', phoneNumber: '331122', source: 'instagram', tags: ['lead'], assignedUser: null, customFields: {} });
const tele = contactJson({ name: 'Tele Gram', source: 'telegram', tags: ['soporte'] });
const evil = [
  contactJson({ name: 'Evil command', tags: ['evil'], href: 'command:workbench.action.quit', conversationHref: 'javascript:alert(1)' }),
  contactJson({ name: 'Evil http', tags: ['evil'], href: 'http://dash.callbell.eu/contacts/x', conversationHref: 'file:///etc/passwd' }),
  contactJson({ name: 'Evil host', tags: ['evil'], href: 'https://dash.callbell.eu.evil.example/contacts/x', conversationHref: 'vscode://callbell/x' }),
  contactJson({ name: 'Evil credentials', tags: ['evil'], href: 'https://user:pass@dash.callbell.eu/contacts/x', conversationHref: 'https://evil.example/chat' }),
];
const contacts: ContactJson[] = [ana, bob, tele, ...evil];

function contactNode(session: Session, uuid: string): ContactNode {
  for (const group of rootRows(session.app)) {
    for (const row of session.app.view.provider.getChildren(group)) {
      if (row.type === 'contact' && row.contact.uuid === uuid) return row;
    }
  }
  assert.fail(`no row for ${uuid}`);
}

function contactNamed(session: Session, name: string): ContactNode {
  const uuid = contacts.find((contact) => contact.name === name)?.uuid;
  return contactNode(session, String(uuid));
}

suite('Commands', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });
  suiteTeardown(() => session.dispose());

  suite('filters', () => {
    teardown(() => vscode.commands.executeCommand('callbell.clearFilters'));

    test('filter by source narrows the tree from the loaded contacts, without a request', async () => {
      session.fake.resetRequests();
      await vscode.commands.executeCommand('callbell.filterBySource', 'telegram');
      assert.deepEqual(session.fake.requests.filter((request) => request.path === '/v1/contacts'), []);
      assert.deepEqual(rootRows(session.app).map((row) => rowLabel(session.app, row)), ['soporte']);
      // A description is not drawn while the view is alone in its container: the message says it all.
      assert.equal(session.app.view.treeView.description, undefined);
      assert.equal(session.app.view.treeView.message, 'Test Agent · Telegram · 1 of 7 contacts · by tag');
    });

    test('filter by tags keeps contacts carrying all of them, case-insensitively', async () => {
      await vscode.commands.executeCommand('callbell.filterByTags', ['vip', 'LEAD']);
      // Bob has only "lead".
      const uuids = session.app.controller.store.contacts.map((contact) => contact.uuid);
      assert.deepEqual(uuids, [ana.uuid]);
    });

    test('the source picker applies the source chosen in it', async () => {
      const pending = vscode.commands.executeCommand('callbell.filterBySource');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // "All sources", then WhatsApp, Instagram…: two steps down is Instagram.
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await pending;
      assert.equal(session.app.controller.store.filter.source, 'instagram');
      assert.deepEqual(session.app.controller.store.contacts.map((contact) => contact.uuid), [bob.uuid]);
    });

    test('filters persist in the workspace and clear together', async () => {
      await vscode.commands.executeCommand('callbell.filterBySource', 'whatsapp');
      await vscode.commands.executeCommand('callbell.filterByTags', ['vip']);
      assert.deepEqual(session.app.controller.store.filter, { source: 'whatsapp', tags: ['vip'] });
      await vscode.commands.executeCommand('callbell.clearFilters');
      assert.equal(session.app.controller.store.filter.source, undefined);
      assert.deepEqual(session.app.controller.store.filter.tags, []);
      assert.equal(session.app.controller.store.contacts.length, contacts.length);
    });
  });

  suite('search', () => {
    // Enter opens the first match in Callbell: nothing may really open.
    let external: ReturnType<typeof stubOpenExternal>;
    setup(() => (external = stubOpenExternal()));
    teardown(() => external.restore());

    async function searchAndPickFirst(query: string): Promise<{ uuid: string } | undefined> {
      const result = vscode.commands.executeCommand<{ uuid: string } | undefined>('callbell.searchContacts', query);
      // The picker opens with the query typed; accept the first match.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return result;
    }

    test('finds a contact by phone digits whatever the formatting', async () => {
      assert.equal((await searchAndPickFirst('3311223'))?.uuid, ana.uuid);
    });

    test('finds a contact by a custom field value', async () => {
      assert.equal((await searchAndPickFirst('cus1234567'))?.uuid, ana.uuid);
    });
  });

  suite('open in Callbell', () => {
    let opened: string[];
    let restore: () => void;
    setup(() => {
      opened = [];
      const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
      const original = env.openExternal;
      env.openExternal = async (target: vscode.Uri) => {
        opened.push(target.toString(true));
        return true;
      };
      restore = () => (env.openExternal = original);
    });
    teardown(() => restore());

    test('a dashboard link is opened', async () => {
      assert.equal(await vscode.commands.executeCommand('callbell.openInCallbell', contactNode(session, String(ana.uuid))), true);
      assert.equal(await vscode.commands.executeCommand('callbell.openConversation', contactNode(session, String(ana.uuid))), true);
      assert.deepEqual(opened, [`https://dash.callbell.eu/contacts/${ana.uuid}`, `https://dash.callbell.eu/chat/${ana.uuid}`]);
    });

    test('unsafe links are refused and nothing is opened', async () => {
      for (const contact of evil) {
        const node = contactNamed(session, String(contact.name));
        assert.equal(await vscode.commands.executeCommand('callbell.openInCallbell', node), false, String(contact.href));
        assert.equal(await vscode.commands.executeCommand('callbell.openConversation', node), false, String(contact.conversationHref));
        assert.doesNotMatch(session.app.view.provider.getTreeItem(node).contextValue ?? '', /hasHref|hasConversation/);
      }
      assert.deepEqual(opened, []);
    });
  });

  suite('copy', () => {
    test('each copy command puts the exact text on the clipboard', async () => {
      const node = contactNode(session, String(ana.uuid));
      assert.equal(await clipboardAfter('callbell.copyName', node), 'Ana García');
      assert.equal(await clipboardAfter('callbell.copyPhoneNumber', node), '+33 11 22 33 44');
      assert.equal(await clipboardAfter('callbell.copyContactId', node), ana.uuid);
      assert.equal(await clipboardAfter('callbell.copyDashboardLink', node), `https://dash.callbell.eu/contacts/${ana.uuid}`);
      assert.equal(await clipboardAfter('callbell.copyAssignedUser', node), 'john.doe@email.com');
      assert.deepEqual(JSON.parse(await clipboardAfter('callbell.copyAsJson', node)), ana);
      assert.equal(
        await clipboardAfter('callbell.copyDetails', node),
        [
          'Name: Ana García',
          'Phone: +33 11 22 33 44',
          'Source: WhatsApp',
          'Assigned to: john.doe@email.com',
          // The same local date as the tree's "Created" row; the raw date stays in the JSON copy.
          `Created: ${new Date('2020-11-13T21:08:53Z').toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' })}`,
          'Tags: VIP, lead',
          `Dashboard: https://dash.callbell.eu/contacts/${ana.uuid}`,
          `Contact ID: ${ana.uuid}`,
          'Custom fields:',
          '  enlace Stripe: https://stripe.com/contacts/cus1234567',
          '  Intereses: zapatos, bolsos',
        ].join('\n'),
      );
      assert.equal(
        await clipboardAfter('callbell.copyAsVCard', contactNode(session, String(bob.uuid))),
        [
          'BEGIN:VCARD',
          'VERSION:3.0',
          'FN:Bob\\; Smith\\, Jr.',
          'N:;;;;',
          'TEL;TYPE=CELL:331122',
          'CATEGORIES:lead',
          `URL:https://dash.callbell.eu/contacts/${bob.uuid}`,
          `UID:${bob.uuid}`,
          'END:VCARD',
          '',
        ].join('\r\n'),
      );
    });

    test('a custom field row copies its value; several selected contacts copy together', async () => {
      const node = contactNode(session, String(ana.uuid));
      const details = session.app.view.provider.getChildren(node) as DetailNode[];
      const stripe = details.find((row) => row.field.label === 'enlace Stripe');
      assert.equal(await clipboardAfter('callbell.copyFieldValue', stripe), 'https://stripe.com/contacts/cus1234567');
      const interests = details.find((row) => row.field.label === 'Intereses');
      assert.equal(await clipboardAfter('callbell.copy', interests), 'zapatos, bolsos');
      const both: ContactsNode[] = [node, contactNode(session, String(bob.uuid))];
      assert.equal(await clipboardAfter('callbell.copyName', node, both), 'Ana García\nBob; Smith, Jr.');
      assert.equal(await clipboardAfter('callbell.copyPhoneNumber', node, both), '+33 11 22 33 44\n331122');
    });
  });

  test('the palette hides the commands that need a tree item', async () => {
    const manifest = vscode.extensions.getExtension('callbell-contacts.callbell-contacts')?.packageJSON as {
      contributes: { menus: { commandPalette: { command: string; when: string }[] } };
    };
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command));
    for (const command of ['callbell.openInCallbell', 'callbell.openConversation', 'callbell.copyName', 'callbell.copyPhoneNumber', 'callbell.copyContactId',
      'callbell.copyDashboardLink', 'callbell.copyAssignedUser', 'callbell.copyFieldValue', 'callbell.copyDetails', 'callbell.copyAsJson', 'callbell.copyAsVCard',
      'callbell.copy', 'callbell.showMore', 'callbell.revealContact']) {
      assert.ok(hidden.has(command), `${command} is hidden from the palette`);
    }
    for (const command of ['callbell.setToken', 'callbell.searchContacts', 'callbell.filterBySource', 'callbell.refresh']) assert.ok(!hidden.has(command), command);
  });

  test('Search Contacts… has a chord no default VS Code keybinding uses, wherever the palette offers it', async () => {
    const manifest = vscode.extensions.getExtension('callbell-contacts.callbell-contacts')?.packageJSON as {
      contributes: { keybindings: { command: string; key: string; mac?: string; when?: string }[]; menus: { commandPalette: { command: string; when: string }[] } };
    };
    const binding = manifest.contributes.keybindings.find((entry) => entry.command === 'callbell.searchContacts');
    assert.ok(binding);
    // The palette shows the chord beside the command: it must do what it says there, and nothing else.
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    try {
      const text = vscode.window.activeTextEditor?.document.getText() ?? '';
      const entries = [...text.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map(([, key, command]) => ({ key, command }));
      assert.ok(entries.some((entry) => entry.command === 'editor.action.formatSelection'), 'the default keybindings were read');
      const chords = new Set([binding.key, binding.mac]);
      assert.deepEqual(entries.filter((entry) => chords.has(entry.key) && entry.command !== binding.command), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    const palette = manifest.contributes.menus.commandPalette.find((entry) => entry.command === 'callbell.searchContacts');
    assert.equal(binding.when, palette?.when);
  });

  test('search works before the view is ever opened', async () => {
    const external = stubOpenExternal();
    try {
      session.app.controller.store.clear();
      const pending = vscode.commands.executeCommand<{ uuid: string } | undefined>('callbell.searchContacts', 'Bob');
      await waitFor('contacts to load for the search', () => session.app.controller.store.contacts.length === contacts.length);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal((await pending)?.uuid, bob.uuid);
      assert.deepEqual(external.opened, [`https://dash.callbell.eu/contacts/${bob.uuid}`]);
    } finally {
      external.restore();
    }
  });
});
