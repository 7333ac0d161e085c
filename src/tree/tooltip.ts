import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { contactLabel, parseDate, sourceLabel } from '../contacts/display';
import { formatFieldValue } from '../contacts/format';

const MAX_VALUE_LENGTH = 300;

/**
 * The hover of a contact row. Everything from the API goes through `appendText`, which escapes
 * Markdown; the string is neither trusted nor allowed HTML or theme icons, so data cannot run
 * commands, load images or draw icons.
 */
export function buildContactTooltip(contact: Contact, formatDate: (date: Date) => string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString('', false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.appendMarkdown('**');
  tooltip.appendText(shorten(contactLabel(contact)));
  tooltip.appendMarkdown('**\n\n');

  const line = (label: string, value: string | undefined): void => {
    if (value === undefined || value === '') return;
    tooltip.appendMarkdown('- ');
    tooltip.appendText(`${label}: ${shorten(value)}`);
    tooltip.appendMarkdown('\n');
  };
  line(vscode.l10n.t('Phone'), contact.phoneNumber);
  line(vscode.l10n.t('Source'), contact.source && sourceLabel(contact.source));
  line(vscode.l10n.t('Tags'), contact.tags.join(', '));
  line(vscode.l10n.t('Assigned to'), contact.assignedUser);
  for (const [key, value] of Object.entries(contact.customFields)) line(key, formatFieldValue(value));
  const created = parseDate(contact.createdAt);
  line(vscode.l10n.t('Created'), created ? formatDate(created) : contact.createdAt);
  return tooltip;
}

/**
 * One line, bounded, and with `&` and `<` written as entities: `appendText` escapes Markdown but not
 * HTML, which the renderer drops anyway without `supportHtml`; entities make the text show as typed.
 */
function shorten(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  const short = oneLine.length > MAX_VALUE_LENGTH ? `${oneLine.slice(0, MAX_VALUE_LENGTH)}…` : oneLine;
  return short.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
