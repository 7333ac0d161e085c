import * as vscode from 'vscode';
import type { CallbellAccount } from '../account';
import type { Contact } from '../api/contact';
import type { ContactsController } from '../contactsController';
import { contactLabel, notificationText, plainText } from '../contacts/display';
import { COMMANDS } from '../names';
import type { ContactsView } from '../tree/contactsView';
import { type ContactButton, pickContact } from './contactPicker';
import { pickCopy } from './copy';
import { type LookupOutcome, lookUpPhone } from './phoneLookup';

type ContactAction = 'open' | 'copyDetails' | 'conversation' | 'copy' | 'reveal' | 'show';

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
 * "Search Contacts…": a picker over every loaded contact. Enter does a result's primary action (Open
 * in Callbell, or Copy Details when it has no dashboard link); the buttons of its row do the others.
 * It loads the contacts itself when the view was never opened. An optional argument pre-fills the
 * query. A typed phone number that no loaded contact has can be looked up on Callbell, and the
 * contact Callbell returns gets a picker of its actions.
 */
export function registerSearchCommands(
  context: vscode.ExtensionContext,
  controller: ContactsController,
  view: ContactsView,
  account: CallbellAccount,
  log: vscode.LogOutputChannel,
): void {
  const { model } = controller;
  const primaryAction = (contact: Contact): ContactAction => (model.capabilities(contact).hasHref ? 'open' : 'copyDetails');
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.searchContacts, async (query?: unknown): Promise<SearchResult | undefined> => {
      const picked = await pickContact<ContactAction>(controller, {
        title: vscode.l10n.t('Search Contacts'),
        initialQuery: typeof query === 'string' ? query : '',
        offerPhoneLookup: true,
        buttons: (contact) => rowButtons(controller, contact, primaryAction(contact)),
      });
      if (!picked) return undefined;
      if (picked.kind === 'contact') {
        const action = picked.action ?? primaryAction(picked.contact);
        await runAction(picked.contact, action);
        return { uuid: picked.contact.uuid, action };
      }
      const outcome = await lookUpPhone(account, picked.phone, log);
      if (outcome.outcome !== 'found') return { lookup: outcome.outcome };
      const action = await pickAction(controller, outcome.contact);
      await runAction(outcome.contact, action);
      return { uuid: outcome.contact.uuid, action, lookup: 'found' };
    }),
    vscode.commands.registerCommand(COMMANDS.revealContact, async (contact?: unknown) => {
      // A row or a contact from search, or the uuid alone from a hover's link.
      const uuid = typeof contact === 'string' ? contact : (contact as { uuid?: unknown } | undefined)?.uuid;
      if (typeof uuid !== 'string') return;
      await controller.ensureLoaded();
      const found = model.findByUuid(uuid);
      if (!found) return;
      let node = view.provider.findContactNode(uuid);
      // Asked for by name, the contact is shown even when the text filter hid it.
      if (!node && model.textFilter !== '') {
        model.setTextFilter('');
        node = view.provider.findContactNode(uuid);
      }
      if (!node) {
        const clear = vscode.l10n.t('Clear Filters');
        const choice = await vscode.window.showInformationMessage(vscode.l10n.t('The filter hides {0}.', notificationText(contactLabel(found), 60)), clear);
        if (choice !== clear) return;
        await controller.clearFilters();
        node = view.provider.findContactNode(uuid);
      }
      if (node) await view.treeView.reveal(node, { select: true, focus: true, expand: false });
    }),
  );
}

/** Every action but the primary one, in the order of the action picker. */
function rowButtons(controller: ContactsController, contact: Contact, primary: ContactAction): ContactButton<ContactAction>[] {
  const button = (action: ContactAction, icon: string, tooltip: string): ContactButton<ContactAction> => ({ action, iconPath: new vscode.ThemeIcon(icon), tooltip });
  const buttons: ContactButton<ContactAction>[] = [];
  if (controller.model.capabilities(contact).hasConversation) buttons.push(button('conversation', 'comment-discussion', vscode.l10n.t('Open Conversation')));
  if (primary !== 'copyDetails') buttons.push(button('copyDetails', 'copy', vscode.l10n.t('Copy Details')));
  buttons.push(
    button('copy', 'clippy', vscode.l10n.t('Copy…')),
    button('show', 'preview', vscode.l10n.t('Show Contact')),
    button('reveal', 'list-tree', vscode.l10n.t('Reveal in Sidebar')),
  );
  return buttons;
}

async function runAction(contact: Contact, action: ContactAction | undefined): Promise<void> {
  switch (action) {
    case 'open':
      await vscode.commands.executeCommand(COMMANDS.openInCallbell, contact);
      break;
    case 'copyDetails':
      await vscode.commands.executeCommand(COMMANDS.copyDetails, contact);
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

/** The actions of a contact Callbell returned for a typed number (it has no row to put buttons on). */
async function pickAction(controller: ContactsController, contact: Contact): Promise<ContactAction | undefined> {
  const capabilities = controller.model.capabilities(contact);
  const items: ActionItem[] = [];
  if (capabilities.hasHref) items.push({ label: `$(link-external) ${vscode.l10n.t('Open in Callbell')}`, action: 'open' });
  if (capabilities.hasConversation) items.push({ label: `$(comment-discussion) ${vscode.l10n.t('Open Conversation')}`, action: 'conversation' });
  items.push({ label: `$(copy) ${vscode.l10n.t('Copy Details')}`, action: 'copyDetails' });
  items.push({ label: `$(clippy) ${vscode.l10n.t('Copy…')}`, action: 'copy' });
  // A looked-up contact that is not loaded has no row to reveal.
  if (controller.model.findByUuid(contact.uuid)) items.push({ label: `$(list-tree) ${vscode.l10n.t('Reveal in Sidebar')}`, action: 'reveal' });
  items.push({ label: `$(preview) ${vscode.l10n.t('Show Contact')}`, action: 'show' });
  const picked = await vscode.window.showQuickPick(items, { title: actionTitle(contact), placeHolder: vscode.l10n.t('What do you want to do?') });
  return picked?.action;
}

/** The contact's name and what tells namesakes apart: its phone number, else the start of its uuid. */
function actionTitle(contact: Contact): string {
  const label = plainText(contactLabel(contact), 60);
  const phone = plainText(contact.phoneNumber ?? '', 30);
  const other = phone !== '' && phone !== label ? phone : contact.uuid.slice(0, 8);
  return `${label} · ${other}`;
}
