import * as vscode from 'vscode';
import { CallbellAccount } from './account';
import { registerCopyCommands } from './commands/copy';
import { registerFilterCommands } from './commands/filter';
import { registerInsertCommand } from './commands/insert';
import { registerOpenCommands } from './commands/open';
import { registerSearchCommands } from './commands/search';
import { registerShowCommand } from './commands/show';
import { registerTokenCommands } from './commands/token';
import { registerViewCommands } from './commands/view';
import { ContactsController } from './contactsController';
import { ContactDocumentProvider } from './document/contactDocument';
import { ContactHoverProvider } from './hovers/contactHoverProvider';
import { createLog } from './log';
import { type CallbellContactsApi, createPublicApi } from './publicApi';
import { ContactsView } from './tree/contactsView';

/** The live pieces, for the host tests only: handed out when the extension host runs in test mode. */
export interface TestHooks {
  readonly controller: ContactsController;
  readonly view: ContactsView;
}

export async function activate(context: vscode.ExtensionContext): Promise<CallbellContactsApi> {
  const log = createLog();
  const account = new CallbellAccount(context.secrets, log);
  const controller = new ContactsController(account, context.workspaceState, log);
  // Avatars are cached on disk where the extension host runs; other storage schemes go without.
  const avatarDirectory = context.globalStorageUri.scheme === 'file' ? `${context.globalStorageUri.fsPath}/avatars` : undefined;
  const view = new ContactsView(account, controller, avatarDirectory);
  context.subscriptions.push(log, account, controller, view);
  const documents = new ContactDocumentProvider(controller.model);
  context.subscriptions.push(documents, new ContactHoverProvider(controller.model));

  registerTokenCommands(context, account, log);
  registerViewCommands(context, controller, view, log);
  registerFilterCommands(context, controller);
  registerSearchCommands(context, controller, view, account, log);
  registerOpenCommands(context, view.treeView, log, controller.model);
  registerCopyCommands(context, view.treeView, controller.model);
  registerShowCommand(context, view.treeView, controller.model, documents);
  registerInsertCommand(context, controller, account, log);

  await account.initialize();
  const api = createPublicApi(context, controller);
  context.subscriptions.push(api);
  // The host tests drive the real instance; no other extension ever sees these objects.
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const testing: TestHooks = { controller, view };
    return { ...api.exports, testing } as CallbellContactsApi;
  }
  return api.exports;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
