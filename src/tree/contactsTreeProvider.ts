import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { contactLabel } from '../contacts/display';
import { type FieldFormat, contactFields } from '../contacts/fields';
import type { ContactGroup, GroupBy } from '../contacts/grouping';
import type { ContactsModel } from '../contacts/model';
import { Owner } from '../lifecycle';
import type { ContactNode, ContactsNode, DetailNode, GroupNode, ShowMoreNode } from './nodes';
import { buildContactTooltip } from './tooltip';
import { contactItem, detailItem, groupItem, showMoreItem } from './treeItems';

/** Rows of contacts revealed at a time in a group: enough to scroll, few enough to render at once. */
export const CHUNK_SIZE = 500;

export interface TreeOptions {
  readonly groupBy: () => GroupBy;
  readonly fieldFormat: FieldFormat;
  /** The local file of a contact's avatar when avatars are on and it is cached; undefined otherwise. */
  readonly avatarFile: (contact: Contact) => string | undefined;
  /** Called when the tree is first shown while nothing is loaded, so loading starts with the view. */
  readonly onNeedContacts: () => void;
}

/**
 * The model's contacts as tree rows, and nothing else: groups, contacts and fields come from the
 * model and the field table. Every row object is kept for its data version so `reveal` and
 * `getParent` see the same instances.
 */
export class ContactsTreeProvider extends Owner implements vscode.TreeDataProvider<ContactsNode> {
  private readonly changed = this.register(new vscode.EventEmitter<ContactsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  private rows: { version: number; groupBy: GroupBy; groupNodes: readonly GroupNode[] } | undefined;
  private readonly contactNodes = new Map<string, ContactNode>();
  /** How many contacts each group shows; kept across loads so a long list does not snap shut. */
  private readonly shownCount = new Map<string, number>();

  constructor(
    private readonly model: ContactsModel,
    private readonly options: TreeOptions,
  ) {
    super();
    // The data, the text filter or the order changed: the rows are stale when the version moved.
    this.register(model.onDidChange(() => {
      if (this.rows?.version !== model.version) this.rebuild();
    }));
  }

  /** Builds the rows anew: after new data, a grouping change or a setting change. Loads nothing. */
  rebuild(): void {
    this.rows = undefined;
    this.contactNodes.clear();
    this.changed.fire(undefined);
  }

  /** Redraws the rows without rebuilding them, e.g. when avatars arrive. */
  repaint(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ContactsNode): ContactsNode[] {
    if (!node) {
      const { store } = this.model;
      if (!store.hasLoaded && !store.isLoading) this.options.onNeedContacts();
      const groupNodes = this.groupNodes();
      if (groupNodes.length === 1 && groupNodes[0].group.kind === 'all') return this.contactRows(groupNodes[0].group, undefined);
      return [...groupNodes];
    }
    switch (node.type) {
      case 'group':
        return this.contactRows(node.group, node);
      case 'contact':
        return this.detailRows(node);
      default:
        return [];
    }
  }

  getParent(node: ContactsNode): ContactsNode | undefined {
    return node.type === 'group' ? undefined : node.parent;
  }

  getTreeItem(node: ContactsNode): vscode.TreeItem {
    switch (node.type) {
      case 'group':
        return groupItem(node, this.model.isPartial);
      case 'contact':
        return contactItem(node, this.model.capabilities(node.contact), this.options.avatarFile(node.contact));
      case 'detail':
        return detailItem(node);
      case 'showMore':
        return showMoreItem(node);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: ContactsNode): vscode.TreeItem {
    if (node.type === 'contact') item.tooltip = buildContactTooltip(contactLabel(node.contact), this.detailRows(node).map((row) => row.field));
    return item;
  }

  /** Doubles the rows of a long group: a few clicks reach the end of even the largest one. */
  showMore(node: ShowMoreNode): void {
    const shown = this.shownCount.get(node.groupId) ?? CHUNK_SIZE;
    this.shownCount.set(node.groupId, shown * 2);
    this.changed.fire(node.parent);
  }

  /** The row of a contact in the first group that holds it, making it visible if it sits in a later chunk. */
  findContactNode(uuid: string): ContactNode | undefined {
    for (const groupNode of this.groupNodes()) {
      const { group } = groupNode;
      const position = group.contacts.findIndex((contact) => contact.uuid === uuid);
      if (position < 0) continue;
      const parent = group.kind === 'all' ? undefined : groupNode;
      if (position >= (this.shownCount.get(group.id) ?? CHUNK_SIZE)) {
        this.shownCount.set(group.id, Math.ceil((position + 1) / CHUNK_SIZE) * CHUNK_SIZE);
        // The view holds the shorter list until told: without this, reveal would not find the row.
        this.changed.fire(parent);
      }
      return this.contactNode(group.contacts[position], group, parent);
    }
    return undefined;
  }

  /** The root rows for the data version and grouping in effect; a change of either starts a new set of row objects. */
  private groupNodes(): readonly GroupNode[] {
    const groupBy = this.options.groupBy();
    if (this.rows?.version !== this.model.version || this.rows.groupBy !== groupBy) {
      const groupNodes = this.model.groups(groupBy).map<GroupNode>((group) => ({ type: 'group', id: `group:${group.id}`, group }));
      this.rows = { version: this.model.version, groupBy, groupNodes };
      this.contactNodes.clear();
    }
    return this.rows.groupNodes;
  }

  private contactRows(group: ContactGroup, parent: GroupNode | undefined): ContactsNode[] {
    const shown = Math.min(group.contacts.length, this.shownCount.get(group.id) ?? CHUNK_SIZE);
    const rows: ContactsNode[] = group.contacts.slice(0, shown).map((contact) => this.contactNode(contact, group, parent));
    if (shown < group.contacts.length) {
      rows.push({ type: 'showMore', id: `${group.id}/more`, parent, groupId: group.id, remaining: group.contacts.length - shown });
    }
    return rows;
  }

  private contactNode(contact: Contact, group: ContactGroup, parent: GroupNode | undefined): ContactNode {
    const id = `${group.id}/contact:${contact.uuid}`;
    let node = this.contactNodes.get(id);
    if (!node) {
      node = { type: 'contact', id, contact, parent };
      this.contactNodes.set(id, node);
    }
    return node;
  }

  private detailRows(parent: ContactNode): DetailNode[] {
    return contactFields(parent.contact, this.options.fieldFormat)
      .filter((field) => field.isRow)
      .map((field) => ({ type: 'detail', id: `${parent.id}/${field.key}`, contact: parent.contact, field, parent }));
  }
}
