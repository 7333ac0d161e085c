/** Contacts and helpers shared by the editor suites: hovers, insert, the contact card, phone lookup. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contactJson, type ContactJson } from '../fake-server/data';
import { type signedInSession, waitFor } from './helpers';

export type Session = Awaited<ReturnType<typeof signedInSession>>;

export const ana = contactJson({
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
export const evil = contactJson({
  uuid: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0',
  name: '[Click](https://evil.example) <img src=x onerror=alert(1)> [run](command:workbench.action.quit) $(alert) https://bare.example www.evil.example',
  phoneNumber: '+33 6 12 34 56 78',
  source: '<b>whatsapp</b>',
  tags: ['[t](command:callbell.signOut)', 'mail evil@example.com', '![i](https://evil.example/i.png)'],
  assignedUser: 'boss@evil.example',
  customFields: { '[x](https://evil.example)': 'http://evil.example' },
});
export const contacts: ContactJson[] = [ana, evil];

/** Markdown from data writes its punctuation as numeric entities; this is the text a reader sees. */
export function decoded(markdown: string): string {
  return markdown.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

export function ours(hovers: vscode.Hover[]): vscode.MarkdownString[] {
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
export async function probedDocument(content: string, language = 'plaintext'): Promise<(target: string, offset?: number) => Promise<vscode.MarkdownString[]>> {
  const document = await vscode.workspace.openTextDocument({ content: `${content}\n${String(ana.uuid)}`, language });
  const hoversAt = async (position: vscode.Position) => ours(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position));
  await waitFor('the provider to answer on the new document', async () => (await hoversAt(new vscode.Position(document.lineCount - 1, 3))).length === 1);
  return (target, offset = 1) => {
    const index = content.indexOf(target);
    assert.ok(index >= 0, `${target} is in the document`);
    return hoversAt(document.positionAt(index + offset));
  };
}

export async function ourHovers(content: string, target: string, offset = 1, language = 'plaintext'): Promise<vscode.MarkdownString[]> {
  return (await probedDocument(content, language))(target, offset);
}

/** The command links of a hover, parsed: id and arguments. */
export function commandLinks(markdown: vscode.MarkdownString): { command: string; args: unknown[] }[] {
  return [...markdown.value.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)].map((match) => ({ command: match[1], args: JSON.parse(decodeURIComponent(match[2])) as unknown[] }));
}

export async function run(link: { command: string; args: unknown[] }): Promise<unknown> {
  return vscode.commands.executeCommand(link.command, ...link.args);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Replaces a `vscode.window` function for the duration of `body`, recording the messages. */
export async function capturing<T>(name: 'showInformationMessage' | 'showErrorMessage', body: (messages: string[]) => Promise<T>): Promise<T> {
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

let scratchCount = 0;

/**
 * An editor on a new untitled document of `content`, under a name of its own: a closed "Untitled-1"
 * can come back from openTextDocument with its old text while VS Code is still letting go of it.
 */
export async function scratchEditor(content: string): Promise<vscode.TextEditor> {
  scratchCount += 1;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `callbell-scratch-${Date.now()}-${scratchCount}.txt` }));
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), content));
  assert.equal(document.getText(), content);
  return editor;
}
