import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallbellContactsApi } from '../../src/publicApi';
import type { TestHooks } from '../../src/extension';
import type { ContactsNode, GroupNode } from '../../src/tree/nodes';
import { FakeCallbell, type FakeCallbellOptions } from '../fake-server/server';

export const EXTENSION_ID = 'callbell-contacts.callbell-contacts';

/** The extension's public API, as another extension gets it. */
export async function publicApi(): Promise<CallbellContactsApi> {
  const extension = vscode.extensions.getExtension<CallbellContactsApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the host`);
  return extension.activate();
}

/** The live instance the commands act on, handed out only in the extension host's test mode. */
export async function activateExtension(): Promise<TestHooks> {
  const exports = (await publicApi()) as CallbellContactsApi & { testing?: TestHooks };
  assert.ok(exports.testing, 'the extension runs in test mode and hands out its test hooks');
  return exports.testing;
}

/** Polls until the condition holds; fails with the description after the timeout. */
export async function waitFor(description: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  const [section, ...rest] = key.split('.');
  await vscode.workspace.getConfiguration(section).update(rest.join('.'), value, vscode.ConfigurationTarget.Global);
}

/**
 * A fake Callbell server, the extension pointed at it and signed in with its key, the contacts
 * loaded. Each suite gets its own server and signs out at the end.
 */
export interface Session {
  readonly app: TestHooks;
  /** A test may replace the server (stopped, then started again on the same port). */
  fake: FakeCallbell;
  dispose(): Promise<void>;
}

export async function signedInSession(options: FakeCallbellOptions = {}): Promise<Session> {
  const app = await activateExtension();
  const fake = await FakeCallbell.start(options);
  await setSetting('callbell.apiBaseUrl', fake.baseUrl);
  const accepted = await vscode.commands.executeCommand<boolean>('callbell.setToken', fake.token);
  assert.equal(accepted, true, 'the fake server accepted the key');
  await app.controller.refresh();
  return {
    app,
    fake,
    async dispose(this: Session) {
      await vscode.commands.executeCommand('callbell.clearFilters');
      await vscode.commands.executeCommand('callbell.signOut', { confirmed: true });
      await setSetting('callbell.apiBaseUrl', undefined);
      await setSetting('callbell.groupBy', undefined);
      await this.fake.close();
    },
  };
}

export function rootRows(app: TestHooks): ContactsNode[] {
  return app.view.provider.getChildren();
}

export function rowLabel(app: TestHooks, node: ContactsNode): string {
  const label = app.view.provider.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export function rowDescription(app: TestHooks, node: ContactsNode): string {
  const description = app.view.provider.getTreeItem(node).description;
  return typeof description === 'string' ? description : '';
}

/** Runs `command` and returns what it put on the clipboard ("(unchanged)" when it copied nothing). */
export async function clipboardAfter(command: string, ...args: unknown[]): Promise<string> {
  await vscode.env.clipboard.writeText('(unchanged)');
  await vscode.commands.executeCommand(command, ...args);
  return vscode.env.clipboard.readText();
}

/** Records every QuickPick the extension creates, for a test to read its items; `restore` puts VS Code's back. */
export function capturePickers(): { readonly pickers: vscode.QuickPick<vscode.QuickPickItem>[]; restore(): void } {
  const window = vscode.window as { createQuickPick: typeof vscode.window.createQuickPick };
  const original = window.createQuickPick;
  const pickers: vscode.QuickPick<vscode.QuickPickItem>[] = [];
  window.createQuickPick = <T extends vscode.QuickPickItem>() => {
    const picker = original<T>();
    pickers.push(picker as unknown as vscode.QuickPick<vscode.QuickPickItem>);
    return picker;
  };
  return { pickers, restore: () => (window.createQuickPick = original) };
}

/** Replaces `env.openExternal` for a test: records what would have opened, opens nothing, answers true. */
export function stubOpenExternal(): { readonly opened: string[]; restore(): void } {
  const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
  const original = env.openExternal;
  const opened: string[] = [];
  env.openExternal = async (target: vscode.Uri) => {
    opened.push(target.toString(true));
    return true;
  };
  return { opened, restore: () => (env.openExternal = original) };
}

export function children(session: Session, node: ContactsNode): ContactsNode[] {
  return session.app.view.provider.getChildren(node);
}

export function groupByLabel(session: Session, label: string): GroupNode {
  const group = rootRows(session.app).find((row) => rowLabel(session.app, row) === label);
  assert.ok(group && group.type === 'group', `group ${label} in ${rootRows(session.app).map((row) => rowLabel(session.app, row)).join(', ')}`);
  return group;
}

export function labels(session: Session, nodes: ContactsNode[]): string[] {
  return nodes.map((node) => rowLabel(session.app, node));
}
