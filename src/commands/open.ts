import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { contactLabel, logText, notificationText } from '../contacts/display';
import { DASHBOARD_HOST, checkDashboardLink } from '../contacts/links';
import type { ContactsModel } from '../contacts/model';
import type { ContactsNode } from '../tree/nodes';
import { targetContacts } from './targets';
import { COMMANDS } from '../names';

/**
 * More links than this at once ask first: each opens a browser tab, and a selection of a whole group
 * would open dozens.
 */
export const OPEN_WITHOUT_ASKING = 3;

interface OpenKind {
  readonly link: (contact: Contact) => string | undefined;
  /** The confirmation's question for `count` links. */
  readonly question: (count: number) => string;
}

/**
 * "Open in Callbell" and "Open Conversation": only https links to the dashboard are ever opened.
 * With several contacts selected each opens its own link, as the Explorer opens every selected file.
 */
export function registerOpenCommands(context: vscode.ExtensionContext, treeView: vscode.TreeView<ContactsNode>, log: vscode.LogOutputChannel, model: ContactsModel): void {
  const register = (command: string, kind: OpenKind) =>
    vscode.commands.registerCommand(command, async (clicked?: unknown, selected?: unknown) => {
      const contacts = targetContacts(treeView, clicked, selected, model);
      if (contacts.length > 1) return openEach(contacts, kind, log);
      return contacts.length === 1 ? openDashboardLink(contacts[0], kind.link(contacts[0]), log) : false;
    });
  context.subscriptions.push(
    register(COMMANDS.openInCallbell, {
      link: (contact) => contact.href,
      question: (count) => vscode.l10n.t('Open {0} contacts in Callbell?', count),
    }),
    register(COMMANDS.openConversation, {
      link: (contact) => contact.conversationHref,
      question: (count) => vscode.l10n.t('Open {0} conversations in Callbell?', count),
    }),
  );
}

/** Opens the link when it is safe; otherwise says why not. Resolves to whether it was opened. */
export async function openDashboardLink(contact: Contact, href: string | undefined, log: vscode.LogOutputChannel): Promise<boolean> {
  const check = checkDashboardLink(href);
  if (!check.ok) {
    logRefusal(contact, check.reason, href, log);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The link for “{0}” was not opened: Callbell Contacts only opens https links on {1}.', notificationText(contactLabel(contact)), DASHBOARD_HOST),
    );
    return false;
  }
  return openUrl(check.url);
}

/**
 * The links of several contacts, one browser tab each, after a confirmation when there are many.
 * Links that cannot be opened are logged one by one and reported in one warning. Resolves to whether
 * every contact's link was opened.
 */
async function openEach(contacts: readonly Contact[], kind: OpenKind, log: vscode.LogOutputChannel): Promise<boolean> {
  const urls: string[] = [];
  for (const contact of contacts) {
    const href = kind.link(contact);
    const check = checkDashboardLink(href);
    if (check.ok) urls.push(check.url);
    else logRefusal(contact, check.reason, href, log);
  }
  if (urls.length > OPEN_WITHOUT_ASKING) {
    const open = vscode.l10n.t('Open {0} Tabs', urls.length);
    const answer = await vscode.window.showWarningMessage(kind.question(urls.length), { modal: true, detail: vscode.l10n.t('Each opens in a browser tab of its own.') }, open);
    if (answer !== open) return false;
  }
  let opened = 0;
  for (const url of urls) if (await openUrl(url)) opened++;
  const notOpened = contacts.length - urls.length;
  if (notOpened > 0) {
    void vscode.window.showWarningMessage(
      notOpened === 1
        ? vscode.l10n.t('1 of {0} contacts was not opened: its link is missing or not an https link on {1}.', contacts.length, DASHBOARD_HOST)
        : vscode.l10n.t('{0} of {1} contacts were not opened: their links are missing or not https links on {2}.', notOpened, contacts.length, DASHBOARD_HOST),
    );
  }
  return opened === contacts.length;
}

function logRefusal(contact: Contact, reason: string, href: string | undefined, log: vscode.LogOutputChannel): void {
  log.warn(`Refused to open a link of contact ${logText(contact.uuid)} (${logText(reason)}): “${logText(href ?? '')}”`);
}

function openUrl(url: string): Thenable<boolean> {
  // `true` keeps VS Code from re-decoding the URL, which could turn %-escapes into other characters.
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
}
