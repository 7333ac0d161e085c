import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type Session, ana, commandLinks, decoded, contacts, ourHovers, pause, probedDocument, run } from './editorFixtures';
import { setSetting, signedInSession, waitFor } from './helpers';

suite('Contact hovers in editors', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await session.dispose();
  });

  test('a uuid inside JSON names the contact, with its fields', async () => {
    const [hover, ...others] = await ourHovers(`{"event":"message","contact":{"uuid":"${ana.uuid}"}}`, String(ana.uuid), 5, 'json');
    assert.ok(hover, 'a hover for the uuid');
    assert.equal(others.length, 0);
    assert.match(hover.value, /\*\*Ana Hover\*\*/);
    assert.match(decoded(hover.value), /Phone: \+1 555 010 0001/);
    assert.match(decoded(hover.value), /Source: WhatsApp/);
    assert.match(decoded(hover.value), /Tags: VIP, lead/);
    assert.match(hover.value, /Assigned to: agent&#64;example&#46;com/, 'the address cannot become a mailto: link');
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
    assert.match(value, /evil&#64;example&#46;com/);
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
