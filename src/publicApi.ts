import * as vscode from 'vscode';
import type { Contact } from './api/contact';
import type { ContactsController } from './contactsController';
import { Owner } from './lifecycle';

/** A contact as other extensions see it: a frozen copy of the parsed fields, without the raw JSON or the avatar. */
export type PublicContact = Omit<Contact, 'raw' | 'avatarUrl'>;

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
    // The loaded contacts, not the view's text filter or order: keyed on the data version.
    let seenVersion = model.dataVersion;
    this.register(model.store.onDidChange(() => {
      if (model.dataVersion === seenVersion) return;
      seenVersion = model.dataVersion;
      this.changed.fire();
    }));
    const copies = (): NonNullable<PublicApi['copies']> => {
      if (this.copies?.version !== model.dataVersion) {
        const contacts = model.loadedContacts.map(publicCopy);
        this.copies = { version: model.dataVersion, contacts: Object.freeze(contacts), byUuid: new Map(contacts.map((contact) => [contact.uuid, contact])) };
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
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { raw, avatarUrl, tags, customFields, ...fields } = contact;
  return Object.freeze({ ...fields, tags: Object.freeze([...tags]), customFields: Object.freeze({ ...customFields }) });
}
