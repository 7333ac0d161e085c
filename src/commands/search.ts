import * as vscode from 'vscode';
import type { CallbellAccount } from '../account';
import type { Contact } from '../api/contact';
import type { ContactsController } from '../contactsController';
import { contactLabel, plainText } from '../contacts/display';
import { COMMANDS } from '../names';
import type { ContactsView } from '../tree/contactsView';
import { pickContact } from './contactPicker';
import { pickCopy } from './copy';
import { type LookupOutcome, lookUpPhone } from './phoneLookup';

type ContactAction = 'open' | 'conversation' | 'copy' | 'reveal' | 'show';

interface ActionItem extends vscode.QuickPickItem {
  readonly action: ContactAction;
}

/** What "Search Contacts…" resolves to, for its callers (keybindings ignore it; tests read it). */
export interface SearchResult {
  readonly uuid?: string;
  readonly action?: ContactAction;
  /** Set when the user asked Callbell for a typed phone number. */
  readonly lookup?: LookupOutcome['outcome'];
}

/**
 * "Search Contacts…": a picker over every loaded contact, then the picked contact's actions. It
 * loads the contacts itself when the view was never opened. An optional argument pre-fills the query.
 * A typed phone number that no loaded contact has can be looked up on Callbell.
 */
export function registerSearchCommands(
  context: vscode.ExtensionContext,
  controller: ContactsController,
  view: ContactsView,
  account: CallbellAccount,
  log: vscode.LogOutputChannel,
): void {
  const { model } = controller;
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.searchContacts, async (query?: unknown): Promise<SearchResult | undefined> => {
      const picked = await pickContact(controller, { title: vscode.l10n.t('Search Contacts'), initialQuery: typeof query === 'string' ? query : '', offerPhoneLookup: true });
      if (!picked) return undefined;
      let contact: Contact;
      let lookup: SearchResult['lookup'];
      if (picked.kind === 'lookup') {
        const outcome = await lookUpPhone(account, picked.phone, log);
        if (outcome.outcome !== 'found') return { lookup: outcome.outcome };
        contact = outcome.contact;
        lookup = 'found';
      } else {
        contact = picked.contact;
      }
      const action = await pickAction(controller, contact);
      await runAction(contact, action);
      return { uuid: contact.uuid, action, lookup };
    }),
    vscode.commands.registerCommand(COMMANDS.revealContact, async (contact?: unknown) => {
      // A row or a contact from search, or the uuid alone from a hover's link.
      const uuid = typeof contact === 'string' ? contact : (contact as { uuid?: unknown } | undefined)?.uuid;
      if (typeof uuid !== 'string') return;
      await controller.ensureLoaded();
      if (!model.findByUuid(uuid)) return;
      const node = view.provider.findContactNode(uuid);
      if (node) await view.treeView.reveal(node, { select: true, focus: true, expand: false });
    }),
  );
}

async function runAction(contact: Contact, action: ContactAction | undefined): Promise<void> {
  switch (action) {
    case 'open':
      await vscode.commands.executeCommand(COMMANDS.openInCallbell, contact);
      break;
    case 'conversation':
      await vscode.commands.executeCommand(COMMANDS.openConversation, contact);
      break;
    case 'copy':
      await pickCopy(contact);
      break;
    case 'reveal':
      await vscode.commands.executeCommand(COMMANDS.revealContact, contact);
      break;
    case 'show':
      await vscode.commands.executeCommand(COMMANDS.showContact, contact);
      break;
  }
}

async function pickAction(controller: ContactsController, contact: Contact): Promise<ContactAction | undefined> {
  const capabilities = controller.model.capabilities(contact);
  const items: ActionItem[] = [];
  if (capabilities.hasHref) items.push({ label: `$(link-external) ${vscode.l10n.t('Open in Callbell')}`, action: 'open' });
  if (capabilities.hasConversation) items.push({ label: `$(comment-discussion) ${vscode.l10n.t('Open Conversation')}`, action: 'conversation' });
  items.push({ label: `$(copy) ${vscode.l10n.t('Copy…')}`, action: 'copy' });
  // A looked-up contact that is not loaded has no row to reveal.
  if (controller.model.findByUuid(contact.uuid)) items.push({ label: `$(list-tree) ${vscode.l10n.t('Reveal in Sidebar')}`, action: 'reveal' });
  items.push({ label: `$(preview) ${vscode.l10n.t('Show Contact')}`, action: 'show' });
  const picked = await vscode.window.showQuickPick(items, { title: plainText(contactLabel(contact), 80), placeHolder: vscode.l10n.t('What do you want to do?') });
  return picked?.action;
}
