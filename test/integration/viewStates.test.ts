/**
 * Each state of the Contacts view as the user sees it: what the workbench draws (the message above the
 * tree, the welcome content and its buttons, the rows, the title-bar actions), read from the page
 * through the runner's workbench bridge. VS Code hides welcome content while a message is set, so a
 * state shows one or the other, never a message over an empty tree.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contactJson, generateContacts, type ContactJson } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { activateExtension, setSetting, signedInSession, type Session } from './helpers';
import { clickWelcomeButton, hasWorkbench, waitForRendered, type RenderedView } from './workbench';

/** The actions that need contacts or a key that may load them. */
const CONTACT_ACTIONS = ['Filter by Text…', 'Filter Contacts…', 'Search Contacts…', 'Refresh Contacts'];

function assertNoContactActions(view: RenderedView, state: string): void {
  assert.deepEqual(view.actions.filter((label) => CONTACT_ACTIONS.includes(label)), [], `no filter, search or refresh while ${state}`);
}

suite('Rendered view: signed out', function () {
  suiteSetup(function () {
    if (!hasWorkbench()) this.skip();
  });

  test('signed out: the welcome content asks for a key, with no message and no filter, search or refresh', async () => {
    const app = await activateExtension();
    assert.equal(app.view.state, 'signedOut', 'the suites before this one signed out');
    const view = await waitForRendered('the signed-out welcome', (shown) => shown.welcome !== undefined);
    assert.equal(view.message, undefined);
    assert.match(view.welcome?.paragraphs[0] ?? '', /Connect your Callbell account/);
    assert.equal(view.welcome?.buttons.length, 1, 'one button: set the key');
    assertNoContactActions(view, 'signed out');
  });
});

suite('Rendered view states', function () {
  let session: Session;
  const contacts: ContactJson[] = [
    contactJson({ name: 'Ana', tags: ['Lead'], source: 'whatsapp' }),
    contactJson({ name: 'Bea', tags: ['Lead', 'vip'], source: 'instagram' }),
    contactJson({ name: 'Carla', tags: ['vip'], source: 'whatsapp' }),
    contactJson({ name: 'Dora', tags: [], source: 'whatsapp' }),
  ];

  suiteSetup(async function () {
    if (!hasWorkbench()) this.skip();
    session = await signedInSession({ contacts });
  });
  suiteTeardown(async () => {
    if (!session) return;
    session.fake.configure({ latencyMs: 0, pageLimit: 500 });
    await session.dispose();
  });
  teardown(async () => {
    session.fake.clearFaults();
    session.fake.configure({ latencyMs: 0, pageLimit: 500 });
    session.fake.setContacts(contacts);
    await vscode.commands.executeCommand('callbell.clearFilters');
    await setSetting('callbell.groupBy', undefined);
    await session.app.controller.refresh();
  });

  test('loaded: one status line says how many, how narrowed and how grouped, above the rows', async () => {
    let view = await waitForRendered('the status line over the groups', (shown) => shown.message === 'Test Agent · 4 contacts · by tag' && shown.rows.length === 3);
    assert.equal(view.welcome, undefined);
    assert.deepEqual(view.rows.map((row) => `${row.label} ${row.description}`), ['Lead 2', 'vip 2', 'Untagged 1']);
    for (const action of CONTACT_ACTIONS) assert.ok(view.actions.includes(action), `${action} in ${JSON.stringify(view.actions)}`);

    await vscode.commands.executeCommand('callbell.filterBySource', 'whatsapp');
    await vscode.commands.executeCommand('callbell.filterByTags', ['Lead']);
    view = await waitForRendered('the filter in the status line', (shown) => shown.message === 'Test Agent · WhatsApp · tags: Lead · 1 of 4 contacts · by tag');
    await vscode.commands.executeCommand('callbell.clearFilters');
    await setSetting('callbell.groupBy', 'none');
    view = await waitForRendered('no grouping', (shown) => shown.message === 'Test Agent · 4 contacts' && shown.rows.length === 4);
    assert.deepEqual(view.rows.map((row) => row.label), ['Ana', 'Bea', 'Carla', 'Dora']);
  });

  test('a first load that fails: the reason and Retry and Show Log in the welcome content, no message; Retry recovers', async () => {
    session.app.controller.store.clear();
    session.fake.addFault({ kind: 'status', status: 503 });
    await session.app.controller.refresh();
    assert.equal(session.app.view.state, 'failed');
    const view = await waitForRendered('the failure welcome', (shown) => shown.welcome !== undefined);
    assert.equal(view.message, undefined, 'a message would hide the welcome content');
    assert.deepEqual(view.welcome?.paragraphs, ['Callbell had a problem answering. Try again later.']);
    assert.deepEqual(view.welcome?.buttons, ['Retry', 'Show Log']);
    assert.equal(view.rows.length, 0);

    session.fake.clearFaults();
    await clickWelcomeButton('Retry');
    const loaded = await waitForRendered('the contacts after Retry', (shown) => shown.rows.length === 3);
    assert.equal(loaded.message, 'Test Agent · 4 contacts · by tag');
    assert.equal(loaded.welcome, undefined);
  });

  test('the failure welcome words the reason from the error: a refused key, an unreachable server', async () => {
    session.app.controller.store.clear();
    session.fake.addFault({ kind: 'status', status: 403 });
    await session.app.controller.refresh();
    let view = await waitForRendered('the 403 welcome', (shown) => shown.welcome !== undefined);
    assert.deepEqual(view.welcome?.paragraphs, ['This API key may not list contacts (403). Check its permissions in the Callbell dashboard.']);
    session.fake.clearFaults();

    // The key's own server, stopped: another port would be another origin, which the key never goes to.
    const port = Number(new URL(session.fake.baseUrl).port);
    await session.fake.close();
    try {
      session.app.controller.store.clear();
      await session.app.controller.refresh();
      view = await waitForRendered('the network welcome', (shown) => /reach/.test(shown.welcome?.paragraphs.join(' ') ?? ''));
      assert.deepEqual(view.welcome?.paragraphs, ['Could not reach Callbell. Check the network connection; behind a company proxy, the “http.proxy” setting.']);
      assert.deepEqual(view.welcome?.buttons, ['Retry', 'Show Log']);
      assert.equal(view.message, undefined);
    } finally {
      session.fake = await FakeCallbell.start({ contacts, port });
      await session.app.controller.refresh();
    }
  });

  test('a filter that matches nothing: Clear Filters in the welcome content, no message; clicking it brings the contacts back', async () => {
    await vscode.commands.executeCommand('callbell.filterBySource', 'telegram');
    assert.equal(session.app.view.state, 'empty');
    const view = await waitForRendered('the no-match welcome', (shown) => shown.welcome !== undefined);
    assert.equal(view.message, undefined);
    assert.deepEqual(view.welcome?.paragraphs, ['No contact matches the filter.']);
    assert.deepEqual(view.welcome?.buttons, ['Clear Filters', 'Change the Filter…']);

    await clickWelcomeButton('Clear Filters');
    const back = await waitForRendered('the contacts again', (shown) => shown.message === 'Test Agent · 4 contacts · by tag' && shown.rows.length === 3);
    assert.equal(back.welcome, undefined);
    assert.equal(session.app.controller.store.filter.source, undefined);

    // The text filter, which never asks the server, ends in the same state.
    await vscode.commands.executeCommand('callbell.filterByText', 'zzz');
    const none = await waitForRendered('the no-match welcome for a text', (shown) => shown.welcome !== undefined);
    assert.deepEqual(none.welcome?.buttons, ['Clear Filters', 'Change the Filter…']);
    assert.equal(none.message, undefined);
  });

  /** Nothing loaded and Callbell answering 401: the view asks for a new key. */
  async function rejectKey(): Promise<RenderedView> {
    session.app.controller.store.clear();
    session.fake.addFault({ kind: 'status', status: 401 });
    await session.app.controller.refresh();
    assert.equal(session.app.view.state, 'tokenRejected');
    return waitForRendered('the rejected-key welcome', (shown) => shown.welcome !== undefined && shown.actions.length > 0);
  }

  test('a rejected key: its welcome content, no message, and no filter, search or refresh', async () => {
    const rejected = await rejectKey();
    assert.equal(rejected.message, undefined);
    assert.match(rejected.welcome?.paragraphs.join(' ') ?? '', /rejected/);
    assertNoContactActions(rejected, 'the key is rejected');
  });

  test('a good key after a rejected one: the load’s progress with its total, never the old rejection', async () => {
    await rejectKey();
    session.fake.clearFaults();
    session.fake.setContacts(generateContacts(2_000, { seed: 9 }));
    session.fake.configure({ latencyMs: 500 });
    const messages = new Set<string>();
    const setting = vscode.commands.executeCommand('callbell.setToken', session.fake.token);
    const loading = await waitForRendered('the load’s progress with its total', (shown) => {
      if (shown.message !== undefined) messages.add(shown.message);
      return /^Loading contacts… [\d,]+ of about 2,000$/.test(shown.message ?? '');
    }, 20_000);
    assert.ok(loading.rows.length > 0, 'the contacts fill in below');
    await setting;
    await waitForRendered('the loaded contacts', (shown) => {
      if (shown.message !== undefined) messages.add(shown.message);
      return shown.message === 'Test Agent · 2,000 contacts · by tag';
    }, 20_000);
    assert.deepEqual([...messages].filter((message) => /rejected/i.test(message)), [], `messages seen: ${JSON.stringify([...messages])}`);
  });

  test('a listing cut at Callbell’s page limit: “N of about M” in one short line, group counts marked as partial', async () => {
    // 15 pages of 20 announced; the server refuses pages above 5, as Callbell above 500.
    session.fake.setContacts(generateContacts(300, { seed: 4 }).map((contact) => ({ ...contact, tags: ['Partial'] })));
    session.fake.configure({ pageLimit: 5 });
    await session.app.controller.refresh();
    const view = await waitForRendered('the partial listing', (shown) => shown.message === 'Test Agent · 100 of about 300 contacts · by tag' && shown.rows.length === 1);
    assert.equal(view.welcome, undefined);
    assert.deepEqual(view.rows.map((row) => [row.label, row.description, row.ariaLabel]), [['Partial', '100+', 'Partial, at least 100 contacts']]);

    // Nothing matching in a partial listing is still “no match”, with its way out.
    await vscode.commands.executeCommand('callbell.filterByText', 'zzz');
    const none = await waitForRendered('the no-match welcome over a partial listing', (shown) => shown.welcome !== undefined);
    assert.equal(none.message, undefined);
    assert.deepEqual(none.welcome?.buttons, ['Clear Filters', 'Change the Filter…']);
  });
});
