import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContactsNode, GroupNode } from '../../src/tree/nodes';
import { contactJson, type ContactJson } from '../fake-server/data';
import { capturePickers, rootRows, rowDescription, rowLabel, signedInSession, waitFor } from './helpers';

type Session = Awaited<ReturnType<typeof signedInSession>>;

const people = (tag: string, count: number, source: string): ContactJson[] =>
  Array.from({ length: count }, (_, i) => contactJson({ name: `${tag} ${source} ${String(i).padStart(2, '0')}`, tags: [tag], source }));

// Three pages of 20 in this order. Page 1 has mostly "LEAD"; the account mostly "Lead"; Instagram only "lead".
const page1 = [...people('LEAD', 12, 'telegram'), ...people('Lead', 8, 'whatsapp')];
const later = [...people('Lead', 25, 'whatsapp'), ...people('lead', 15, 'instagram')];
const contacts = [...page1, ...later];

function leadRow(session: Session): GroupNode | undefined {
  return rootRows(session.app).find((row): row is GroupNode => row.type === 'group' && row.group.id === 'tag:lead');
}

function leadLabel(session: Session): string {
  const row = leadRow(session);
  assert.ok(row, `a lead group among ${rootRows(session.app).map((r: ContactsNode) => rowLabel(session.app, r)).join(', ')}`);
  return rowLabel(session.app, row);
}

suite('Tag spellings', () => {
  let session: Session;
  suiteSetup(async () => {
    session = await signedInSession({ contacts });
  });
  suiteTeardown(() => session.dispose());

  test('a merged tag keeps the spelling it was first shown with while pages arrive, under a filter, after a refresh, in the picker and its filter', async () => {
    const { app, fake } = session;
    // A first load again, from nothing: pages 2 and 3 take their time, so page 1 shows alone first.
    await vscode.commands.executeCommand('callbell.signOut');
    for (const page of [2, 3]) fake.addFault({ kind: 'slowBody', page, delayMs: 3000 });
    assert.equal(await vscode.commands.executeCommand<boolean>('callbell.setToken', fake.token), true);
    const loading = app.controller.refresh();
    await waitFor('page 1 in the tree', () => leadRow(session) !== undefined);
    assert.equal(app.controller.store.isLoading, true, 'pages 2 and 3 are still on their way');
    assert.equal(leadLabel(session), 'LEAD', 'page 1 has "LEAD" ×12, "Lead" ×8');
    await loading;
    fake.clearFaults();
    assert.equal(leadLabel(session), 'LEAD', 'the account has "Lead" ×33 now, but the row does not rename itself');
    assert.equal(rowDescription(app, leadRow(session) as GroupNode), String(contacts.length));

    await vscode.commands.executeCommand('callbell.filterBySource', 'instagram');
    assert.equal(leadLabel(session), 'LEAD', 'Instagram has "lead" only');
    assert.equal(rowDescription(app, leadRow(session) as GroupNode), '15');
    await app.controller.refresh();
    assert.equal(leadLabel(session), 'LEAD', 'after a refresh');
    await vscode.commands.executeCommand('callbell.filterBySource', null);
    await app.controller.refresh();
    assert.equal(leadLabel(session), 'LEAD', 'after a refresh of the whole account');

    // The tag picker lists the tag as the row spells it.
    const { pickers, restore } = capturePickers();
    try {
      const pending = vscode.commands.executeCommand('callbell.filterByTags');
      await waitFor('the tag picker to list the tags', () => (pickers[0]?.items.length ?? 0) > 0);
      assert.deepEqual(pickers[0].items.map((item) => item.label), ['LEAD']);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await pending;
    } finally {
      restore();
    }

    // “Filter to This Group” filters to that spelling, which matches every spelling.
    await vscode.commands.executeCommand('callbell.filterToGroup', leadRow(session));
    assert.deepEqual(app.controller.store.filter.tags, ['LEAD']);
    assert.equal(leadLabel(session), 'LEAD');
    assert.equal(rowDescription(app, leadRow(session) as GroupNode), String(contacts.length));
  });
});
