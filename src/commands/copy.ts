import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { multiLineCopy, oneLineCopy } from '../contacts/copyText';
import { contactLabel } from '../contacts/display';
import { type DetailLabels, formatDetails, formatFieldValue, formatJson, formatVCard, safeDashboardLink } from '../contacts/format';
import type { ContactsNode, DetailNode } from '../tree/nodes';
import { rowsOf, targetContacts, targetDetails } from './targets';

type ContactText = (contact: Contact) => string | undefined;

/**
 * The Copy submenu and Ctrl/Cmd+C on the tree. With several contacts selected each copies all of
 * them, one per line (or one block per contact for the multi-line formats).
 */
export function registerCopyCommands(context: vscode.ExtensionContext, treeView: vscode.TreeView<ContactsNode>): void {
  const labels = detailLabels();
  const copiers: [command: string, text: ContactText, separator: string][] = [
    ['callbell.copyName', (contact) => oneLineCopy(contactLabel(contact)), '\n'],
    ['callbell.copyPhoneNumber', (contact) => contact.phoneNumber && oneLineCopy(contact.phoneNumber), '\n'],
    ['callbell.copyContactId', (contact) => contact.uuid, '\n'],
    ['callbell.copyDashboardLink', (contact) => safeDashboardLink(contact.href), '\n'],
    ['callbell.copyAssignedUser', (contact) => contact.assignedUser && oneLineCopy(contact.assignedUser), '\n'],
    ['callbell.copyDetails', (contact) => formatDetails(contact, labels), '\n\n'],
    ['callbell.copyAsVCard', formatVCard, ''],
  ];
  for (const [command, text, separator] of copiers) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (clicked?: unknown, selected?: unknown) =>
        copyText(targetContacts(treeView, clicked, selected).map(text), separator),
      ),
    );
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('callbell.copyAsJson', (clicked?: unknown, selected?: unknown) => {
      const contacts = targetContacts(treeView, clicked, selected);
      // Several contacts make a JSON array, so the result stays valid JSON.
      const text = contacts.length === 1 ? formatJson(contacts[0]) : JSON.stringify(contacts.map((contact) => contact.raw), null, 2);
      return copyText(contacts.length === 0 ? [] : [text], '');
    }),
    vscode.commands.registerCommand('callbell.copyFieldValue', (clicked?: unknown, selected?: unknown) =>
      copyText(targetDetails(treeView, clicked, selected).map(copiedValue), '\n', 'values'),
    ),
    // Ctrl/Cmd+C: a detail row copies its value, a contact row its readable details.
    vscode.commands.registerCommand('callbell.copy', (clicked?: unknown, selected?: unknown) => {
      const rows = rowsOf(treeView, clicked, selected) as ContactsNode[];
      const texts = rows.map((row) => {
        if (row.type === 'detail') return copiedValue(row);
        if (row.type === 'contact') return formatDetails(row.contact, labels);
        return undefined;
      });
      const onlyValues = rows.every((row) => row.type === 'detail');
      return copyText(texts, onlyValues ? '\n' : '\n\n', onlyValues ? 'values' : 'contacts');
    }),
  );
}

/** A detail row's value as shown: only a custom field's value may keep its line breaks. */
function copiedValue(detail: DetailNode): string {
  const value = formatFieldValue(detail.value);
  return detail.field === 'customField' ? multiLineCopy(value) : oneLineCopy(value);
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

function detailLabels(): DetailLabels {
  return {
    name: vscode.l10n.t('Name'),
    phoneNumber: vscode.l10n.t('Phone'),
    source: vscode.l10n.t('Source'),
    assignedUser: vscode.l10n.t('Assigned to'),
    tags: vscode.l10n.t('Tags'),
    createdAt: vscode.l10n.t('Created'),
    dashboardLink: vscode.l10n.t('Dashboard'),
    contactId: vscode.l10n.t('Contact ID'),
    customFields: vscode.l10n.t('Custom fields'),
  };
}
