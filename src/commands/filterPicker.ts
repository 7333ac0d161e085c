import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';
import { plainText, sourceLabel } from '../contacts/display';
import { type ContactFilter, isFiltered, tagMatchOf } from '../contacts/filter';
import { COMMANDS, type CommandId } from '../names';

type Part = 'source' | 'tags' | 'team' | 'assignee' | 'text' | 'clearAll';

interface PartItem extends vscode.QuickPickItem {
  readonly part: Part;
}

/**
 * "Filter Contacts…", the title bar's filter action: every filter in one list, each shown with its
 * value. Picking one opens its own picker; its button clears it; "Clear all filters" clears them all.
 */
export function registerFilterPickerCommand(context: vscode.ExtensionContext, controller: ContactsController): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.filter, () => pickPart(controller)));
}

const OPEN: Record<Exclude<Part, 'clearAll' | 'assignee'>, CommandId> = {
  source: COMMANDS.filterBySource,
  tags: COMMANDS.filterByTags,
  team: COMMANDS.filterByTeam,
  text: COMMANDS.filterByText,
};

function items(controller: ContactsController): PartItem[] {
  const { filter } = controller.store;
  const text = controller.model.textFilter.trim();
  const clear: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('close'), tooltip: vscode.l10n.t('Clear This Filter') };
  const item = (part: Part, icon: string, label: string, value: string | undefined, placeholder: string): PartItem => ({
    part,
    label: `$(${icon}) ${label}`,
    description: value ?? placeholder,
    buttons: value !== undefined ? [clear] : [],
  });
  const tags = (filter.tags ?? []).map((tag) => plainText(tag, 40));
  const joiner = tagMatchOf(filter) === 'any' ? ` ${vscode.l10n.t('OR')} ` : ` ${vscode.l10n.t('AND')} `;
  const result = [
    item('source', 'plug', vscode.l10n.t('Source'), filter.source !== undefined ? plainText(sourceLabel(filter.source), 40) : undefined, vscode.l10n.t('All sources')),
    item('tags', 'tag', vscode.l10n.t('Tags'), tags.length > 0 ? tags.join(joiner) : undefined, vscode.l10n.t('Any tag or none')),
    item('team', 'organization', vscode.l10n.t('Team'), filter.teamUuid !== undefined ? plainText(controller.teamName(filter.teamUuid) ?? filter.teamUuid, 40) : undefined, vscode.l10n.t('All teams')),
    ...(filter.assignedUser !== undefined ? [item('assignee', 'account', vscode.l10n.t('Assigned to'), plainText(filter.assignedUser, 40), '')] : []),
    item('text', 'list-filter', vscode.l10n.t('Text'), text !== '' ? `“${plainText(text, 40)}”` : undefined, vscode.l10n.t('No text')),
  ];
  if (isFiltered(filter) || text !== '') {
    result.push({ part: 'clearAll', label: '', kind: vscode.QuickPickItemKind.Separator }, { part: 'clearAll', label: `$(clear-all) ${vscode.l10n.t('Clear all filters')}` });
  }
  return result;
}

/** The filter without one part. */
function without(filter: ContactFilter, part: Part): ContactFilter {
  switch (part) {
    case 'source':
      return { ...filter, source: undefined };
    case 'tags':
      return { ...filter, tags: [], tagMatch: undefined };
    case 'team':
      return { ...filter, teamUuid: undefined };
    case 'assignee':
      return { ...filter, assignedUser: undefined };
    default:
      return filter;
  }
}

async function clearPart(controller: ContactsController, part: Part): Promise<void> {
  if (part === 'clearAll') await controller.clearFilters();
  else if (part === 'text') controller.model.setTextFilter('');
  else await controller.setFilter(without(controller.store.filter, part));
}

function pickPart(controller: ContactsController): Promise<void> {
  const picker = vscode.window.createQuickPick<PartItem>();
  picker.title = vscode.l10n.t('Filter Contacts');
  picker.placeholder = vscode.l10n.t('Pick a filter to change it, or clear it with its button');
  picker.items = items(controller);
  return new Promise((resolve) => {
    picker.onDidTriggerItemButton(async ({ item }) => {
      await clearPart(controller, item.part);
      picker.items = items(controller);
    });
    picker.onDidAccept(async () => {
      const [item] = picker.activeItems;
      if (!item) return;
      picker.hide();
      if (item.part === 'clearAll' || item.part === 'assignee') await clearPart(controller, item.part);
      else await vscode.commands.executeCommand(OPEN[item.part]);
      resolve();
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve();
    });
    picker.show();
  });
}
