import * as vscode from 'vscode';
import type { FieldFormat, FieldLabels } from './contacts/fields';

/**
 * The field table's words and dates in the user's language: one instance serves the tree, the
 * tooltips, the copies and every other surface that shows a contact's fields.
 */
export function localFieldFormat(): FieldFormat {
  const labels: FieldLabels = {
    name: vscode.l10n.t('Name'),
    phoneNumber: vscode.l10n.t('Phone'),
    source: vscode.l10n.t('Source'),
    assignedUser: vscode.l10n.t('Assigned to'),
    createdAt: vscode.l10n.t('Created'),
    blockedAt: vscode.l10n.t('Blocked since'),
    conversation: vscode.l10n.t('Conversation'),
    conversationOpen: vscode.l10n.t('Open'),
    conversationClosedOn: vscode.l10n.t('Closed on {0}', '{0}'),
    conversationClosed: vscode.l10n.t('Closed'),
    tags: vscode.l10n.t('Tags'),
    dashboardLink: vscode.l10n.t('Dashboard'),
    contactId: vscode.l10n.t('Contact ID'),
    customFields: vscode.l10n.t('Custom fields'),
  };
  const dates = new Intl.DateTimeFormat(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
  return { labels, formatDate: (date) => dates.format(date) };
}
