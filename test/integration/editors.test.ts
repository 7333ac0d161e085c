import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contactJson } from '../fake-server/data';
import { type Session, ana, capturing, decoded, contacts, evil, pause, scratchEditor } from './editorFixtures';
import { signedInSession, stubOpenExternal, waitFor } from './helpers';

suite('Contacts in editors: insert, the contact card, phone lookup', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session.dispose();
  });

  test('Insert Contact puts the text at every cursor, and one undo takes it back', async () => {
    const editor = await scratchEditor('first: \nsecond: ');
    const { document } = editor;
    editor.selections = [new vscode.Selection(0, 7, 0, 7), new vscode.Selection(1, 8, 1, 8)];
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.insertContact', ana.uuid, 'id'), ana.uuid);
      assert.equal(document.getText(), `first: ${ana.uuid}\nsecond: ${ana.uuid}`);
      assert.equal(await vscode.commands.executeCommand('callbell.insertContact', ana.uuid, 'phoneNumber'), '+1 555 010 0001');
      assert.equal(document.getText(), `first: ${ana.uuid}+1 555 010 0001\nsecond: ${ana.uuid}+1 555 010 0001`);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), `first: ${ana.uuid}\nsecond: ${ana.uuid}`);
      await vscode.commands.executeCommand('undo');
      assert.equal(document.getText(), 'first: \nsecond: ');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('Insert Contact… through its pickers: a contact, then what to insert', async () => {
    const editor = await scratchEditor('id=');
    const { document } = editor;
    editor.selections = [new vscode.Selection(0, 3, 0, 3)];
    // With nothing typed the picker lists the contacts by name; its first choice of format is the ID.
    const first = session.app.controller.model.contacts[0];
    try {
      const inserting = vscode.commands.executeCommand<string | undefined>('callbell.insertContact');
      await pause(300);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await pause(300);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await inserting, first.uuid);
      assert.equal(document.getText(), `id=${first.uuid}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('the palette offers Insert Contact only with a writable editor open', () => {
    const manifest = vscode.extensions.getExtension('callbell-contacts.callbell-contacts')?.packageJSON as {
      contributes: { menus: { commandPalette: { command: string; when: string }[] } };
    };
    const entry = manifest.contributes.menus.commandPalette.find((item) => item.command === 'callbell.insertContact');
    assert.match(entry?.when ?? '', /editorIsOpen/);
    assert.match(entry?.when ?? '', /!activeEditorIsReadonly/);
  });

  suite('the contact card', () => {
    teardown(async () => {
      session.fake.setContacts(contacts);
      await session.app.controller.refresh();
    });

    test('shows every field as Markdown, read-only, and follows a refresh until the contact is gone', async () => {
      const uri = await vscode.commands.executeCommand<string>('callbell.showContact', ana.uuid);
      const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri);
      assert.ok(document, 'the card is open');
      assert.equal(document.uri.scheme, 'callbell-contact');
      assert.equal(document.languageId, 'markdown');
      // Read as the reader sees it: data's punctuation is written as entities.
      const text = decoded(document.getText());
      for (const line of [
        '# Ana Hover',
        '- **Name:** Ana Hover',
        '- **Phone:** +1 555 010 0001',
        '- **Source:** WhatsApp',
        '- **Assigned to:** agent@example.com',
        '- **Conversation:** Open',
        '- **Tags:** VIP, lead',
        `- **Dashboard:** [https://dash.callbell.eu/contacts/${ana.uuid}](https://dash.callbell.eu/contacts/${ana.uuid})`,
        `- **Contact ID:** ${ana.uuid}`,
        '## Custom fields',
        '- **Plan:** Gold',
        '- **Intereses:** zapatos, bolsos',
      ]) {
        assert.ok(text.split('\n').includes(line), `“${line}” in\n${text}`);
      }
      assert.match(text, /^- \*\*Created:\*\* .*2021/m);

      session.fake.setContacts([{ ...ana, name: 'Ana Renamed', tags: ['VIP'] }, evil]);
      await session.app.controller.refresh();
      await waitFor('the card to follow the refresh', () => document.getText().includes('# Ana Renamed'));
      assert.ok(decoded(document.getText()).split('\n').includes('- **Tags:** VIP'));

      session.fake.setContacts([evil]);
      await session.app.controller.refresh();
      await waitFor('the card to say the contact is gone', () => decoded(document.getText()).includes('This contact is no longer in the loaded contacts.'));
      assert.match(document.getText(), /^# Ana Renamed$/m, 'the last known fields stay');
    });

    test('hostile data on the card forms no link, image or HTML', async () => {
      const uri = await vscode.commands.executeCommand<string>('callbell.showContact', evil.uuid);
      const text = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri)?.getText() ?? '';
      // The checked dashboard links are the only links; without them, nothing from the data links anything.
      const dashboardLinks = /\]\(https:\/\/dash\.callbell\.eu\/(?:contacts|chat)\/e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0\)/g;
      assert.equal([...text.matchAll(dashboardLinks)].length, 2, 'the contact and conversation links');
      const withoutDashboardLinks = text.replace(dashboardLinks, ']');
      assert.match(text, /Click/);
      assert.doesNotMatch(withoutDashboardLinks, /<|https?:\/\/|www\.|@|(?<!\\)!\[|(?<!\\)\]\(/);
    });

    test('opens from a contact row too', async () => {
      const group = session.app.view.provider.getChildren().find((row) => row.type === 'group' && row.group.contacts.some((contact) => contact.uuid === ana.uuid));
      const row = session.app.view.provider.getChildren(group).find((child) => child.type === 'contact' && child.contact.uuid === ana.uuid);
      assert.ok(row);
      const uri = await vscode.commands.executeCommand<string>('callbell.showContact', row);
      assert.equal(uri, vscode.window.activeTextEditor?.document.uri.toString());
      assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /^# Ana Hover$/m);
    });
  });

  suite('phone lookup from the search', () => {
    /** Runs the search with `query`, accepts the first row, then dismisses the action picker a looked-up contact gets. */
    async function searchAndAcceptFirst(query: string): Promise<{ uuid?: string; lookup?: string } | undefined> {
      const result = vscode.commands.executeCommand<{ uuid?: string; lookup?: string } | undefined>('callbell.searchContacts', query);
      await pause(300);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await pause(500);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return result;
    }

    const lookups = () => session.fake.requests.filter((request) => request.path.startsWith('/v1/contacts/phone/'));
    setup(() => session.fake.resetRequests());
    teardown(async () => {
      session.fake.clearFaults();
      session.fake.setContacts(contacts);
      await session.app.controller.refresh();
    });

    test('a number no loaded contact has is looked up: 200 gives the contact', async () => {
      const remote = contactJson({ uuid: 'f00df00df00df00df00df00df00df00d', name: 'Remote Rita', phoneNumber: '+44 20 7946 0000' });
      session.fake.setContacts([...contacts, remote]);
      const result = await searchAndAcceptFirst('+44 20 7946 0000');
      assert.deepEqual(lookups().map((request) => [request.path, request.authorized]), [['/v1/contacts/phone/%2B442079460000', true]]);
      assert.equal(result?.uuid, remote.uuid);
      assert.equal(result?.lookup, 'found');
    });

    test('a 404 says Callbell has no such contact', async () => {
      await capturing('showInformationMessage', async (messages) => {
        const result = await searchAndAcceptFirst('+44 20 7946 1111');
        assert.deepEqual(result, { lookup: 'notFound' });
        assert.deepEqual(messages, ['Callbell has no contact with the phone number +442079461111.']);
      });
      assert.equal(lookups()[0]?.path, '/v1/contacts/phone/%2B442079461111');
    });

    test('a 401 says the key is rejected', async () => {
      session.fake.addFault({ kind: 'status', status: 401, path: '/v1/contacts/phone/%2B442079462222' });
      await capturing('showErrorMessage', async (messages) => {
        const result = await searchAndAcceptFirst('+44 20 7946 2222');
        assert.deepEqual(result, { lookup: 'rejected' });
        assert.equal(messages.length, 1);
        assert.match(messages[0], /rejected the API key/);
      });
    });

    test('a number a loaded contact has is not looked up', async () => {
      // Enter on the loaded contact opens it in Callbell: nothing may really open.
      const external = stubOpenExternal();
      try {
        const result = await searchAndAcceptFirst('+1 555 010 0001');
        assert.equal(result?.uuid, ana.uuid);
        assert.equal(result?.lookup, undefined);
        assert.deepEqual(lookups(), []);
      } finally {
        external.restore();
      }
    });
  });
});
