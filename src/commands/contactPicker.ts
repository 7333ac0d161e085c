import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import type { ContactsController } from '../contactsController';
import { contactLabel, plainText, tagKey } from '../contacts/display';
import { type FieldFormat, type FieldId, contactFields, formatFieldValue } from '../contacts/fields';
import { lookupPhoneNumber } from '../contacts/references';
import type { MatchReason, SearchMatch, SearchResults } from '../contacts/search';
import { localFieldFormat } from '../fieldFormat';
import { type LivePickItem, livePick } from './livePick';

/** Rows shown per keystroke: more is never read, and fewer keep typing smooth at 10,000 contacts. */
const MAX_RESULTS = 200;
/** The key of the "Look up … on Callbell" row; no uuid starts with a NUL. */
const LOOKUP_KEY = '\u0000lookup';
/** The key of the row that says only the first results are shown. */
const CAPPED_KEY = '\u0000capped';

/** A button on each contact's row; pressing it picks the contact with the button's action. */
export interface ContactButton<A extends string> extends vscode.QuickInputButton {
  readonly action: A;
}

/** What was picked: a loaded contact (with the button pressed on its row), or a phone number to ask Callbell about. */
export type PickedContact<A extends string = never> =
  | { readonly kind: 'contact'; readonly contact: Contact; readonly action?: A }
  | { readonly kind: 'lookup'; readonly phone: string };

interface ContactItem<A extends string> extends LivePickItem {
  readonly choice?: PickedContact<A>;
}

export interface ContactPickerOptions<A extends string> {
  readonly title: string;
  /** Text already typed when the picker opens. */
  readonly initialQuery?: string;
  /** Offer to look a typed phone number up on Callbell when no loaded contact matches it. */
  readonly offerPhoneLookup?: boolean;
  /** The buttons of a contact's row. */
  readonly buttons?: (contact: Contact) => readonly ContactButton<A>[];
}

/**
 * The contact search picker that "Search Contacts…" and "Insert Contact…" share: every loaded
 * contact, searched by name, digits, tags, assigned user, custom fields or ID, filling in while
 * contacts load. A row says which tag or field matched when its own text does not show it.
 */
export async function pickContact<A extends string = never>(controller: ContactsController, options: ContactPickerOptions<A>): Promise<PickedContact<A> | undefined> {
  const format = localFieldFormat();
  const { model } = controller;
  let pressed: A | undefined;
  const [item] =
    (await livePick<ContactItem<A>>(controller, {
      title: options.title,
      placeholder: vscode.l10n.t('Name, phone digits, tag, assigned user, custom field or ID'),
      initialValue: options.initialQuery ?? '',
      searchesItself: true,
      emptyMessage: vscode.l10n.t('No loaded contact matches. Try digits of a phone number, a tag or a custom field value.'),
      items: (query) => {
        const results = model.searchIndex.find(query, MAX_RESULTS);
        const items = results.matches.map((match) => toItem(match, format, options.buttons?.(match.contact)));
        const phone = options.offerPhoneLookup ? lookupPhoneNumber(query) : undefined;
        // Only when nothing loaded matches: the picker sorts rows whose label matches the typed text
        // first, so beside results the lookup row would push them down.
        if (phone !== undefined && items.length === 0 && model.findByPhone(phone).length === 0) items.push(lookupItem(phone));
        // Last: the picker keeps rows whose label does not match in their order, after those that do.
        if (results.total > results.matches.length) items.push(cappedItem(results, query));
        return items;
      },
      onDidTriggerItemButton: ({ item, button }) => {
        if (item.choice?.kind !== 'contact') return false;
        pressed = (button as ContactButton<A>).action;
        return true;
      },
    })) ?? [];
  if (item?.choice?.kind === 'contact' && pressed !== undefined) return { ...item.choice, action: pressed };
  return item?.choice;
}

function lookupItem(phone: string): ContactItem<never> {
  return {
    key: LOOKUP_KEY,
    label: `$(cloud) ${vscode.l10n.t('Look up {0} on Callbell', phone)}`,
    detail: vscode.l10n.t('No loaded contact has this number: ask Callbell for it'),
    alwaysShow: true,
    choice: { kind: 'lookup', phone },
  };
}

/** Says that only the first results are listed. Its label is an icon alone, so the picker never sorts it up among label matches. */
function cappedItem({ matches, total, totalIsExact }: SearchResults, query: string): ContactItem<never> {
  const [first, all] = [matches.length, total].map((count) => count.toLocaleString(vscode.env.language));
  return {
    key: CAPPED_KEY,
    label: '$(info)',
    description:
      query.trim() === ''
        ? vscode.l10n.t('Showing the first {0} of {1} contacts — type to narrow', first, all)
        : totalIsExact
          ? vscode.l10n.t('Showing the first {0} of {1} matches — type more to narrow', first, all)
          : vscode.l10n.t('Showing the first {0} of {1} or more matches — type more to narrow', first, all),
    alwaysShow: true,
    inert: true,
  };
}

/** Fields of the table shown under each result: tags and source as they are, the states with their labels. */
const RESULT_FIELDS: ReadonlySet<FieldId> = new Set(['tags', 'source', 'blockedAt', 'conversation']);
const UNLABELLED_FIELDS: ReadonlySet<FieldId> = new Set(['tags', 'source']);

function toItem<A extends string>({ contact, reasons }: SearchMatch, format: FieldFormat, buttons: readonly ContactButton<A>[] | undefined): ContactItem<A> {
  // A tag named as the reason is not listed again among the tags.
  const matchedTags = new Set(reasons.flatMap((reason) => (reason.kind === 'tag' ? [tagKey(reason.tag)] : [])));
  const details = contactFields(contact, format)
    .filter((field) => RESULT_FIELDS.has(field.id))
    .map((field) => {
      if (field.id === 'tags' && matchedTags.size > 0) return contact.tags.filter((tag) => !matchedTags.has(tagKey(tag))).join(', ');
      return UNLABELLED_FIELDS.has(field.id) ? field.display : `${field.label}: ${field.display}`;
    })
    .filter((text) => text !== '');
  return {
    key: contact.uuid,
    label: plainText(contactLabel(contact)),
    description: plainText(contact.phoneNumber ?? ''),
    // Why it matched first: the rest of the line reads the same for every result.
    detail: plainText([...reasons.map((reason) => reasonText(reason, format)), ...details].join(' · ')),
    // The index already matched fields the picker cannot see (custom fields, digits): keep its result.
    alwaysShow: true,
    buttons,
    choice: { kind: 'contact', contact },
  };
}

/** A reason as plain text: data cleaned, so a tag or value can draw no icon and break no line. */
function reasonText(reason: MatchReason, format: FieldFormat): string {
  switch (reason.kind) {
    case 'tag':
      return vscode.l10n.t('tag: {0}', plainText(reason.tag, 40));
    case 'customField':
      return `${plainText(reason.name, 40)}: ${plainText(formatFieldValue(reason.value), 60)}`;
    case 'assignedUser':
      return `${format.labels.assignedUser}: ${plainText(reason.user, 60)}`;
  }
}
