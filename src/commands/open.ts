import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { contactLabel, logText, notificationText } from '../contacts/display';
import { DASHBOARD_HOST, checkDashboardLink } from '../contacts/links';
import type { ContactsModel } from '../contacts/model';
import type { ContactsNode } from '../tree/nodes';
import { targetContacts } from './targets';
import { COMMANDS } from '../names';

/** "Open in Callbell" and "Open Conversation": only https links to the dashboard are ever opened. */
export function registerOpenCommands(context: vscode.ExtensionContext, treeView: vscode.TreeView<ContactsNode>, log: vscode.LogOutputChannel, model: ContactsModel): void {
  const register = (command: string, link: (contact: Contact) => string | undefined) =>
    vscode.commands.registerCommand(command, async (clicked?: unknown) => {
      const [contact] = targetContacts(treeView, clicked, undefined, model);
      return contact ? openDashboardLink(contact, link(contact), log) : false;
    });
  context.subscriptions.push(
    register(COMMANDS.openInCallbell, (contact) => contact.href),
    register(COMMANDS.openConversation, (contact) => contact.conversationHref),
  );
}

/** Opens the link when it is safe; otherwise says why not. Resolves to whether it was opened. */
export async function openDashboardLink(contact: Contact, href: string | undefined, log: vscode.LogOutputChannel): Promise<boolean> {
  const check = checkDashboardLink(href);
  if (!check.ok) {
    log.warn(`Refused to open a link of contact ${logText(contact.uuid)} (${logText(check.reason)}): “${logText(href ?? '')}”`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The link for “{0}” was not opened: Callbell Contacts only opens https links on {1}.', notificationText(contactLabel(contact)), DASHBOARD_HOST),
    );
    return false;
  }
  // `true` keeps VS Code from re-decoding the URL, which could turn %-escapes into other characters.
  return vscode.env.openExternal(vscode.Uri.parse(check.url, true));
}
