import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contactJson, type ContactJson } from '../fake-server/data';
import { signedInSession, setSetting, waitFor } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;

const ana = contactJson({
  uuid: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  name: 'Ana Hover',
  phoneNumber: '+1 555 010 0001',
  source: 'whatsapp',
  tags: ['VIP', 'lead'],
  assignedUser: 'agent@example.com',
  createdAt: '2021-05-04T10:00:00Z',
  closedAt: null,
  customFields: { Plan: 'Gold', Intereses: '["zapatos","bolsos"]' },
});
const evil = contactJson({
  uuid: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0',
  name: '[Click](https://evil.example) <img src=x onerror=alert(1)> [run](command:workbench.action.quit) $(alert) https://bare.example www.evil.example',
  phoneNumber: '+33 6 12 34 56 78',
  source: '<b>whatsapp</b>',
  tags: ['[t](command:callbell.signOut)', 'mail evil@example.com', '![i](https://evil.example/i.png)'],
  assignedUser: 'boss@evil.example',
  customFields: { '[x](https://evil.example)': 'http://evil.example' },
});
const contacts: ContactJson[] = [ana, evil];

function ours(hovers: vscode.Hover[]): vscode.MarkdownString[] {
  return hovers
    .flatMap((hover) => hover.contents)
    .filter((content): content is vscode.MarkdownString => typeof (content as vscode.MarkdownString).value === 'string' && (content as vscode.MarkdownString).value.includes('command:callbell.'));
}

/**
 * A new untitled document of `content`, and the hovers this extension gives at a target in it. A
 * last line with a known uuid is hovered first, until its hover comes: a document just created can
 * miss its first hover while VS Code settles its language, and a hover that shows nothing must come
 * from a provider that does answer on this document.
 */
async function probedDocument(content: string, language = 'plaintext'): Promise<(target: string, offset?: number) => Promise<vscode.MarkdownString[]>> {
  const document = await vscode.workspace.openTextDocument({ content: `${content}\n${String(ana.uuid)}`, language });
  const hoversAt = async (position: vscode.Position) => ours(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position));
  await waitFor('the provider to answer on the new document', async () => (await hoversAt(new vscode.Position(document.lineCount - 1, 3))).length === 1);
  return (target, offset = 1) => {
    const index = content.indexOf(target);
    assert.ok(index >= 0, `${target} is in the document`);
    return hoversAt(document.positionAt(index + offset));
  };
}

async function ourHovers(content: string, target: string, offset = 1, language = 'plaintext'): Promise<vscode.MarkdownString[]> {
  return (await probedDocument(content, language))(target, offset);
}

/** The command links of a hover, parsed: id and arguments. */
function commandLinks(markdown: vscode.MarkdownString): { command: string; args: unknown[] }[] {
  return [...markdown.value.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)].map((match) => ({ command: match[1], args: JSON.parse(decodeURIComponent(match[2])) as unknown[] }));
}

async function run(link: { command: string; args: unknown[] }): Promise<unknown> {
  return vscode.commands.executeCommand(link.command, ...link.args);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Replaces a `vscode.window` function for the duration of `body`, recording the messages. */
async function capturing<T>(name: 'showInformationMessage' | 'showErrorMessage', body: (messages: string[]) => Promise<T>): Promise<T> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  const messages: string[] = [];
  window[name] = async (message: string) => {
    messages.push(message);
    return undefined;
  };
  try {
    return await body(messages);
  } finally {
    window[name] = original;
  }
}

suite('Contacts in editors', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session.dispose();
  });

  suite('hovers', () => {
    test('a uuid inside JSON names the contact, with its fields', async () => {
      const [hover, ...others] = await ourHovers(`{"event":"message","contact":{"uuid":"${ana.uuid}"}}`, String(ana.uuid), 5, 'json');
      assert.ok(hover, 'a hover for the uuid');
      assert.equal(others.length, 0);
      assert.match(hover.value, /\*\*Ana Hover\*\*/);
      assert.match(hover.value, /Phone: \\\+1 555 010 0001/);
      assert.match(hover.value, /Source: WhatsApp/);
      assert.match(hover.value, /Tags: VIP, lead/);
      assert.match(hover.value, /Assigned to: agent&#64;example\.com/);
    });

    test('a phone number written nationally finds the international one', async () => {
      const [hover] = await ourHovers('2024-05-01 12:00 inbound call from (555) 010-0001 (missed)', '(555)', 3);
      assert.ok(hover, 'a hover for the number');
      assert.match(hover.value, /Ana Hover/);
    });

    test('its actions work: Show Contact, Open in Callbell, Reveal in Sidebar, Copy…', async () => {
      const [hover] = await ourHovers(`SELECT * FROM contacts WHERE uuid = '${ana.uuid}';`, String(ana.uuid));
      const links = commandLinks(hover);
      assert.deepEqual(links.map((link) => link.command), ['callbell.openInCallbell', 'callbell.copyContact', 'callbell.revealContact', 'callbell.showContact']);
      for (const link of links) assert.deepEqual(link.args, [ana.uuid], 'only the uuid travels');
      const [open, copy, reveal, show] = links;

      await run(show);
      assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'callbell-contact');
      assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /^# Ana Hover$/m);

      const opened: string[] = [];
      const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
      const openExternal = env.openExternal;
      env.openExternal = async (target: vscode.Uri) => {
        opened.push(target.toString(true));
        return true;
      };
      try {
        assert.equal(await run(open), true);
      } finally {
        env.openExternal = openExternal;
      }
      assert.deepEqual(opened, [`https://dash.callbell.eu/contacts/${ana.uuid}`]);

      await run(reveal);
      await waitFor('the contact to be selected in the tree', () => session.app.view.treeView.selection.some((row) => row.type === 'contact' && row.contact.uuid === ana.uuid));

      await vscode.env.clipboard.writeText('(unchanged)');
      const copying = run(copy);
      await pause(300);
      // The first choice of "Copy…" is the name.
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await copying;
      await waitFor('the name on the clipboard', async () => (await vscode.env.clipboard.readText()) === 'Ana Hover');
    });

    test('data with Markdown, command links, HTML, URLs, e-mails and icons becomes no link but ours', async () => {
      const [hover] = await ourHovers(`{"phone": "0033612345678"}`, '0033', 2, 'json');
      assert.ok(hover, 'a hover for the hostile contact');
      const { value } = hover;
      const targets = [...value.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((match) => match[1]);
      assert.ok(targets.length >= 3, value);
      for (const target of targets) assert.match(target, /^command:callbell\.\w+\?/, `link target ${target}`);
      const trusted = hover.isTrusted;
      assert.ok(typeof trusted === 'object' && trusted.enabledCommands.length > 0, 'trusted for an allow-list of commands only');
      for (const command of trusted.enabledCommands) assert.match(command, /^callbell\./);
      assert.ok(!hover.supportHtml && !hover.supportThemeIcons);
      assert.doesNotMatch(value, /</, 'no HTML');
      assert.doesNotMatch(value, /https?:/i, 'no unescaped http');
      assert.doesNotMatch(value, /www\.|@/, 'no autolinked URL or e-mail');
      assert.doesNotMatch(value, /(?<!\\)\$\(/, 'no theme icon');
      assert.doesNotMatch(value, /(?<!\\)!\[/, 'no image');
      // The text is still there to read.
      assert.match(value, /Click/);
      assert.match(value, /evil&#64;example\.com/);
    });

    test('nothing for a uuid or number that no loaded contact has; no request either', async () => {
      session.fake.resetRequests();
      assert.deepEqual(await ourHovers('id=ffffffffffffffffffffffffffffffff', 'ffff', 3), []);
      assert.deepEqual(await ourHovers('call +44 20 7946 0000', '+44', 3), []);
      assert.deepEqual(await ourHovers(`hex ${ana.uuid}00`, String(ana.uuid), 3), [], 'a uuid inside a longer hex run');
      assert.deepEqual(session.fake.requests, []);
    });

    test('callbell.hovers.enabled turns them off', async () => {
      const hoversAt = await probedDocument(`contact ${ana.uuid}`);
      await setSetting('callbell.hovers.enabled', false);
      try {
        assert.deepEqual(await hoversAt(String(ana.uuid)), []);
      } finally {
        await setSetting('callbell.hovers.enabled', undefined);
      }
      assert.equal((await hoversAt(String(ana.uuid))).length, 1);
    });
  });

  test('Insert Contact puts the text at every cursor, and one undo takes it back', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'first: \nsecond: ', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document);
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
      const text = document.getText();
      for (const line of [
        '# Ana Hover',
        '- **Name:** Ana Hover',
        '- **Phone:** \\+1 555 010 0001',
        '- **Source:** WhatsApp',
        '- **Assigned to:** agent&#64;example.com',
        '- **Conversation:** Open',
        '- **Tags:** VIP, lead',
        `- **Dashboard:** [https&#58;//dash.callbell.eu/contacts/${ana.uuid}](https://dash.callbell.eu/contacts/${ana.uuid})`,
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
      assert.ok(document.getText().split('\n').includes('- **Tags:** VIP'));

      session.fake.setContacts([evil]);
      await session.app.controller.refresh();
      await waitFor('the card to say the contact is gone', () => document.getText().includes('This contact is no longer in the loaded contacts.'));
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
    /** Runs the search with `query`, accepts the first row, then dismisses the action picker if one opens. */
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
      const result = await searchAndAcceptFirst('+1 555 010 0001');
      assert.equal(result?.uuid, ana.uuid);
      assert.equal(result?.lookup, undefined);
      assert.deepEqual(lookups(), []);
    });
  });
});
