import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contactJson } from '../fake-server/data';
import { children, rootRows, type Session, setSetting, signedInSession, waitFor } from './helpers';

suite('Contacts tree avatars', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts: [contactJson({ name: 'Pictured', tags: ['x'] })] });
    const [contact] = session.app.controller.store.contacts;
    session.fake.setContacts([contactJson({ uuid: contact.uuid, name: 'Pictured', tags: ['x'], avatarUrl: `${session.fake.origin}/avatars/pictured.png` })]);
    await session.app.controller.refresh();
  });
  suiteTeardown(async () => {
    await setSetting('callbell.showAvatars', undefined);
    await session.dispose();
  });

  const icon = (): unknown => {
    const [group] = rootRows(session.app);
    return session.app.view.provider.getTreeItem(children(session, group)[0]).iconPath;
  };

  test('off by default: the source icon, and no request to the image host', async () => {
    assert.ok(icon() instanceof vscode.ThemeIcon);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(session.fake.requests.filter((request) => request.path.startsWith('/avatars/')).length, 0);
  });

  test('when on, the avatar is fetched once and shown from the cache', async () => {
    await setSetting('callbell.showAvatars', true);
    icon();
    await waitFor('the avatar to be cached', () => icon() instanceof vscode.Uri);
    assert.match((icon() as vscode.Uri).path, /\/avatars\/[0-9a-f]{64}\.png$/);
    await vscode.commands.executeCommand('callbell.refresh');
    icon();
    assert.equal(session.fake.requests.filter((request) => request.path === '/avatars/pictured.png').length, 1);
  });

  test('turning showAvatars off deletes the pictures kept on disk', async () => {
    await setSetting('callbell.showAvatars', true);
    await waitFor('the avatar to be shown', () => icon() instanceof vscode.Uri);
    const file = (icon() as vscode.Uri).fsPath;
    assert.ok(fs.existsSync(file), `${file} is on disk`);
    await setSetting('callbell.showAvatars', false);
    await waitFor('the cached avatar to be deleted', () => !fs.existsSync(file));
    assert.ok(icon() instanceof vscode.ThemeIcon, 'the source icon again');
    assert.deepEqual(fs.existsSync(path.dirname(file)) ? fs.readdirSync(path.dirname(file)) : [], [], 'no picture is left in the folder');
  });
});
