import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { contactLabel, parseDate, plainText, sourceKey, sourceLabel } from '../contacts/display';
import { formatFieldValue } from '../contacts/format';
import { type ContactGroup, type GroupBy, createCollator, groupContacts, sortContacts } from '../contacts/grouping';
import { checkDashboardLink } from '../contacts/links';
import type { ContactStore } from '../contacts/store';
import type { ContactNode, ContactsNode, DetailNode, GroupNode, ShowMoreNode } from './nodes';
import { buildContactTooltip } from './tooltip';

/** Rows of contacts revealed at a time in a group: enough to scroll, few enough to render at once. */
export const CHUNK_SIZE = 500;

const SOURCE_ICONS: Readonly<Record<string, [icon: string, color: string]>> = {
  whatsapp: ['device-mobile', 'charts.green'],
  instagram: ['device-camera', 'charts.purple'],
  facebook: ['comment-discussion', 'charts.blue'],
  telegram: ['send', 'charts.blue'],
};

export function sourceIcon(source: string | undefined): vscode.ThemeIcon {
  const key = sourceKey(source ?? '');
  const entry = Object.hasOwn(SOURCE_ICONS, key) ? SOURCE_ICONS[key] : undefined;
  return entry ? new vscode.ThemeIcon(entry[0], new vscode.ThemeColor(entry[1])) : new vscode.ThemeIcon('person');
}

export interface TreeOptions {
  readonly groupBy: () => GroupBy;
  readonly showAvatars: () => boolean;
  /** The local file of a contact's avatar once it is cached; undefined meanwhile. */
  readonly avatarFile: (url: string) => string | undefined;
  /** Called when the tree is first shown while nothing is loaded, so loading starts with the view. */
  readonly onNeedContacts: () => void;
}

/**
 * Turns the contact store into tree rows. Grouping runs once per data or grouping change; every row
 * object is kept for that data version so `reveal` and `getParent` see the same instances.
 */
export class ContactsTreeProvider implements vscode.TreeDataProvider<ContactsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ContactsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private readonly collator = createCollator(vscode.env.language);
  private readonly dateFormat = new Intl.DateTimeFormat(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
  private computed: { version: number; groupBy: GroupBy; groups: readonly ContactGroup[]; groupNodes: readonly GroupNode[] } | undefined;
  /** The contacts sorted by name, kept per data version so switching the grouping does not sort again. */
  private sorted: { version: number; contacts: readonly Contact[] } | undefined;
  private readonly contactNodes = new Map<string, ContactNode>();
  /** How many contacts each group shows; kept across refreshes so a long list does not snap shut. */
  private readonly shownCount = new Map<string, number>();
  private readonly storeSubscription: { dispose(): void };

  constructor(
    private readonly store: ContactStore,
    private readonly options: TreeOptions,
  ) {
    this.storeSubscription = store.onDidChange(() => {
      if (this.computed?.version !== store.version) this.refresh();
    });
  }

  /** Re-reads everything: after new data, a grouping change or a setting change. */
  refresh(): void {
    this.computed = undefined;
    this.contactNodes.clear();
    this.changed.fire(undefined);
  }

  getChildren(node?: ContactsNode): ContactsNode[] {
    if (!node) {
      if (!this.store.hasLoaded && !this.store.isLoading) this.options.onNeedContacts();
      const { groups, groupNodes } = this.compute();
      if (groups.length === 1 && groups[0].kind === 'all') return this.contactRows(groups[0], undefined);
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
        return this.groupItem(node);
      case 'contact':
        return this.contactItem(node);
      case 'detail':
        return this.detailItem(node);
      case 'showMore':
        return this.showMoreItem(node);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: ContactsNode): vscode.TreeItem {
    if (node.type === 'contact') item.tooltip = buildContactTooltip(contactLabel(node.contact), this.detailRows(node));
    return item;
  }

  /** Redraws the rows without regrouping, e.g. when avatars arrive. */
  repaint(): void {
    this.changed.fire(undefined);
  }

  /** Doubles the rows of a long group: a few clicks reach the end of even the largest one. */
  showMore(node: ShowMoreNode): void {
    const shown = this.shownCount.get(node.groupId) ?? CHUNK_SIZE;
    this.shownCount.set(node.groupId, shown * 2);
    this.changed.fire(node.parent);
  }

  /** The row of a contact in the first group that holds it, making it visible if it sits in a later chunk. */
  findContactNode(uuid: string): ContactNode | undefined {
    const { groups, groupNodes } = this.compute();
    for (let index = 0; index < groups.length; index++) {
      const position = groups[index].contacts.findIndex((contact) => contact.uuid === uuid);
      if (position < 0) continue;
      const group = groups[index];
      const parent = group.kind === 'all' ? undefined : groupNodes[index];
      if (position >= (this.shownCount.get(group.id) ?? CHUNK_SIZE)) {
        this.shownCount.set(group.id, Math.ceil((position + 1) / CHUNK_SIZE) * CHUNK_SIZE);
        // The view holds the shorter list until told: without this, reveal would not find the row.
        this.changed.fire(parent);
      }
      return this.contactNode(group.contacts[position], group, parent);
    }
    return undefined;
  }

  /** The loaded contacts sorted by name; computed once per data version and shared with search. */
  sortedContacts(): readonly Contact[] {
    if (this.sorted?.version !== this.store.version) {
      this.sorted = { version: this.store.version, contacts: sortContacts(this.store.contacts, this.collator) };
    }
    return this.sorted.contacts;
  }

  dispose(): void {
    this.storeSubscription.dispose();
    this.changed.dispose();
  }

  private compute(): NonNullable<ContactsTreeProvider['computed']> {
    const groupBy = this.options.groupBy();
    if (this.computed?.version !== this.store.version || this.computed.groupBy !== groupBy) {
      const groups = groupContacts(this.sortedContacts(), groupBy, this.collator, { presorted: true });
      const groupNodes = groups.map<GroupNode>((group) => ({ type: 'group', id: `group:${group.id}`, group }));
      this.computed = { version: this.store.version, groupBy, groups, groupNodes };
      this.contactNodes.clear();
    }
    return this.computed;
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
    const { contact } = parent;
    const rows: DetailNode[] = [];
    const add = (field: DetailNode['field'], key: string, label: string, value: string | undefined, display = value): void => {
      if (value === undefined || value === '') return;
      rows.push({ type: 'detail', id: `${parent.id}/${key}`, contact, field, label, value, display: display ?? value, parent });
    };
    add('phoneNumber', 'phone', vscode.l10n.t('Phone'), contact.phoneNumber);
    add('source', 'source', vscode.l10n.t('Source'), contact.source, contact.source && sourceLabel(contact.source));
    add('assignedUser', 'assignedUser', vscode.l10n.t('Assigned to'), contact.assignedUser);
    const created = parseDate(contact.createdAt);
    add('createdAt', 'createdAt', vscode.l10n.t('Created'), contact.createdAt, created ? this.formatDate(created) : contact.createdAt);
    add('tags', 'tags', vscode.l10n.t('Tags'), contact.tags.join(', '));
    for (const [key, value] of Object.entries(contact.customFields)) {
      add('customField', `field:${encodeURIComponent(key)}`, key, value, formatFieldValue(value));
    }
    return rows;
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const { group } = node;
    const item = new vscode.TreeItem(this.groupLabel(group), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = group.contacts.length.toLocaleString(vscode.env.language);
    item.contextValue = `group ${group.kind}`;
    item.iconPath = this.groupIcon(group);
    item.accessibilityInformation = {
      label:
        group.contacts.length === 1
          ? vscode.l10n.t('{0}, 1 contact', this.groupLabel(group))
          : vscode.l10n.t('{0}, {1} contacts', this.groupLabel(group), group.contacts.length.toLocaleString(vscode.env.language)),
    };
    return item;
  }

  private groupLabel(group: ContactGroup): string {
    switch (group.kind) {
      case 'untagged':
        return vscode.l10n.t('Untagged');
      case 'unassigned':
        return vscode.l10n.t('Unassigned');
      case 'noSource':
        return vscode.l10n.t('No source');
      case 'all':
        return vscode.l10n.t('All contacts');
      case 'named':
        return plainText(group.label);
    }
  }

  private groupIcon(group: ContactGroup): vscode.ThemeIcon {
    if (group.id.startsWith('source:')) return sourceIcon(group.contacts[0]?.source);
    if (group.id.startsWith('user:') || group.kind === 'unassigned') return new vscode.ThemeIcon('account');
    return new vscode.ThemeIcon(group.kind === 'untagged' ? 'circle-slash' : 'tag');
  }

  private contactItem(node: ContactNode): vscode.TreeItem {
    const { contact } = node;
    const label = plainText(contactLabel(contact));
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    const phone = plainText(contact.phoneNumber ?? '');
    // After a right-to-left name, a mark keeps the number from joining the name's run and showing before it.
    item.description = phone === label ? '' : RIGHT_TO_LEFT.test(label) ? `\u200e${phone}` : phone;
    item.iconPath = this.contactIcon(contact);
    item.contextValue = contactContextValue(contact);
    return item;
  }

  private contactIcon(contact: Contact): vscode.ThemeIcon | vscode.Uri {
    // Avatars are off by default: loading one tells the image host who looked at the contact.
    const file = this.options.showAvatars() && contact.avatarUrl ? this.options.avatarFile(contact.avatarUrl) : undefined;
    return file !== undefined ? vscode.Uri.file(file) : sourceIcon(contact.source);
  }

  private detailItem(node: DetailNode): vscode.TreeItem {
    const item = new vscode.TreeItem(plainText(node.label, 80), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = plainText(node.display);
    item.tooltip = node.display.length > 2000 ? `${node.display.slice(0, 2000)}…` : node.display;
    item.contextValue = `detail ${node.field}`;
    item.iconPath = new vscode.ThemeIcon(DETAIL_ICONS[node.field]);
    return item;
  }

  private showMoreItem(node: ShowMoreNode): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Show more…'), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = vscode.l10n.t('{0} more', node.remaining.toLocaleString(vscode.env.language));
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'showMore';
    item.command = { command: 'callbell.showMore', title: vscode.l10n.t('Show more…'), arguments: [node] };
    return item;
  }

  private formatDate(date: Date): string {
    return this.dateFormat.format(date);
  }
}

const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

const DETAIL_ICONS: Readonly<Record<DetailNode['field'], string>> = {
  phoneNumber: 'call-outgoing',
  source: 'plug',
  assignedUser: 'account',
  createdAt: 'calendar',
  tags: 'tag',
  customField: 'symbol-field',
};

/** Tokens matched by `viewItem =~ /\bhasHref\b/` in package.json's menus. */
export function contactContextValue(contact: Contact): string {
  const tokens = ['contact'];
  if (checkDashboardLink(contact.href).ok) tokens.push('hasHref');
  if (checkDashboardLink(contact.conversationHref).ok) tokens.push('hasConversation');
  if (contact.phoneNumber) tokens.push('hasPhone');
  if (contact.assignedUser) tokens.push('hasAssignedUser');
  return tokens.join(' ');
}
