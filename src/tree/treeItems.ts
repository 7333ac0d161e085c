import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { contactLabel, plainText, sourceKey } from '../contacts/display';
import type { ContactGroup } from '../contacts/grouping';
import type { ContactCapabilities } from '../contacts/model';
import { COMMANDS } from '../names';
import type { ContactNode, DetailNode, GroupNode, ShowMoreNode } from './nodes';
import { groupCount } from './statusLine';

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

/** Tokens matched by `viewItem =~ /\bhasHref\b/` in package.json's menus, written from the model's flags. */
export function contactContextValue(capabilities: ContactCapabilities): string {
  const tokens = ['contact'];
  for (const flag of ['hasHref', 'hasConversation', 'hasPhone', 'hasAssignedUser', 'isBlocked'] as const) {
    if (capabilities[flag]) tokens.push(flag);
  }
  return tokens.join(' ');
}

const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

function count(value: number): string {
  return value.toLocaleString(vscode.env.language);
}

export function groupLabel(group: ContactGroup): string {
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

/** `partial`: the listing ended early (loading, or cut at Callbell's limit), so the group may hold more. */
export function groupItem(node: GroupNode, partial: boolean): vscode.TreeItem {
  const { group } = node;
  const label = groupLabel(group);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = groupCount(group.contacts.length, partial);
  item.contextValue = `group ${group.kind}`;
  const icon = group.id.startsWith('source:') ? undefined : group.id.startsWith('user:') || group.kind === 'unassigned' ? 'account' : group.kind === 'untagged' ? 'circle-slash' : 'tag';
  item.iconPath = icon === undefined ? sourceIcon(group.contacts[0]?.source) : new vscode.ThemeIcon(icon);
  const size = group.contacts.length;
  item.accessibilityInformation = {
    label: partial
      ? vscode.l10n.t('{0}, at least {1} contacts', label, count(size))
      : size === 1 ? vscode.l10n.t('{0}, 1 contact', label) : vscode.l10n.t('{0}, {1} contacts', label, count(size)),
  };
  return item;
}

/** `avatar` is the local file of the contact's picture when one is cached and wanted. */
export function contactItem(node: ContactNode, capabilities: ContactCapabilities, avatar: string | undefined): vscode.TreeItem {
  const { contact } = node;
  const label = plainText(contactLabel(contact));
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const phone = plainText(contact.phoneNumber ?? '');
  // After a right-to-left name, a mark keeps the number from joining the name's run and showing before it.
  const number = phone === label ? '' : RIGHT_TO_LEFT.test(label) ? `\u200e${phone}` : phone;
  item.description = capabilities.isBlocked ? [vscode.l10n.t('Blocked'), number].filter((part) => part !== '').join(' · ') : number;
  item.iconPath = contactIcon(contact, capabilities, avatar);
  item.contextValue = contactContextValue(capabilities);
  if (capabilities.isBlocked) item.accessibilityInformation = { label: vscode.l10n.t('{0}, blocked', label) };
  return item;
}

function contactIcon(contact: Contact, capabilities: ContactCapabilities, avatar: string | undefined): vscode.ThemeIcon | vscode.Uri {
  if (capabilities.isBlocked) return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'));
  return avatar !== undefined ? vscode.Uri.file(avatar) : sourceIcon(contact.source);
}

export function detailItem(node: DetailNode): vscode.TreeItem {
  const { field } = node;
  const label = plainText(field.label, 80);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = plainText(field.display);
  // Without it VS Code reads the (string) tooltip, the value alone, never which field it is.
  item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1}', label, item.description) };
  item.tooltip = field.display.length > 2000 ? `${field.display.slice(0, 2000)}…` : field.display;
  item.contextValue = `detail ${field.id}`;
  item.iconPath = new vscode.ThemeIcon(field.icon);
  return item;
}

export function showMoreItem(node: ShowMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Show more…'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = vscode.l10n.t('{0} more', count(node.remaining));
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'showMore';
  item.command = { command: COMMANDS.showMore, title: vscode.l10n.t('Show more…'), arguments: [node] };
  return item;
}
