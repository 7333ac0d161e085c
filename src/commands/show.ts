import * as vscode from 'vscode';
import type { ContactsModel } from '../contacts/model';
import type { ContactDocumentProvider } from '../document/contactDocument';
import { COMMANDS } from '../names';
import type { ContactsNode } from '../tree/nodes';
import { targetContacts } from './targets';

/**
 * "Show Contact": the contact card, from a row (inline and context menu), the search picker's
 * actions or a hover's link (the uuid alone). Resolves to the card's URI.
 */
export function registerShowCommand(context: vscode.ExtensionContext, treeView: vscode.TreeView<ContactsNode>, model: ContactsModel, documents: ContactDocumentProvider): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showContact, async (clicked?: unknown): Promise<string | undefined> => {
      const [contact] = targetContacts(treeView, clicked, undefined, model);
      if (!contact) return undefined;
      const editor = await documents.show(contact);
      return editor.document.uri.toString();
    }),
  );
}
