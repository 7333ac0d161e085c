import * as vscode from 'vscode';
import { CallbellAccount } from './account';
import { registerCopyCommands } from './commands/copy';
import { registerExportCommands } from './commands/export';
import { registerFilterCommands } from './commands/filter';
import { registerFilterPickerCommand } from './commands/filterPicker';
import { registerOpenCommands } from './commands/open';
import { registerSearchCommands } from './commands/search';
import { registerTeamFilterCommand } from './commands/teamFilter';
import { registerTextFilterCommand } from './commands/textFilter';
import { registerTokenCommands } from './commands/token';
import { registerViewCommands } from './commands/view';
import { ContactsController } from './contactsController';
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

  registerTokenCommands(context, account, log);
  registerViewCommands(context, controller, view, log);
  registerFilterCommands(context, controller);
  registerFilterPickerCommand(context, controller);
  registerTeamFilterCommand(context, controller);
  registerTextFilterCommand(context, controller);
  registerExportCommands(context, controller, view.treeView, log);
  registerSearchCommands(context, controller, view);
  registerOpenCommands(context, view.treeView, log);
  registerCopyCommands(context, view.treeView);

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
