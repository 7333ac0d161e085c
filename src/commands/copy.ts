import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { fieldCopy, oneLineCopy } from '../contacts/copyText';
import { contactLabel, plainText } from '../contacts/display';
import { type FieldFormat, contactFields } from '../contacts/fields';
import { formatDetails, formatJson, formatVCard } from '../contacts/format';
import { safeDashboardLink } from '../contacts/links';
import type { ContactsModel } from '../contacts/model';
import { localFieldFormat } from '../fieldFormat';
import { COMMANDS, type CommandId } from '../names';
import type { ContactsNode } from '../tree/nodes';
import { rowsOf, targetContacts, targetDetails, targetGroupContacts } from './targets';

type ContactText = (contact: Contact) => string | undefined;

/**
 * The Copy submenu and Ctrl/Cmd+C on the tree. With several contacts selected each copies all of
 * them, one per line (or one block per contact for the multi-line formats).
 */
export function registerCopyCommands(context: vscode.ExtensionContext, treeView: vscode.TreeView<ContactsNode>, model: ContactsModel): void {
  const format = localFieldFormat();
  const copiers: [command: CommandId, text: ContactText, separator: string][] = [
    [COMMANDS.copyName, (contact) => oneLineCopy(contactLabel(contact)), '\n'],
    [COMMANDS.copyPhoneNumber, (contact) => contact.phoneNumber && oneLineCopy(contact.phoneNumber), '\n'],
    [COMMANDS.copyContactId, (contact) => contact.uuid, '\n'],
    [COMMANDS.copyDashboardLink, (contact) => safeDashboardLink(contact.href), '\n'],
    [COMMANDS.copyAssignedUser, (contact) => contact.assignedUser && oneLineCopy(contact.assignedUser), '\n'],
    [COMMANDS.copyDetails, (contact) => formatDetails(contact, format), '\n\n'],
    [COMMANDS.copyAsVCard, formatVCard, ''],
  ];
  for (const [command, text, separator] of copiers) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (clicked?: unknown, selected?: unknown) =>
        copyText(targetContacts(treeView, clicked, selected, model).map(text), separator),
      ),
    );
  }
  // Group rows copy every contact of the group, however many rows it shows.
  const groupCopiers: [command: CommandId, text: ContactText, separator: string][] = [
    [COMMANDS.copyGroupNames, (contact) => oneLineCopy(contactLabel(contact)), '\n'],
    [COMMANDS.copyGroupPhoneNumbers, (contact) => contact.phoneNumber && oneLineCopy(contact.phoneNumber), '\n'],
    [COMMANDS.copyGroupVCards, formatVCard, ''],
  ];
  for (const [command, text, separator] of groupCopiers) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (clicked?: unknown, selected?: unknown) =>
        copyText(targetGroupContacts(treeView, clicked, selected).map(text), separator),
      ),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.copyAsJson, (clicked?: unknown, selected?: unknown) => {
      const contacts = targetContacts(treeView, clicked, selected, model);
      // Several contacts make a JSON array, so the result stays valid JSON.
      const text = contacts.length === 1 ? formatJson(contacts[0]) : JSON.stringify(contacts.map((contact) => contact.raw), null, 2);
      return copyText(contacts.length === 0 ? [] : [text], '');
    }),
    // "Copy…" from a hover (the uuid alone) or a row: the picker of what to copy.
    vscode.commands.registerCommand(COMMANDS.copyContact, async (clicked?: unknown) => {
      const [contact] = targetContacts(treeView, clicked, undefined, model);
      if (contact) await pickCopy(contact, format);
    }),
    vscode.commands.registerCommand(COMMANDS.copyFieldValue, (clicked?: unknown, selected?: unknown) =>
      copyText(targetDetails(treeView, clicked, selected).map((row) => fieldCopy(row.field)), '\n', 'values'),
    ),
    // Ctrl/Cmd+C: a detail row copies its value as shown, a contact row its readable details.
    vscode.commands.registerCommand(COMMANDS.copy, (clicked?: unknown, selected?: unknown) => {
      const rows = rowsOf(treeView, clicked, selected) as ContactsNode[];
      const texts = rows.map((row) => {
        if (row.type === 'detail') return fieldCopy(row.field);
        if (row.type === 'contact') return formatDetails(row.contact, format);
        return undefined;
      });
      const onlyValues = rows.every((row) => row.type === 'detail');
      return copyText(texts, onlyValues ? '\n' : '\n\n', onlyValues ? 'values' : 'contacts');
    }),
  );
}

/**
 * "Copy…" for one contact: every field of the table that has a copy command of its own, showing the
 * value it will copy, then the whole-contact formats.
 */
export async function pickCopy(contact: Contact, format: FieldFormat = localFieldFormat()): Promise<void> {
  const fields = contactFields(contact, format).filter((field) => field.copyCommand !== undefined);
  const choices: (vscode.QuickPickItem & { command: CommandId })[] = [
    ...fields.map((field) => ({ label: field.label, description: plainText(field.display, 60), command: field.copyCommand as CommandId })),
    { label: vscode.l10n.t('Details'), command: COMMANDS.copyDetails },
    { label: vscode.l10n.t('As JSON'), command: COMMANDS.copyAsJson },
    { label: vscode.l10n.t('As vCard'), command: COMMANDS.copyAsVCard },
  ];
  const picked = await vscode.window.showQuickPick(choices, {
    title: vscode.l10n.t('Copy from {0}', plainText(contactLabel(contact), 60)),
    placeHolder: vscode.l10n.t('What to copy'),
  });
  if (picked) await vscode.commands.executeCommand(picked.command, contact);
}

/** Resolves to the copied text, or undefined when there was nothing to copy. */
async function copyText(texts: (string | undefined)[], separator: string, what: 'contacts' | 'values' = 'contacts'): Promise<string | undefined> {
  const present = texts.filter((text): text is string => text !== undefined && text !== '');
  if (present.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(info) Nothing to copy'), 3000);
    return undefined;
  }
  const text = present.join(separator);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(
    present.length === 1
      ? vscode.l10n.t('$(check) Copied to the clipboard')
      : what === 'contacts'
        ? vscode.l10n.t('$(check) Copied {0} contacts to the clipboard', present.length)
        : vscode.l10n.t('$(check) Copied {0} values to the clipboard', present.length),
    3000,
  );
  return text;
}
