import * as vscode from 'vscode';
import type { ContactsController } from '../contactsController';
import { KNOWN_SOURCES, plainText, sourceKey, sourceLabel, tagKey } from '../contacts/display';
import { NO_FILTER } from '../contacts/filter';
import { livePick } from './livePick';
import { COMMANDS } from '../names';

/**
 * Filters run on the server (`source=`, `tags=`) so a big account loads only what is asked for; the
 * store re-checks them locally. A command argument skips the picker (keybindings, tests).
 */
export function registerFilterCommands(context: vscode.ExtensionContext, controller: ContactsController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.filterBySource, async (source?: unknown) => {
      const chosen = typeof source === 'string' || source === null ? source : await pickSource(controller);
      if (chosen === undefined) return;
      await controller.setFilter({ ...controller.store.filter, source: chosen === null || chosen === '' ? undefined : chosen });
    }),
    vscode.commands.registerCommand(COMMANDS.filterByTags, async (tags?: unknown) => {
      const chosen = Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : await pickTags(controller);
      if (chosen === undefined) return;
      await controller.setFilter({ ...controller.store.filter, tags: chosen });
    }),
    vscode.commands.registerCommand(COMMANDS.clearFilters, () => controller.setFilter(NO_FILTER)),
  );
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

async function pickTags(controller: ContactsController): Promise<string[] | undefined> {
  const current = controller.store.filter.tags ?? [];
  const picked = await livePick<TagItem>(controller, {
    title: vscode.l10n.t('Filter Contacts by Tags'),
    placeholder: vscode.l10n.t('Show contacts that carry all of the selected tags'),
    emptyMessage: vscode.l10n.t('None of the loaded contacts has a tag.'),
    canPickMany: true,
    initiallySelected: new Set(current.map(tagKey)),
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
  return picked?.map((item) => item.tag);
}

function contactCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 contact') : vscode.l10n.t('{0} contacts', count.toLocaleString(vscode.env.language));
}
