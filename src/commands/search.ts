import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import type { ContactsController } from '../contactsController';
import { contactLabel, plainText, sourceLabel } from '../contacts/display';
import { ContactSearchIndex } from '../contacts/search';
import { livePick } from './livePick';
import { contactContextValue } from '../tree/contactsTreeProvider';
import type { ContactsView } from '../tree/contactsView';

/** Rows shown per keystroke: more is never read, and fewer keep typing smooth at 10,000 contacts. */
const MAX_RESULTS = 200;

interface ContactItem extends vscode.QuickPickItem {
  readonly key: string;
  readonly contact: Contact;
}

type ContactAction = 'open' | 'conversation' | 'copy' | 'reveal';

interface ActionItem extends vscode.QuickPickItem {
  readonly action: ContactAction;
}

/**
 * "Search Contacts…": a picker over every loaded contact, then the picked contact's actions. It
 * loads the contacts itself when the view was never opened. An optional argument pre-fills the query.
 */
export function registerSearchCommands(context: vscode.ExtensionContext, controller: ContactsController, view: ContactsView): void {
  let index: { version: number; search: ContactSearchIndex } | undefined;
  const searchIndex = (): ContactSearchIndex => {
    const { store } = controller;
    // Built over the sorted list, so results (and the list before anything is typed) read alphabetically.
    if (index?.version !== store.version) index = { version: store.version, search: new ContactSearchIndex(view.provider.sortedContacts()) };
    return index.search;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('callbell.searchContacts', async (query?: unknown) => {
      const contact = await pickContact(controller, searchIndex, typeof query === 'string' ? query : '');
      if (!contact) return undefined;
      const action = await pickAction(contact);
      switch (action) {
        case 'open':
          await vscode.commands.executeCommand('callbell.openInCallbell', contact);
          break;
        case 'conversation':
          await vscode.commands.executeCommand('callbell.openConversation', contact);
          break;
        case 'copy':
          await pickCopy(contact);
          break;
        case 'reveal':
          await vscode.commands.executeCommand('callbell.revealContact', contact);
          break;
      }
      return { uuid: contact.uuid, action };
    }),
    vscode.commands.registerCommand('callbell.revealContact', async (contact?: Contact) => {
      if (typeof contact?.uuid !== 'string') return;
      await controller.ensureLoaded();
      const node = view.provider.findContactNode(contact.uuid);
      if (node) await view.treeView.reveal(node, { select: true, focus: true, expand: false });
    }),
  );
}

async function pickContact(controller: ContactsController, searchIndex: () => ContactSearchIndex, initialQuery: string): Promise<Contact | undefined> {
  const [picked] =
    (await livePick<ContactItem>(controller, {
      title: vscode.l10n.t('Search Contacts'),
      placeholder: vscode.l10n.t('Name, phone digits, tag, assigned user, custom field or ID'),
      initialValue: initialQuery,
      searchesItself: true,
      emptyMessage: vscode.l10n.t('No loaded contact matches. Try digits of a phone number, a tag or a custom field value.'),
      items: (query) => searchIndex().search(query, MAX_RESULTS).map(toItem),
    })) ?? [];
  return picked?.contact;
}

function toItem(contact: Contact): ContactItem {
  const details = [contact.tags.join(', '), contact.source ? sourceLabel(contact.source) : ''].filter((part) => part !== '');
  return {
    key: contact.uuid,
    label: plainText(contactLabel(contact)),
    description: plainText(contact.phoneNumber ?? ''),
    detail: plainText(details.join(' · ')),
    // The index already matched fields the picker cannot see (custom fields, digits): keep its result.
    alwaysShow: true,
    contact,
  };
}

async function pickAction(contact: Contact): Promise<ContactAction | undefined> {
  const items: ActionItem[] = [];
  const tokens = contactContextValue(contact).split(' ');
  if (tokens.includes('hasHref')) items.push({ label: `$(link-external) ${vscode.l10n.t('Open in Callbell')}`, action: 'open' });
  if (tokens.includes('hasConversation')) {
    items.push({ label: `$(comment-discussion) ${vscode.l10n.t('Open Conversation')}`, action: 'conversation' });
  }
  items.push(
    { label: `$(copy) ${vscode.l10n.t('Copy…')}`, action: 'copy' },
    { label: `$(list-tree) ${vscode.l10n.t('Reveal in Sidebar')}`, action: 'reveal' },
  );
  const picked = await vscode.window.showQuickPick(items, { title: plainText(contactLabel(contact), 80), placeHolder: vscode.l10n.t('What do you want to do?') });
  return picked?.action;
}

async function pickCopy(contact: Contact): Promise<void> {
  // The same tokens that decide the tree's Copy submenu.
  const tokens = contactContextValue(contact).split(' ');
  // Single values show what will be copied.
  const choices: (vscode.QuickPickItem & { command: string; available: boolean })[] = [
    { label: vscode.l10n.t('Name'), description: plainText(contactLabel(contact), 60), command: 'callbell.copyName', available: true },
    { label: vscode.l10n.t('Phone Number'), description: plainText(contact.phoneNumber ?? '', 60), command: 'callbell.copyPhoneNumber', available: tokens.includes('hasPhone') },
    { label: vscode.l10n.t('Contact ID'), description: plainText(contact.uuid, 60), command: 'callbell.copyContactId', available: true },
    { label: vscode.l10n.t('Dashboard Link'), command: 'callbell.copyDashboardLink', available: tokens.includes('hasHref') },
    { label: vscode.l10n.t('Assigned User'), description: plainText(contact.assignedUser ?? '', 60), command: 'callbell.copyAssignedUser', available: tokens.includes('hasAssignedUser') },
    { label: vscode.l10n.t('Details'), command: 'callbell.copyDetails', available: true },
    { label: vscode.l10n.t('As JSON'), command: 'callbell.copyAsJson', available: true },
    { label: vscode.l10n.t('As vCard'), command: 'callbell.copyAsVCard', available: true },
  ];
  const picked = await vscode.window.showQuickPick(
    choices.filter((choice) => choice.available),
    { title: vscode.l10n.t('Copy from {0}', plainText(contactLabel(contact), 60)), placeHolder: vscode.l10n.t('What to copy') },
  );
  if (picked) await vscode.commands.executeCommand(picked.command, contact);
}
