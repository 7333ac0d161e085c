import * as vscode from 'vscode';
import { CallbellAccount } from './account';
import { CallbellAuthenticationProvider } from './authentication';
import { ContactsCache } from './cache';
import { parseStoredFilter, sameFilter } from './contacts/filter';
import { registerCopyCommands } from './commands/copy';
import { registerExportCommands } from './commands/export';
import { registerFilterCommands } from './commands/filter';
import { registerFilterPickerCommand } from './commands/filterPicker';
import { registerInsertCommand } from './commands/insert';
import { registerOpenCommands } from './commands/open';
import { registerSearchCommands } from './commands/search';
import { registerShowCommand } from './commands/show';
import { registerTeamFilterCommand } from './commands/teamFilter';
import { registerTextFilterCommand } from './commands/textFilter';
import { registerTokenCommands, type TokenCommands } from './commands/token';
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
  readonly cacheDirectory: string | undefined;
  readonly account: CallbellAccount;
  readonly tokens: TokenCommands;
  readonly authentication: CallbellAuthenticationProvider;
  /** The extension's log folder, where the "Callbell" output channel is written. */
  readonly logUri: vscode.Uri;
}

export async function activate(context: vscode.ExtensionContext): Promise<CallbellContactsApi> {
  const log = createLog();
  const account = new CallbellAccount(context.secrets, log);
  // Avatars and the contacts cache live on disk where the extension host runs; other storage schemes go without.
  const storage = context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined;
  const cacheDirectory = storage ? `${storage}/contacts-cache` : undefined;
  const cache = cacheDirectory ? new ContactsCache({ directory: cacheDirectory, secrets: context.secrets, log: (message) => log.info(message), sameFilter: (stored, wanted) => sameFilter(parseStoredFilter(stored), parseStoredFilter(wanted)) }) : undefined;
  const controller = new ContactsController(account, context.workspaceState, log, cache);
  const avatarDirectory = storage ? `${storage}/avatars` : undefined;
  const view = new ContactsView(account, controller, avatarDirectory, context.extensionMode === vscode.ExtensionMode.Test);
  context.subscriptions.push(log, account, controller, view);
  const documents = new ContactDocumentProvider(controller.model);
  context.subscriptions.push(documents, new ContactHoverProvider(controller.model));

  const tokens = registerTokenCommands(context, account, log);
  registerViewCommands(context, controller, view, log);
  registerFilterCommands(context, controller);
  registerFilterPickerCommand(context, controller);
  registerTeamFilterCommand(context, controller);
  registerTextFilterCommand(context, controller);
  registerExportCommands(context, controller, view.treeView, log);
  registerSearchCommands(context, controller, view, account, log);
  registerOpenCommands(context, view.treeView, log, controller.model);
  registerCopyCommands(context, view.treeView, controller.model);
  registerShowCommand(context, view.treeView, controller.model, documents);
  registerInsertCommand(context, controller, account, log);

  await account.initialize();
  // After the key is read, so the Accounts menu's first question gets the real answer.
  const authentication = new CallbellAuthenticationProvider(account, tokens);
  context.subscriptions.push(authentication);
  void controller.warmStart();
  const api = createPublicApi(context, controller);
  context.subscriptions.push(api);
  // The host tests drive the real instance; no other extension ever sees these objects.
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const testing: TestHooks = { controller, view, cacheDirectory, account, tokens, authentication, logUri: context.logUri };
    return { ...api.exports, testing } as CallbellContactsApi;
  }
  return api.exports;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
