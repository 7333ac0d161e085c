import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contactJson } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { rootRows, setSetting, signedInSession, waitFor } from './helpers';
import { hasWorkbench, waitForRendered } from './workbench';

type Session = Awaited<ReturnType<typeof signedInSession>>;

const contacts = [contactJson({ name: 'First Server Contact', tags: ['one'] })];
const USER = { name: 'Ana Pérez', email: 'ana@example.com' };

suite('Account: the key stays with the server it was checked with', () => {
  let session: Session;
  let other: FakeCallbell;

  suiteSetup(async () => {
    session = await signedInSession({ contacts, user: USER });
    other = await FakeCallbell.start({ contacts: [contactJson({ name: 'Second Server Contact' })], token: 'second-server-key-0123456789' });
  });
  suiteTeardown(async () => {
    await session.dispose();
    await other.close();
  });

  test('pointing callbell.apiBaseUrl at another origin sends it nothing with the key; the view says why and what to do', async () => {
    await setSetting('callbell.apiBaseUrl', other.baseUrl);
    await waitFor('the contacts of the first server to go', () => rootRows(session.app).length === 0);
    await session.app.controller.refresh();
    await vscode.commands.executeCommand('callbell.refresh');
    assert.deepEqual(other.requests.filter((request) => request.headers.authorization !== undefined), [], 'no Authorization header reached the other server');
    assert.equal(session.app.view.state, 'failed', 'still signed in, with nothing to show');
    assert.equal(session.app.view.treeView.message, undefined, 'no message: it would hide the welcome and its button');
    if (hasWorkbench()) {
      const view = await waitForRendered('why the key is not sent, without filter or search', (shown) => shown.welcome !== undefined && !shown.actions.includes('Search Contacts…'));
      assert.match(view.welcome?.paragraphs.join(' ') ?? '', /another server .* so it is not sent there/);
      assert.deepEqual(view.welcome?.buttons, ['Set API Key', 'Show Log']);
      for (const action of ['Filter Contacts…', 'Search Contacts…', 'Refresh Contacts']) assert.ok(!view.actions.includes(action), `no ${action} while the key cannot be sent: ${JSON.stringify(view.actions)}`);
    }
    const logFile = vscode.Uri.joinPath(session.app.logUri, 'Callbell.log');
    const logged = async (): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(logFile));
    await waitFor('the log to name both origins', async () => {
      const text = await logged();
      return text.includes(`checked with ${session.fake.origin}, so it is not sent to ${other.origin}`);
    });
  });

  test('setting a key for the new server uses it there; the old server then gets nothing with it', async () => {
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', other.token), true);
    await session.app.controller.refresh();
    assert.equal(session.app.view.state, 'ready');
    assert.ok(other.requests.some((request) => request.path === '/v1/contacts' && request.authorized));
    session.fake.resetRequests();
    await setSetting('callbell.apiBaseUrl', session.fake.baseUrl);
    await session.app.controller.refresh();
    assert.deepEqual(session.fake.requests.filter((request) => request.headers.authorization !== undefined), []);
    assert.equal(session.app.view.state, 'failed', 'the old server gets nothing either');
    // Back to the suite's own key and server.
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
    await session.app.controller.refresh();
    assert.equal(session.app.view.state, 'ready');
  });
});
