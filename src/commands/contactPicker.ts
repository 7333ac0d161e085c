import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import type { ContactsController } from '../contactsController';
import { contactLabel, plainText } from '../contacts/display';
import { type FieldFormat, type FieldId, contactFields } from '../contacts/fields';
import { lookupPhoneNumber } from '../contacts/references';
import { localFieldFormat } from '../fieldFormat';
import { livePick } from './livePick';

/** Rows shown per keystroke: more is never read, and fewer keep typing smooth at 10,000 contacts. */
const MAX_RESULTS = 200;
/** The key of the "Look up … on Callbell" row; no uuid starts with a NUL. */
const LOOKUP_KEY = '\u0000lookup';

/** What was picked: a loaded contact, or a phone number to ask Callbell about. */
export type PickedContact = { readonly kind: 'contact'; readonly contact: Contact } | { readonly kind: 'lookup'; readonly phone: string };

interface ContactItem extends vscode.QuickPickItem {
  readonly key: string;
  readonly choice?: PickedContact;
}

export interface ContactPickerOptions {
  readonly title: string;
  /** Text already typed when the picker opens. */
  readonly initialQuery?: string;
  /** Offer to look a typed phone number up on Callbell when no loaded contact matches it. */
  readonly offerPhoneLookup?: boolean;
}

/**
 * The contact search picker that "Search Contacts…" and "Insert Contact…" share: every loaded
 * contact, searched by name, digits, tags, assigned user, custom fields or ID, filling in while
 * contacts load.
 */
export async function pickContact(controller: ContactsController, options: ContactPickerOptions): Promise<PickedContact | undefined> {
  const format = localFieldFormat();
  const { model } = controller;
  const [item] =
    (await livePick<ContactItem>(controller, {
      title: options.title,
      placeholder: vscode.l10n.t('Name, phone digits, tag, assigned user, custom field or ID'),
      initialValue: options.initialQuery ?? '',
      searchesItself: true,
      emptyMessage: vscode.l10n.t('No loaded contact matches. Try digits of a phone number, a tag or a custom field value.'),
      items: (query) => {
        const items = model.searchIndex.search(query, MAX_RESULTS).map((contact) => toItem(contact, format));
        const phone = options.offerPhoneLookup ? lookupPhoneNumber(query) : undefined;
        // Only when nothing loaded matches: the picker sorts rows whose label matches the typed text
        // first, so beside results the lookup row would push them down.
        if (phone !== undefined && items.length === 0 && model.findByPhone(phone).length === 0) items.push(lookupItem(phone));
        return items;
      },
    })) ?? [];
  return item?.choice;
}

function lookupItem(phone: string): ContactItem {
  return {
    key: LOOKUP_KEY,
    label: `$(cloud) ${vscode.l10n.t('Look up {0} on Callbell', phone)}`,
    detail: vscode.l10n.t('No loaded contact has this number: ask Callbell for it'),
    alwaysShow: true,
    choice: { kind: 'lookup', phone },
  };
}

/** Fields of the table shown under each result: tags and source as they are, the states with their labels. */
const RESULT_FIELDS: ReadonlySet<FieldId> = new Set(['tags', 'source', 'blockedAt', 'conversation']);
const UNLABELLED_FIELDS: ReadonlySet<FieldId> = new Set(['tags', 'source']);

function toItem(contact: Contact, format: FieldFormat): ContactItem {
  const details = contactFields(contact, format)
    .filter((field) => RESULT_FIELDS.has(field.id))
    .map((field) => (UNLABELLED_FIELDS.has(field.id) ? field.display : `${field.label}: ${field.display}`));
  return {
    key: contact.uuid,
    label: plainText(contactLabel(contact)),
    description: plainText(contact.phoneNumber ?? ''),
    detail: plainText(details.join(' · ')),
    // The index already matched fields the picker cannot see (custom fields, digits): keep its result.
    alwaysShow: true,
    choice: { kind: 'contact', contact },
  };
}
