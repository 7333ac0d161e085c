import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountChange } from '../../src/account';
import { contactJson } from '../fake-server/data';
import { signedInSession, waitFor } from './helpers';
import { InputBoxes, Warnings } from './inputBoxes';

type Session = Awaited<ReturnType<typeof signedInSession>>;

const contacts = [contactJson({ name: 'First Server Contact', tags: ['one'] })];
const USER = { name: 'Ana Pérez', email: 'ana@example.com' };

suite('Account: who is signed in, and signing out', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts, user: USER });
  });
  suiteTeardown(async () => {
    session.app.tokens.argumentsTrusted = true;
    await session.dispose();
  });

  test('the account from /auth/me is kept with the key and announced', async () => {
    assert.deepEqual(session.app.account.user, USER);
    const changes: AccountChange[] = [];
    const subscription = session.app.account.onDidChange((change) => changes.push(change));
    try {
      session.fake.configure({ user: { name: 'Ana P.', email: USER.email } });
      assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
      assert.deepEqual(session.app.account.user, { name: 'Ana P.', email: USER.email });
      assert.ok(changes.includes('user'), changes.join(', '));
    } finally {
      subscription.dispose();
      session.fake.configure({ user: USER });
      await vscode.commands.executeCommand('callbell.setToken', session.fake.token);
    }
  });

  test('the Accounts menu shows the account by name and e-mail; the session’s access token is not the key', async () => {
    const [session0, ...more] = await session.app.authentication.getSessions();
    assert.deepEqual(more, []);
    assert.equal(session0.account.label, 'Ana Pérez (ana@example.com)');
    assert.notEqual(session0.accessToken, session.fake.token);
    assert.ok(!JSON.stringify(session0).includes(session.fake.token), 'the key is nowhere in the session');
    const accounts = await vscode.authentication.getAccounts('callbell');
    assert.deepEqual(accounts.map((account) => account.label), ['Ana Pérez (ana@example.com)'], 'VS Code lists the account');
  });

  test('an account name from Callbell cannot draw icons or links in the Accounts menu or the set-key box', async () => {
    session.fake.configure({ user: { name: '$(alert) [Support](command:workbench.action.quit)', email: 'x@example.com' } });
    const boxes = new InputBoxes();
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
      const [shown] = await session.app.authentication.getSessions();
      assert.doesNotMatch(shown.account.label, /\$\(|\[|\]\(/, shown.account.label);
      const asking = vscode.commands.executeCommand('callbell.setToken');
      const box = await boxes.shownBox();
      assert.doesNotMatch(box.prompt ?? '', /\$\(|\[|\]\(/, box.prompt);
      box.hide();
      assert.equal(await asking, false);
    } finally {
      boxes.dispose();
      session.fake.configure({ user: USER });
      await vscode.commands.executeCommand('callbell.setToken', session.fake.token);
    }
  });

  test('an e-mail address from Callbell can neither forge a line of the log nor hide characters in it', async () => {
    session.fake.configure({ user: { name: USER.name, email: 'ana@example.com\n2026-12-01 10:00:00.000 [error] Forged line\u202e' } });
    const logFile = vscode.Uri.joinPath(session.app.logUri, 'Callbell.log');
    const readLog = (): Thenable<string> => vscode.workspace.fs.readFile(logFile).then((bytes) => new TextDecoder().decode(bytes), () => '');
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
      let text = '';
      await waitFor('the sign-in line in the log', async () => (text = await readLog()).includes('Forged line'));
      assert.doesNotMatch(text, /^\S+ \S+ \[error\] Forged line/m, text);
      assert.ok(!text.includes('\u202e'), 'no bidi override in the log');
      assert.match(text, /Signed in as ana@example\.com\\n2026-12-01 10:00:00\.000 \[error\] Forged line\\u\{202e\} with http:/);
    } finally {
      session.fake.configure({ user: USER });
      await vscode.commands.executeCommand('callbell.setToken', session.fake.token);
    }
  });

  test('the set-key box: Enter on an empty box asks for a key instead of closing; a button opens the API keys page; it names the account it replaces', async () => {
    const boxes = new InputBoxes();
    try {
      const asking = vscode.commands.executeCommand('callbell.setToken');
      const box = await boxes.shownBox();
      assert.equal(box.title, 'Callbell API Key');
      assert.match(box.prompt ?? '', /^It replaces the key of Ana Pérez \(ana@example\.com\)\./);
      assert.deepEqual(box.buttons.map((button) => button.tooltip), ['Open the API keys page of the Callbell dashboard']);
      assert.equal(await boxes.enter(box, ''), 'stayed open');
      assert.match(String(box.validationMessage), /^Paste a key\./);
      assert.equal(await boxes.enter(box, '   '), 'stayed open', 'blanks are no key either');
      assert.equal(await boxes.enter(box, session.fake.token), 'closed');
      assert.equal(await asking, true);
    } finally {
      boxes.dispose();
    }
  });

  test('Sign Out asks first, saying the key cannot be recovered; dismissing keeps the key', async () => {
    const warnings = new Warnings([undefined]);
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.signOut'), false);
    } finally {
      warnings.dispose();
    }
    assert.equal(warnings.shown.length, 1);
    const [dialog] = warnings.shown;
    assert.equal(dialog.message, 'Sign out of Callbell as Ana Pérez (ana@example.com)?');
    assert.equal(dialog.options?.modal, true);
    assert.match(dialog.options?.detail ?? '', /cannot be recovered/);
    assert.deepEqual(dialog.buttons, ['Sign Out']);
    assert.ok(session.app.account.isSignedIn, 'still signed in');
  });

  test('a command argument does not confirm Sign Out for anyone but the host tests', async () => {
    session.app.tokens.argumentsTrusted = false;
    const warnings = new Warnings([undefined, 'Sign Out']);
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.signOut', { confirmed: true }), false, '{ confirmed: true } from a command URI is not consent');
      assert.ok(session.app.account.isSignedIn);
      assert.equal(await vscode.commands.executeCommand('callbell.signOut', { confirmed: true }), true);
    } finally {
      warnings.dispose();
      session.app.tokens.argumentsTrusted = true;
    }
    assert.equal(warnings.shown.length, 2);
    assert.equal(session.app.account.isSignedIn, false);
    assert.deepEqual(await session.app.authentication.getSessions(), [], 'the Accounts menu entry goes too');
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
  });

  test('a key passed as the command argument asks before it is sent anywhere (outside the host tests)', async () => {
    session.app.tokens.argumentsTrusted = false;
    session.fake.configure({ token: 'someone-elses-key-0123456789' });
    session.fake.resetRequests();
    const warnings = new Warnings([undefined, 'Use This Key']);
    try {
      assert.equal(await vscode.commands.executeCommand('callbell.setToken', 'someone-elses-key-0123456789'), false);
      assert.deepEqual(session.fake.requests, [], 'nothing was sent before the user agreed');
      assert.equal(session.app.account.user?.email, USER.email, 'the account did not change');
      assert.equal(await vscode.commands.executeCommand('callbell.setToken', 'someone-elses-key-0123456789'), true, 'used once the user agrees');
    } finally {
      warnings.dispose();
      session.app.tokens.argumentsTrusted = true;
      session.fake.configure({ token: 'test-token-0123456789abcdef' });
    }
    const [dialog] = warnings.shown;
    assert.equal(dialog.message, 'Use an API key passed by a command?');
    assert.equal(dialog.options?.modal, true);
    assert.match(dialog.options?.detail ?? '', /in place of the key of Ana Pérez \(ana@example\.com\)/);
    assert.deepEqual(dialog.buttons, ['Use This Key']);
    assert.equal(await vscode.commands.executeCommand('callbell.setToken', session.fake.token), true);
  });

  test('Sign Out in the Accounts menu signs out like the command, without asking twice', async () => {
    const sessionChanges: vscode.AuthenticationProviderAuthenticationSessionsChangeEvent[] = [];
    const subscription = session.app.authentication.onDidChangeSessions((event) => sessionChanges.push(event));
    const warnings = new Warnings([]);
    try {
      const [current] = await session.app.authentication.getSessions();
      await session.app.authentication.removeSession(current.id);
      assert.equal(session.app.account.isSignedIn, false);
      assert.equal(session.app.view.state, 'signedOut');
      assert.deepEqual(warnings.shown, [], 'VS Code’s own “Sign out of …?” was the question');
      assert.deepEqual(sessionChanges.map((event) => event.removed?.map((removed) => removed.id)), [[current.id]]);
    } finally {
      subscription.dispose();
      warnings.dispose();
    }
  });

  test('signing in from the Accounts menu is the set-key box', async () => {
    const boxes = new InputBoxes();
    try {
      const creating = session.app.authentication.createSession();
      const box = await boxes.shownBox();
      assert.equal(box.title, 'Callbell API Key');
      assert.doesNotMatch(box.prompt ?? '', /replaces/, 'signed out: no account to replace');
      await boxes.enter(box, session.fake.token);
      const created = await creating;
      assert.equal(created.account.label, 'Ana Pérez (ana@example.com)');
      assert.notEqual(created.accessToken, session.fake.token);
    } finally {
      boxes.dispose();
    }
  });
});
