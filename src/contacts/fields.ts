import type { Contact } from '../api/contact';
import { COMMANDS, type CommandId } from '../names';
import { contactLabel, parseDate, sourceLabel } from './display';
import { safeDashboardLink } from './links';

/**
 * The one table of a contact's visible fields: which there are, in which order, how each value is
 * written and which icon it gets. Detail rows, tooltips, "Copy Details", the copy picker, hovers and
 * the contact card all read it, so a new field is a row here (and its parsing in src/api).
 */

export type FieldId =
  | 'name'
  | 'phoneNumber'
  | 'source'
  | 'assignedUser'
  | 'createdAt'
  | 'blockedAt'
  | 'conversation'
  | 'tags'
  | 'dashboardLink'
  | 'contactId'
  | 'customField';

/** The words of the table, passed in by the VS Code layer in the user's language. */
export interface FieldLabels {
  readonly name: string;
  readonly phoneNumber: string;
  readonly source: string;
  readonly assignedUser: string;
  readonly createdAt: string;
  readonly blockedAt: string;
  readonly conversation: string;
  readonly conversationOpen: string;
  /** `{0}` is the date the conversation was closed. */
  readonly conversationClosedOn: string;
  readonly conversationClosed: string;
  readonly tags: string;
  readonly dashboardLink: string;
  readonly contactId: string;
  readonly customFields: string;
}

export const ENGLISH_FIELD_LABELS: FieldLabels = {
  name: 'Name',
  phoneNumber: 'Phone',
  source: 'Source',
  assignedUser: 'Assigned to',
  createdAt: 'Created',
  blockedAt: 'Blocked since',
  conversation: 'Conversation',
  conversationOpen: 'Open',
  conversationClosedOn: 'Closed on {0}',
  conversationClosed: 'Closed',
  tags: 'Tags',
  dashboardLink: 'Dashboard',
  contactId: 'Contact ID',
  customFields: 'Custom fields',
};

export interface FieldFormat {
  readonly labels: FieldLabels;
  /** How a date the API sent reads; the raw text when not given (ISO, as sent). */
  readonly formatDate?: (date: Date, raw: string) => string;
}

/** One field of one contact, ready to show or copy. */
export interface FieldValue {
  readonly id: FieldId;
  /** Stable within a contact: part of tree row ids. */
  readonly key: string;
  readonly label: string;
  /** What a copy puts on the clipboard (a date as sent). */
  readonly value: string;
  /** What is shown (a local date, a checkbox list). */
  readonly display: string;
  /** A codicon id. */
  readonly icon: string;
  /** Shown as a detail row under the contact (the name and the identifiers are not: the row is the contact). */
  readonly isRow: boolean;
  /** The command that copies this value alone, where there is one. */
  readonly copyCommand?: CommandId;
}

interface FieldSpec {
  readonly id: Exclude<FieldId, 'customField'>;
  readonly icon: string;
  readonly isRow: boolean;
  readonly copyCommand?: CommandId;
  readonly label: (labels: FieldLabels) => string;
  /** [value, display]; undefined or an empty value leaves the field out. */
  readonly read: (contact: Contact, format: FieldFormat) => readonly [value: string, display: string] | string | undefined;
}

const FIELDS: readonly FieldSpec[] = [
  { id: 'name', icon: 'person', isRow: false, copyCommand: COMMANDS.copyName, label: (l) => l.name, read: (c) => contactLabel(c) },
  { id: 'phoneNumber', icon: 'call-outgoing', isRow: true, copyCommand: COMMANDS.copyPhoneNumber, label: (l) => l.phoneNumber, read: (c) => c.phoneNumber },
  { id: 'source', icon: 'plug', isRow: true, label: (l) => l.source, read: (c) => c.source && [c.source, sourceLabel(c.source)] },
  { id: 'assignedUser', icon: 'account', isRow: true, copyCommand: COMMANDS.copyAssignedUser, label: (l) => l.assignedUser, read: (c) => c.assignedUser },
  { id: 'createdAt', icon: 'calendar', isRow: true, label: (l) => l.createdAt, read: (c, f) => dated(c.createdAt, f) },
  { id: 'blockedAt', icon: 'circle-slash', isRow: true, label: (l) => l.blockedAt, read: (c, f) => dated(c.blockedAt, f) },
  { id: 'conversation', icon: 'comment-discussion', isRow: true, label: (l) => l.conversation, read: conversationState },
  { id: 'tags', icon: 'tag', isRow: true, label: (l) => l.tags, read: (c) => c.tags.join(', ') },
  { id: 'dashboardLink', icon: 'link-external', isRow: false, copyCommand: COMMANDS.copyDashboardLink, label: (l) => l.dashboardLink, read: (c) => safeDashboardLink(c.href) },
  { id: 'contactId', icon: 'key', isRow: false, copyCommand: COMMANDS.copyContactId, label: (l) => l.contactId, read: (c) => c.uuid },
];

/** The table's fields in order with their labels, for surfaces with a column per field (exports). */
export function fieldColumns(labels: FieldLabels): { readonly id: Exclude<FieldId, 'customField'>; readonly label: string }[] {
  return FIELDS.map((spec) => ({ id: spec.id, label: spec.label(labels) }));
}

/** The contact's fields in table order, absent ones left out, custom fields last (by their own names). */
export function contactFields(contact: Contact, format: FieldFormat): FieldValue[] {
  const values: FieldValue[] = [];
  for (const spec of FIELDS) {
    const read = spec.read(contact, format);
    const [value, display] = typeof read === 'string' ? [read, read] : (read ?? ['', '']);
    if (value === '') continue;
    values.push({ id: spec.id, key: spec.id, label: spec.label(format.labels), value, display, icon: spec.icon, isRow: spec.isRow, copyCommand: spec.copyCommand });
  }
  for (const [name, value] of Object.entries(contact.customFields)) {
    if (value === '') continue;
    values.push({ id: 'customField', key: `field:${encodeURIComponent(name)}`, label: name, value, display: formatFieldValue(value), icon: 'symbol-field', isRow: true });
  }
  return values;
}

/** Checkbox fields arrive as a JSON-encoded string array inside the string; show them as a list. */
export function formatFieldValue(value: string): string {
  if (value.startsWith('[') && value.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed.join(', ');
    } catch {
      // Not JSON after all: the value is shown as typed.
    }
  }
  return value;
}

function dated(raw: string | undefined, format: FieldFormat): readonly [string, string] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const date = parseDate(raw);
  return [raw, date && format.formatDate ? format.formatDate(date, raw) : raw];
}

/** `closedAt: null` is an open conversation; a date, a closed one; a missing field says nothing. */
function conversationState(contact: Contact, format: FieldFormat): string | undefined {
  const { closedAt } = contact;
  if (closedAt === undefined) return undefined;
  const { labels } = format;
  if (closedAt === null) return labels.conversationOpen;
  if (closedAt === '') return labels.conversationClosed;
  const date = parseDate(closedAt);
  const when = date && format.formatDate ? format.formatDate(date, closedAt) : closedAt;
  return labels.conversationClosedOn.replace('{0}', when);
}
