import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ContactNode } from '../../src/tree/nodes';
import { contactJson } from '../fake-server/data';
import { children, groupByLabel, labels, rootRows, rowLabel, type Session, signedInSession } from './helpers';

suite('Contacts tree with hostile data', () => {
  let session: Session;
  const hostile = [
    contactJson({ name: '$(alert) Urgent [click](command:workbench.action.quit) <img src=x onerror=alert(1)>', tags: ['$(zap) vip'], customFields: { '<b>x</b>': '[a](command:x)' } }),
    contactJson({ name: 'abc\u202Egnp.exe', tags: ['evil'] }),
    contactJson({
      name: 'Visit\u202e https://evil.example/login or www.evil\u200b.example, mail boss@evil.example\u2066',
      tags: ['evil'],
      assignedUser: 'agent@evil.example',
      customFields: { 'mailto:help@evil.example': 'see http://intranet.example/\u00adsso or xmpp:agent@chat.example' },
    }),
  ];
  suiteSetup(async () => {
    session = await signedInSession({ contacts: hostile });
  });
  suiteTeardown(() => session.dispose());

  test('labels defuse codicons and bidi overrides; tooltips escape Markdown and HTML', () => {
    const provider = session.app.view.provider;
    const labelsShown = labels(session, rootRows(session.app));
    assert.ok(labelsShown.every((label) => !label.includes('$(')), labelsShown.join(' | '));
    const rows = rootRows(session.app).flatMap((group) => children(session, group)) as ContactNode[];
    for (const row of rows) {
      const label = rowLabel(session.app, row);
      assert.ok(!label.includes('$(') && !label.includes('\u202E'), label);
      const tooltip = provider.resolveTreeItem(provider.getTreeItem(row), row).tooltip as vscode.MarkdownString;
      assert.ok(!tooltip.isTrusted && !tooltip.supportHtml);
      assert.doesNotMatch(tooltip.value, /<img|<b>|\]\(command:/, tooltip.value);
    }
  });

  test('tooltips link no URL, www. text or e-mail address, and are cleaned like the labels: no bidi control or zero-width character', () => {
    const provider = session.app.view.provider;
    const row = children(session, groupByLabel(session, 'evil')).find((node) => rowLabel(session.app, node).startsWith('Visit')) as ContactNode;
    assert.ok(row, 'the row of the contact whose name holds links');
    const { value } = provider.resolveTreeItem(provider.getTreeItem(row), row).tooltip as vscode.MarkdownString;
    // GFM links bare URLs, www. text and e-mail addresses however they are backslash-escaped.
    assert.doesNotMatch(value, /:\/\/|www\.|@|mailto:|xmpp:/i, value);
    assert.doesNotMatch(value, /[\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069]/, JSON.stringify(value));
    // As a reader sees it, the tooltip names the contact exactly as its row does, and keeps the text of every field.
    const shown = value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&nbsp;/g, ' ');
    assert.equal(/^\*\*(.*)\*\*$/m.exec(shown)?.[1], rowLabel(session.app, row));
    assert.equal(rowLabel(session.app, row), 'Visit https://evil.example/login or www.evil.example, mail boss@evil.example');
    assert.match(shown, /^- mailto:help@evil\.example: see http:\/\/intranet\.example\/sso or xmpp:agent@chat\.example$/m);
    assert.match(shown, /^- Assigned to: agent@evil\.example$/m);
  });
});
