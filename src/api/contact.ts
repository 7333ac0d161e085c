/**
 * A Callbell contact as the rest of the extension sees it, after the untrusted JSON has been checked.
 * Only `uuid` is guaranteed by the API; every other field may be missing or null upstream.
 */
export interface Contact {
  /** 32 hex characters, no dashes. */
  readonly uuid: string;
  /** May be empty: contacts known only by a phone number or BSUID have no name. */
  readonly name: string;
  readonly phoneNumber?: string;
  readonly avatarUrl?: string;
  /** ISO 8601 as sent; parse leniently where shown. */
  readonly createdAt?: string;
  /** Integration type: whatsapp, instagram, facebook, telegram, or any other string. */
  readonly source?: string;
  /** Dashboard link as sent by the API: untrusted, check before opening. */
  readonly href?: string;
  readonly conversationHref?: string;
  /** An agent's email. */
  readonly assignedUser?: string;
  /** ISO 8601 as sent: since when the contact is blocked. Missing when it is not. */
  readonly blockedAt?: string;
  /**
   * The conversation's state: an ISO date when it was closed, `null` when the API says it is open
   * (`"closedAt": null`), missing when the API did not say.
   */
  readonly closedAt?: string | null;
  readonly tags: readonly string[];
  readonly customFields: Readonly<Record<string, string>>;
  /** The contact as the API returned it, unknown fields included (strings truncated), for "Copy as JSON". */
  readonly raw: Readonly<Record<string, unknown>>;
}
