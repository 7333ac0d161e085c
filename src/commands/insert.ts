import * as vscode from 'vscode';
import type { CallbellAccount } from '../account';
import type { Contact } from '../api/contact';
import type { ContactsController } from '../contactsController';
import { oneLineCopy } from '../contacts/copyText';
import { contactLabel, plainText } from '../contacts/display';
import { formatDetails, formatJson } from '../contacts/format';
import { safeDashboardLink } from '../contacts/links';
import { type FieldFormat } from '../contacts/fields';
import { localFieldFormat } from '../fieldFormat';
import { COMMANDS } from '../names';
import { pickContact } from './contactPicker';
import { lookUpPhone } from './phoneLookup';

/** What "Insert Contact…" can write into the editor. */
export const INSERT_FORMATS = ['id', 'name', 'phoneNumber', 'dashboardLink', 'json', 'details'] as const;
export type InsertFormat = (typeof INSERT_FORMATS)[number];

function textOf(contact: Contact, format: InsertFormat, fieldFormat: FieldFormat): string | undefined {
  switch (format) {
    case 'id':
      return contact.uuid;
    // What lands in a file is what the row shows: no hidden controls, bidi overrides or line breaks.
    case 'name':
      return oneLineCopy(contactLabel(contact));
    case 'phoneNumber':
      return (contact.phoneNumber && oneLineCopy(contact.phoneNumber)) || undefined;
    case 'dashboardLink':
      return safeDashboardLink(contact.href);
    case 'json':
      return formatJson(contact);
    case 'details':
      return formatDetails(contact, fieldFormat);
  }
}

function formatLabel(format: InsertFormat): string {
  switch (format) {
    case 'id':
      return vscode.l10n.t('Contact ID');
    case 'name':
      return vscode.l10n.t('Name');
    case 'phoneNumber':
      return vscode.l10n.t('Phone Number');
    case 'dashboardLink':
      return vscode.l10n.t('Dashboard Link');
    case 'json':
      return vscode.l10n.t('JSON');
    case 'details':
      return vscode.l10n.t('Details');
  }
}

/**
 * "Insert Contact…": pick a contact (the search picker, phone lookup included), then what of it to
 * insert; the text replaces every selection of the active editor in one edit, so one undo takes it
 * back. Arguments (a uuid and a format) skip the pickers. Resolves to the inserted text.
 */
export function registerInsertCommand(context: vscode.ExtensionContext, controller: ContactsController, account: CallbellAccount, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.insertContact, async (uuid?: unknown, format?: unknown): Promise<string | undefined> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a text editor to insert a contact into.'));
        return undefined;
      }
      const contact = typeof uuid === 'string' ? controller.model.findByUuid(uuid) : await chooseContact(controller, account, log);
      if (!contact) return undefined;
      const fieldFormat = localFieldFormat();
      const chosen = isInsertFormat(format) ? format : await chooseFormat(contact, fieldFormat);
      const text = chosen && textOf(contact, chosen, fieldFormat);
      if (!text) return undefined;
      // One builder for every selection: a single undo step, whatever the number of cursors.
      const applied = await editor.edit((builder) => {
        for (const selection of editor.selections) builder.replace(selection, text);
      });
      return applied ? text : undefined;
    }),
  );
}

function isInsertFormat(value: unknown): value is InsertFormat {
  return typeof value === 'string' && (INSERT_FORMATS as readonly string[]).includes(value);
}

async function chooseContact(controller: ContactsController, account: CallbellAccount, log: vscode.LogOutputChannel): Promise<Contact | undefined> {
  const picked = await pickContact(controller, { title: vscode.l10n.t('Insert Contact'), offerPhoneLookup: true });
  if (picked?.kind !== 'lookup') return picked?.contact;
  const outcome = await lookUpPhone(account, picked.phone, log);
  return outcome.outcome === 'found' ? outcome.contact : undefined;
}

async function chooseFormat(contact: Contact, fieldFormat: FieldFormat): Promise<InsertFormat | undefined> {
  const items = INSERT_FORMATS.flatMap((format) => {
    const text = textOf(contact, format, fieldFormat);
    // Each choice shows what it will insert; one with nothing to insert is not offered.
    return text ? [{ label: formatLabel(format), description: plainText(text, 60), format }] : [];
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Insert from {0}', plainText(contactLabel(contact), 60)),
    placeHolder: vscode.l10n.t('What to insert'),
  });
  return picked?.format;
}
