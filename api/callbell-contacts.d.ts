/**
 * The API of the Callbell Contacts extension (`callbell-contacts.callbell-contacts`) for other VS Code
 * extensions. Copy this file into your extension; it needs only `@types/vscode`.
 *
 *   const callbell = vscode.extensions.getExtension<CallbellContactsApi>('callbell-contacts.callbell-contacts');
 *   const api = await callbell?.activate();
 *
 * Everything it returns is a frozen copy: no object reachable from it holds the API key or any live part
 * of the extension.
 */
import type { Event } from 'vscode';

/** A Callbell contact as the extension loaded it, checked and normalised; frozen. */
export interface PublicContact {
  /** 32 hex characters, no dashes. */
  readonly uuid: string;
  /** May be empty: contacts known only by a phone number have no name. */
  readonly name: string;
  readonly phoneNumber?: string;
  /** ISO 8601 as Callbell sent it. */
  readonly createdAt?: string;
  /** Integration type: whatsapp, instagram, facebook, telegram, or any other string. */
  readonly source?: string;
  /** The contact's page in the Callbell dashboard, as Callbell sent it: check it before opening it. */
  readonly href?: string;
  /** The contact's conversation in the dashboard, as Callbell sent it: check it before opening it. */
  readonly conversationHref?: string;
  /** The assigned agent's email. */
  readonly assignedUser?: string;
  /** ISO 8601: since when the contact is blocked. Missing when it is not. */
  readonly blockedAt?: string;
  /** An ISO date when the conversation was closed, `null` when Callbell says it is open, missing when it did not say. */
  readonly closedAt?: string | null;
  readonly tags: readonly string[];
  readonly customFields: Readonly<Record<string, string>>;
}

/** What `activate()` of the Callbell Contacts extension resolves to. */
export interface CallbellContactsApi {
  /** The extension's version, e.g. `0.1.0`. */
  readonly version: string;
  /**
   * The loaded contacts (as filtered in the view), sorted by name. Empty while signed out and until a first
   * load: the extension loads when its view is first shown, or when you call {@link refresh}.
   */
  getContacts(): readonly PublicContact[];
  /** Fires when the loaded contacts change (a load, a filter, sign-out); read them again with {@link getContacts}. */
  readonly onDidChangeContacts: Event<void>;
  /** A loaded contact by uuid or phone number (any formatting); never a request to Callbell. */
  findContact(uuidOrPhone: string): PublicContact | undefined;
  /** Loads the contacts again from Callbell; resolves when the load has ended, whatever its outcome. Does nothing while signed out. */
  refresh(): Promise<void>;
}
