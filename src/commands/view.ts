import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';
import { GROUP_BY_VALUES, type GroupBy } from '../contacts/grouping';
import { SORT_BY_VALUES, type SortBy } from '../contacts/sort';
import { settings } from '../settings';
import type { ContactsView } from '../tree/contactsView';
import type { ShowMoreNode } from '../tree/nodes';
import { COMMANDS } from '../names';

/** Refresh, grouping, order, "Show more…" and the log: what changes how the view looks, not what it holds. */
export function registerViewCommands(
  context: vscode.ExtensionContext,
  controller: ContactsController,
  view: ContactsView,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.refresh, () => controller.refresh()),
    vscode.commands.registerCommand(COMMANDS.groupBy, async (choice?: unknown) => {
      const groupBy = GROUP_BY_VALUES.includes(choice as GroupBy) ? (choice as GroupBy) : await pickGroupBy();
      if (groupBy !== undefined) await settings.setGroupBy(groupBy);
    }),
    vscode.commands.registerCommand(COMMANDS.sortBy, async (choice?: unknown) => {
      const sortBy = SORT_BY_VALUES.includes(choice as SortBy) ? (choice as SortBy) : await pickSortBy();
      if (sortBy !== undefined) await settings.setSortBy(sortBy);
    }),
    vscode.commands.registerCommand(COMMANDS.showMore, (node?: ShowMoreNode) => {
      if (node?.type === 'showMore') view.provider.showMore(node);
    }),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  );
}

async function pickGroupBy(): Promise<GroupBy | undefined> {
  const current = settings.groupBy();
  const choices: Record<GroupBy, { label: string; icon: string; detail: string }> = {
    tag: { label: vscode.l10n.t('Tag'), icon: 'tag', detail: vscode.l10n.t('One group per tag, tags differing only in case merged, plus Untagged') },
    source: { label: vscode.l10n.t('Source'), icon: 'plug', detail: vscode.l10n.t('WhatsApp, Instagram, Messenger, Telegram…') },
    assignedUser: { label: vscode.l10n.t('Assigned User'), icon: 'account', detail: vscode.l10n.t('One group per assigned user, plus Unassigned') },
    none: { label: vscode.l10n.t('None'), icon: 'list-flat', detail: vscode.l10n.t('All contacts in one list') },
  };
  const items = GROUP_BY_VALUES.map((value) => ({
    label: `$(${choices[value].icon}) ${choices[value].label}`,
    description: value === current ? vscode.l10n.t('current') : undefined,
    detail: choices[value].detail,
    value,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Group Contacts By'), placeHolder: vscode.l10n.t('How the Contacts view groups contacts') });
  return picked?.value;
}

async function pickSortBy(): Promise<SortBy | undefined> {
  const current = settings.sortBy();
  const choices: Record<SortBy, { label: string; icon: string; detail: string }> = {
    name: { label: vscode.l10n.t('Name'), icon: 'case-sensitive', detail: vscode.l10n.t('Alphabetically, accents and case ignored') },
    newest: { label: vscode.l10n.t('Newest First'), icon: 'arrow-down', detail: vscode.l10n.t('By creation date, the most recent first; contacts without a date last') },
    oldest: { label: vscode.l10n.t('Oldest First'), icon: 'arrow-up', detail: vscode.l10n.t('By creation date, the oldest first; contacts without a date last') },
  };
  const items = SORT_BY_VALUES.map((value) => ({
    label: `$(${choices[value].icon}) ${choices[value].label}`,
    description: value === current ? vscode.l10n.t('current') : undefined,
    detail: choices[value].detail,
    value,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sort Contacts By'), placeHolder: vscode.l10n.t('The order of contacts in the Contacts view') });
  return picked?.value;
}
