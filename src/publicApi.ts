import * as vscode from 'vscode';
import type { Contact } from './api/contact';
import type { ContactsController } from './contactsController';
import { Owner } from './lifecycle';

/**
 * A contact as other extensions see it: a frozen copy, without the extension's internals. Mirrors
 * `api/callbell-contacts.d.ts`, the file other extensions copy.
 */
export interface PublicContact {
  readonly uuid: string;
  readonly name: string;
  readonly phoneNumber?: string;
  readonly source?: string;
  readonly href?: string;
  readonly conversationHref?: string;
  readonly assignedUser?: string;
  readonly createdAt?: string;
  readonly blockedAt?: string;
  readonly closedAt?: string | null;
  readonly tags: readonly string[];
  readonly customFields: Readonly<Record<string, string>>;
}

/** What `activate` returns to other extensions. Never the key, the account or any live internal object. */
export interface CallbellContactsApi {
  /** This extension's version. */
  readonly version: string;
  /** The loaded contacts (as filtered in the view), sorted by name. */
  getContacts(): readonly PublicContact[];
  /** Fires when the loaded contacts change (a load, a filter, sign-out). */
  readonly onDidChangeContacts: vscode.Event<void>;
  /** A loaded contact by uuid or phone number (any formatting); never a request. */
  findContact(uuidOrPhone: string): PublicContact | undefined;
  /** Loads the contacts again from Callbell. */
  refresh(): Promise<void>;
}

export class PublicApi extends Owner {
  readonly exports: CallbellContactsApi;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private copies: { version: number; contacts: readonly PublicContact[]; byUuid: Map<string, PublicContact> } | undefined;

  constructor(version: string, controller: ContactsController) {
    super();
    const { model } = controller;
    let seenVersion = model.version;
    this.register(model.store.onDidChange(() => {
      if (model.version === seenVersion) return;
      seenVersion = model.version;
      this.changed.fire();
    }));
    const copies = (): NonNullable<PublicApi['copies']> => {
      if (this.copies?.version !== model.version) {
        const contacts = model.contacts.map(publicCopy);
        this.copies = { version: model.version, contacts: Object.freeze(contacts), byUuid: new Map(contacts.map((contact) => [contact.uuid, contact])) };
      }
      return this.copies;
    };
    this.exports = Object.freeze({
      version,
      getContacts: () => copies().contacts,
      onDidChangeContacts: this.changed.event,
      findContact: (uuidOrPhone: string) => {
        if (typeof uuidOrPhone !== 'string') return undefined;
        const contact = model.findByUuid(uuidOrPhone.trim()) ?? model.findByPhone(uuidOrPhone)[0];
        return contact ? copies().byUuid.get(contact.uuid) : undefined;
      },
      refresh: () => controller.refresh(),
    });
  }
}

export function createPublicApi(context: vscode.ExtensionContext, controller: ContactsController): PublicApi {
  return new PublicApi(String((context.extension.packageJSON as { version?: unknown }).version ?? ''), controller);
}

function publicCopy(contact: Contact): PublicContact {
  const { uuid, name, phoneNumber, source, href, conversationHref, assignedUser, createdAt, blockedAt, closedAt } = contact;
  const copy: Record<string, unknown> = { uuid, name, phoneNumber, source, href, conversationHref, assignedUser, createdAt, blockedAt, closedAt };
  for (const key of Object.keys(copy)) if (copy[key] === undefined) delete copy[key];
  copy.tags = Object.freeze([...contact.tags]);
  copy.customFields = Object.freeze(Object.fromEntries(Object.entries(contact.customFields)));
  return Object.freeze(copy) as unknown as PublicContact;
}
