import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';
import { GROUP_BY_VALUES, type GroupBy } from '../contacts/grouping';
import { settings } from '../settings';
import type { ContactsView } from '../tree/contactsView';
import type { ShowMoreNode } from '../tree/nodes';

/** Refresh, grouping, "Show more…" and the log: what changes how the view looks, not what it holds. */
export function registerViewCommands(
  context: vscode.ExtensionContext,
  controller: ContactsController,
  view: ContactsView,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('callbell.refresh', () => controller.refresh()),
    vscode.commands.registerCommand('callbell.groupBy', async (choice?: unknown) => {
      const groupBy = GROUP_BY_VALUES.includes(choice as GroupBy) ? (choice as GroupBy) : await pickGroupBy();
      if (groupBy !== undefined) await settings.setGroupBy(groupBy);
    }),
    vscode.commands.registerCommand('callbell.showMore', (node?: ShowMoreNode) => {
      if (node?.type === 'showMore') view.provider.showMore(node);
    }),
    vscode.commands.registerCommand('callbell.showLog', () => log.show()),
  );
}

async function pickGroupBy(): Promise<GroupBy | undefined> {
  const current = settings.groupBy();
  const labels: Record<GroupBy, string> = {
    tag: vscode.l10n.t('Tag'),
    source: vscode.l10n.t('Source'),
    assignedUser: vscode.l10n.t('Assigned User'),
    none: vscode.l10n.t('None'),
  };
  const items = GROUP_BY_VALUES.map((value) => ({
    label: labels[value],
    value,
    description: value === current ? vscode.l10n.t('current') : undefined,
    picked: value === current,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Group Contacts By') });
  return picked?.value;
}
