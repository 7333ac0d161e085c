/** The workbench bridge itself: what it says of dialogs, and that it answers nothing without its token. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clickDialogButton, hasWorkbench, renderedDialog } from './workbench';

suite('Workbench bridge', function () {
  suiteSetup(function () {
    if (!hasWorkbench()) this.skip();
  });

  test('modal dialogs: the workbench refuses them while it runs extension tests, so none is drawn', async () => {
    // VS Code's DialogService skips every dialog when the window runs extension tests (a development
    // path and a tests path), so a modal message rejects instead of waiting for an answer. Tests of a
    // confirmation answer it by replacing window.showWarningMessage; this test notices if that changes.
    const answer = vscode.window.showWarningMessage('Sign out of Callbell?', { modal: true, detail: 'The key is removed.' }, 'Sign Out');
    await assert.rejects(Promise.resolve(answer), /refused to show dialog in tests/);
    assert.equal(await renderedDialog(), undefined);
    await assert.rejects(clickDialogButton('Sign Out'), /no dialog button “Sign Out”; there are: none/);
  });

  test('answers only at its token, and only its named queries', async () => {
    const address = process.env.CALLBELL_TEST_WORKBENCH ?? '';
    const wrongToken = address.replace(/[0-9a-f]+$/, (token) => token.replace(/./g, '0'));
    assert.equal((await fetch(`${wrongToken}/dialog`, { method: 'POST', body: '{}' })).status, 404);
    assert.equal((await fetch(`${address}/evaluate`, { method: 'POST', body: '{"script":"1"}' })).status, 404);
    assert.equal((await fetch(`${address}/dialog`)).status, 404, 'POST only');
    assert.equal((await fetch(`${address}/view`, { method: 'POST', body: '{}' })).status, 400, 'a query missing its argument');
  });
});
