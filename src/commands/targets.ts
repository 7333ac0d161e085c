import type * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import type { ContactsModel } from '../contacts/model';
import type { ContactsNode, DetailNode } from '../tree/nodes';

/**
 * What a contact command acts on. From a tree menu VS Code passes the clicked row and the selection;
 * from a keybinding nothing, so the tree's selection counts; from search, the picked contact; from a
 * hover's command link, the contact's uuid alone, which only names a loaded contact of `model`.
 */
export function targetContacts(treeView: vscode.TreeView<ContactsNode>, clicked?: unknown, selected?: unknown, model?: ContactsModel): Contact[] {
  const rows = rowsOf(treeView, clicked, selected);
  const contacts = new Map<string, Contact>();
  for (const row of rows) {
    const contact = typeof row === 'string' ? model?.findByUuid(row) : contactOf(row);
    if (contact) contacts.set(contact.uuid, contact);
  }
  return [...contacts.values()];
}

/**
 * Every contact of the group rows a command acts on: the whole group, not just the rows it shows,
 * in the group's order, each contact once.
 */
export function targetGroupContacts(treeView: vscode.TreeView<ContactsNode>, clicked?: unknown, selected?: unknown): Contact[] {
  const contacts = new Map<string, Contact>();
  for (const row of rowsOf(treeView, clicked, selected)) {
    if (!isNode(row) || row.type !== 'group') continue;
    for (const contact of row.group.contacts) if (!contacts.has(contact.uuid)) contacts.set(contact.uuid, contact);
  }
  return [...contacts.values()];
}

export function targetDetails(treeView: vscode.TreeView<ContactsNode>, clicked?: unknown, selected?: unknown): DetailNode[] {
  return rowsOf(treeView, clicked, selected).filter((row): row is DetailNode => isNode(row) && row.type === 'detail');
}

export function rowsOf(treeView: vscode.TreeView<ContactsNode>, clicked?: unknown, selected?: unknown): unknown[] {
  // A right-click on a row outside the selection acts on that row alone, as in the Explorer.
  if (Array.isArray(selected) && selected.length > 0 && selected.includes(clicked)) return selected;
  if (clicked !== undefined) return [clicked];
  return [...treeView.selection];
}

function contactOf(value: unknown): Contact | undefined {
  if (isNode(value)) return value.type === 'contact' || value.type === 'detail' ? value.contact : undefined;
  if (typeof value === 'object' && value !== null && typeof (value as Contact).uuid === 'string' && Array.isArray((value as Contact).tags)) {
    return value as Contact;
  }
  return undefined;
}

function isNode(value: unknown): value is ContactsNode {
  return typeof value === 'object' && value !== null && typeof (value as ContactsNode).type === 'string' && typeof (value as ContactsNode).id === 'string';
}
