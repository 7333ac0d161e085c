import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';
import { KNOWN_SOURCES, plainText, sourceKey, sourceLabel, tagKey } from '../contacts/display';
import type { ContactFilter, TagMatch } from '../contacts/filter';
import type { GroupNode } from '../tree/nodes';
import { livePick } from './livePick';
import { COMMANDS } from '../names';

/**
 * Source and tags filters, clearing them, and "Filter to This Group". They apply at once to the
 * loaded contacts when those hold every contact the filter can match; otherwise the server is asked
 * (`source=`, `tags=`, `team_uuid=`) and the store re-checks locally. A command argument skips the
 * picker (keybindings, tests).
 */
export function registerFilterCommands(context: vscode.ExtensionContext, controller: ContactsController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.filterBySource, async (source?: unknown) => {
      const chosen = typeof source === 'string' || source === null ? source : await pickSource(controller);
      if (chosen === undefined) return;
      await controller.setFilter({ ...controller.store.filter, source: chosen === null || chosen === '' ? undefined : chosen });
    }),
    vscode.commands.registerCommand(COMMANDS.filterByTags, async (tags?: unknown, match?: unknown) => {
      const chosen = Array.isArray(tags)
        ? { tags: tags.filter((tag): tag is string => typeof tag === 'string'), tagMatch: match === 'any' ? ('any' as const) : ('all' as const) }
        : await pickTags(controller);
      if (chosen === undefined) return;
      await controller.setFilter(withTags(controller.store.filter, chosen.tags, chosen.tagMatch));
    }),
    vscode.commands.registerCommand(COMMANDS.clearFilters, () => controller.clearFilters()),
    vscode.commands.registerCommand(COMMANDS.filterToGroup, async (node?: unknown) => {
      const filter = groupFilter(controller.store.filter, node);
      if (filter) await controller.setFilter(filter);
    }),
  );
}

function withTags(filter: ContactFilter, tags: readonly string[], tagMatch: TagMatch): ContactFilter {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { tagMatch: _previous, ...rest } = filter;
  return tagMatch === 'any' ? { ...rest, tags, tagMatch } : { ...rest, tags };
}

/** The filter that shows only a named group's contacts: its tag, its source or its assignee. */
function groupFilter(current: ContactFilter, node: unknown): ContactFilter | undefined {
  const group = (node as GroupNode | undefined)?.type === 'group' ? (node as GroupNode).group : undefined;
  if (!group || group.kind !== 'named') return undefined;
  if (group.id.startsWith('tag:')) return withTags(current, [group.label], 'all');
  if (group.id.startsWith('source:')) return { ...current, source: group.id.slice('source:'.length) };
  if (group.id.startsWith('user:')) return { ...current, assignedUser: group.label };
  return undefined;
}

interface SourceItem extends vscode.QuickPickItem {
  readonly key: string;
  readonly source: string | null;
}

/** Resolves to a source, `null` for "all sources", or undefined when dismissed. */
async function pickSource(controller: ContactsController): Promise<string | null | undefined> {
  const current = controller.store.filter.source;
  const mark = (selected: boolean, label: string): string => (selected ? `$(check) ${label}` : `$(blank) ${label}`);
  const [picked] =
    (await livePick<SourceItem>(controller, {
      title: vscode.l10n.t('Filter Contacts by Source'),
      placeholder: vscode.l10n.t('Show contacts from one source'),
      items: () => {
        const counts = controller.model.sourceCounts();
        const keys = [...new Set([...KNOWN_SOURCES, ...counts.keys(), ...(current !== undefined ? [sourceKey(current)] : [])])];
        return [
          { key: '', label: mark(current === undefined, vscode.l10n.t('All sources')), source: null },
          { key: '-', label: '', kind: vscode.QuickPickItemKind.Separator, source: null },
          ...keys.map((key) => ({
            key,
            label: mark(current !== undefined && sourceKey(current) === key, plainText(sourceLabel(key))),
            description: counts.has(key) ? contactCount(counts.get(key) ?? 0) : undefined,
            source: key,
          })),
        ];
      },
    })) ?? [];
  return picked === undefined ? undefined : picked.source;
}

interface TagItem extends vscode.QuickPickItem {
  readonly key: string;
  readonly tag: string;
}

/** The tags of the whole loaded account, and a title-bar toggle between "all selected tags" and "any". */
async function pickTags(controller: ContactsController): Promise<{ tags: string[]; tagMatch: TagMatch } | undefined> {
  const current = controller.store.filter.tags ?? [];
  let tagMatch: TagMatch = controller.store.filter.tagMatch === 'any' ? 'any' : 'all';
  const toggle = (): vscode.QuickInputButton =>
    tagMatch === 'all'
      ? { iconPath: new vscode.ThemeIcon('filter'), tooltip: vscode.l10n.t('Matching all selected tags: switch to any selected tag') }
      : { iconPath: new vscode.ThemeIcon('layers'), tooltip: vscode.l10n.t('Matching any selected tag: switch to all selected tags') };
  const picked = await livePick<TagItem>(controller, {
    title: vscode.l10n.t('Filter Contacts by Tags'),
    placeholder: () =>
      tagMatch === 'all' ? vscode.l10n.t('Show contacts that carry all of the selected tags') : vscode.l10n.t('Show contacts that carry any of the selected tags'),
    emptyMessage: vscode.l10n.t('None of the loaded contacts has a tag.'),
    canPickMany: true,
    initiallySelected: new Set(current.map(tagKey)),
    buttons: () => [toggle()],
    onDidTriggerButton: () => (tagMatch = tagMatch === 'all' ? 'any' : 'all'),
    items: () => {
      const seen = controller.model.tagCounts();
      const items: TagItem[] = seen.map((tag) => ({ key: tag.key, label: plainText(tag.label), description: contactCount(tag.count), tag: tag.label }));
      // A selected tag that no loaded contact carries any more must stay visible to be unselected.
      for (const tag of current) {
        if (!seen.some((item) => item.key === tagKey(tag))) items.push({ key: tagKey(tag), label: plainText(tag), tag });
      }
      return items;
    },
  });
  return picked && { tags: picked.map((item) => item.tag), tagMatch };
}

export function contactCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 contact') : vscode.l10n.t('{0} contacts', count.toLocaleString(vscode.env.language));
}
