import type { Contact } from '../api/contact';
import { phoneDigits } from './display';
import { type ContactGroup, type GroupBy, type ValueCount, countSources, countTags, groupContacts, sortContacts } from './grouping';
import { checkDashboardLink } from './links';
import { ContactSearchIndex } from './search';
import type { ContactStore } from './store';

/** What can be done with a contact, decided once from its data: menus, actions and hovers read these flags. */
export interface ContactCapabilities {
  /** Its `href` is a safe https dashboard link. */
  readonly hasHref: boolean;
  readonly hasConversation: boolean;
  readonly hasPhone: boolean;
  readonly hasAssignedUser: boolean;
  readonly isBlocked: boolean;
}

/** Fewer digits than this match too much by accident (extensions, years, counts). */
export const MIN_PHONE_DIGITS = 7;

/** Everything derived from one version of the store's contacts, built on first use. */
interface Derived {
  readonly version: number;
  sorted?: readonly Contact[];
  search?: ContactSearchIndex;
  byUuid?: ReadonlyMap<string, Contact>;
  byPhone?: ReadonlyMap<string, readonly Contact[]>;
  groups: Map<GroupBy, readonly ContactGroup[]>;
  tagCounts?: readonly ValueCount[];
  sourceCounts?: ReadonlyMap<string, number>;
}

/**
 * The contacts model every surface reads (tree, search, filters, hovers, documents, the public API):
 * the store's contacts and what is derived from them, computed once per data version and shared.
 * Free of VS Code; the locale comes in through the collator.
 */
export class ContactsModel {
  private derived: Derived = { version: -1, groups: new Map() };
  private readonly capabilityCache = new WeakMap<Contact, ContactCapabilities>();

  constructor(
    readonly store: ContactStore,
    private readonly collator: Intl.Collator,
  ) {}

  /** Changes whenever the contacts change; surfaces key their own caches on it. */
  get version(): number {
    return this.store.version;
  }

  /** The loaded contacts sorted for display: by name, locale-aware, ties by uuid. */
  get contacts(): readonly Contact[] {
    const derived = this.current();
    derived.sorted ??= sortContacts(this.store.contacts, this.collator);
    return derived.sorted;
  }

  get searchIndex(): ContactSearchIndex {
    const derived = this.current();
    // Over the sorted list, so results (and the list before anything is typed) read alphabetically.
    derived.search ??= new ContactSearchIndex(this.contacts);
    return derived.search;
  }

  groups(groupBy: GroupBy): readonly ContactGroup[] {
    const derived = this.current();
    let groups = derived.groups.get(groupBy);
    if (!groups) {
      groups = groupContacts(this.contacts, groupBy, this.collator, { presorted: true });
      derived.groups.set(groupBy, groups);
    }
    return groups;
  }

  /** Every tag carried by a loaded contact, with counts, for the tag picker. */
  tagCounts(): readonly ValueCount[] {
    const derived = this.current();
    derived.tagCounts ??= countTags(this.contacts, this.collator);
    return derived.tagCounts;
  }

  sourceCounts(): ReadonlyMap<string, number> {
    const derived = this.current();
    derived.sourceCounts ??= countSources(this.store.contacts);
    return derived.sourceCounts;
  }

  /** A loaded contact by its exact uuid; O(1). */
  findByUuid(uuid: string): Contact | undefined {
    const derived = this.current();
    derived.byUuid ??= new Map(this.contacts.map((contact) => [contact.uuid, contact]));
    return derived.byUuid.get(uuid);
  }

  /**
   * Loaded contacts whose number is the same as `text`'s digits, however either is written:
   * `+33 6 12 34 56 78`, `0033612345678` and `33612345678` are one number. O(1).
   */
  findByPhone(text: string): readonly Contact[] {
    const key = phoneKey(text);
    if (key === undefined) return [];
    const derived = this.current();
    if (!derived.byPhone) {
      const byPhone = new Map<string, Contact[]>();
      for (const contact of this.contacts) {
        const contactKey = phoneKey(contact.phoneNumber ?? '');
        if (contactKey === undefined) continue;
        const list = byPhone.get(contactKey);
        if (list) list.push(contact);
        else byPhone.set(contactKey, [contact]);
      }
      derived.byPhone = byPhone;
    }
    return derived.byPhone.get(key) ?? [];
  }

  capabilities(contact: Contact): ContactCapabilities {
    let capabilities = this.capabilityCache.get(contact);
    if (!capabilities) {
      capabilities = capabilitiesOf(contact);
      this.capabilityCache.set(contact, capabilities);
    }
    return capabilities;
  }

  private current(): Derived {
    if (this.derived.version !== this.store.version) this.derived = { version: this.store.version, groups: new Map() };
    return this.derived;
  }
}

export function capabilitiesOf(contact: Contact): ContactCapabilities {
  return {
    hasHref: checkDashboardLink(contact.href).ok,
    hasConversation: checkDashboardLink(contact.conversationHref).ok,
    hasPhone: (contact.phoneNumber ?? '').trim() !== '',
    hasAssignedUser: (contact.assignedUser ?? '').trim() !== '',
    isBlocked: (contact.blockedAt ?? '') !== '',
  };
}

/**
 * The digits that identify a number: an international `00` prefix is the same as `+`. Undefined
 * for text with too few digits to be a phone number.
 */
export function phoneKey(text: string): string | undefined {
  const digits = phoneDigits(text).replace(/^00/, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : undefined;
}
