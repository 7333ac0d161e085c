import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import type { ContactsController } from '../contactsController';
import { contactLabel, plainText } from '../contacts/display';
import { type FieldFormat, type FieldId, contactFields } from '../contacts/fields';
import { localFieldFormat } from '../fieldFormat';
import { COMMANDS } from '../names';
import type { ContactsView } from '../tree/contactsView';
import { pickCopy } from './copy';
import { livePick } from './livePick';

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
  const { model } = controller;
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.searchContacts, async (query?: unknown) => {
      const contact = await pickContact(controller, typeof query === 'string' ? query : '');
      if (!contact) return undefined;
      const action = await pickAction(controller, contact);
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
      }
      return { uuid: contact.uuid, action };
    }),
    vscode.commands.registerCommand(COMMANDS.revealContact, async (contact?: unknown) => {
      const uuid = (contact as { uuid?: unknown } | undefined)?.uuid;
      if (typeof uuid !== 'string') return;
      await controller.ensureLoaded();
      if (!model.findByUuid(uuid)) return;
      const node = view.provider.findContactNode(uuid);
      if (node) await view.treeView.reveal(node, { select: true, focus: true, expand: false });
    }),
  );
}

async function pickContact(controller: ContactsController, initialQuery: string): Promise<Contact | undefined> {
  const format = localFieldFormat();
  const [picked] =
    (await livePick<ContactItem>(controller, {
      title: vscode.l10n.t('Search Contacts'),
      placeholder: vscode.l10n.t('Name, phone digits, tag, assigned user, custom field or ID'),
      initialValue: initialQuery,
      searchesItself: true,
      emptyMessage: vscode.l10n.t('No loaded contact matches. Try digits of a phone number, a tag or a custom field value.'),
      items: (query) => controller.model.searchIndex.search(query, MAX_RESULTS).map((contact) => toItem(contact, format)),
    })) ?? [];
  return picked?.contact;
}

/** Fields of the table shown under each result: tags and source as they are, the states with their labels. */
const RESULT_FIELDS: ReadonlySet<FieldId> = new Set(['tags', 'source', 'blockedAt', 'conversation']);
const UNLABELLED_FIELDS: ReadonlySet<FieldId> = new Set(['tags', 'source']);

function toItem(contact: Contact, format: FieldFormat): ContactItem {
  const details = contactFields(contact, format)
    .filter((field) => RESULT_FIELDS.has(field.id))
    .map((field) => (UNLABELLED_FIELDS.has(field.id) ? field.display : `${field.label}: ${field.display}`));
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

async function pickAction(controller: ContactsController, contact: Contact): Promise<ContactAction | undefined> {
  const capabilities = controller.model.capabilities(contact);
  const items: ActionItem[] = [];
  if (capabilities.hasHref) items.push({ label: `$(link-external) ${vscode.l10n.t('Open in Callbell')}`, action: 'open' });
  if (capabilities.hasConversation) items.push({ label: `$(comment-discussion) ${vscode.l10n.t('Open Conversation')}`, action: 'conversation' });
  items.push(
    { label: `$(copy) ${vscode.l10n.t('Copy…')}`, action: 'copy' },
    { label: `$(list-tree) ${vscode.l10n.t('Reveal in Sidebar')}`, action: 'reveal' },
  );
  const picked = await vscode.window.showQuickPick(items, { title: plainText(contactLabel(contact), 80), placeHolder: vscode.l10n.t('What do you want to do?') });
  return picked?.action;
}
