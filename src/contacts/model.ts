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
/** E.164 allows no more; a longer run of digits is an id, an amount or a timestamp. */
export const MAX_PHONE_DIGITS = 15;
/**
 * National numbers keep their last digits when written internationally: France `06 12 34 56 78` is
 * `+33 6 12 34 56 78`, the US `(555) 010-0001` is `+1 555 010 0001`. Nine digits, the national
 * number without its trunk zero in France and Spain (the UK and the US have ten), is what is compared.
 */
export const PHONE_TAIL_DIGITS = 9;

/** A contact under the tail of its number, with the number's whole key to confirm a match. */
interface PhoneEntry {
  readonly key: string;
  readonly contact: Contact;
}

/** Everything derived from one version of the store's contacts, built on first use. */
interface Derived {
  readonly version: number;
  sorted?: readonly Contact[];
  search?: ContactSearchIndex;
  byUuid?: ReadonlyMap<string, Contact>;
  byPhone?: ReadonlyMap<string, readonly Contact[]>;
  /** Keyed on the last PHONE_TAIL_DIGITS digits, for numbers written nationally. */
  byPhoneTail?: ReadonlyMap<string, readonly PhoneEntry[]>;
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
   * `+33 6 12 34 56 78`, `0033612345678` and `33612345678` are one number. When no number is the
   * same, a number written nationally finds its international form and back (`(555) 010-0001` finds
   * `+1 555 010 0001`, `06 12 34 56 78` finds `+33 6 12 34 56 78`). O(1): two map lookups.
   */
  findByPhone(text: string): readonly Contact[] {
    const key = phoneKey(text);
    if (key === undefined) return [];
    const derived = this.phoneMaps();
    const exact = derived.byPhone.get(key);
    if (exact) return exact;
    if (key.length < PHONE_TAIL_DIGITS) return [];
    const sameTail = derived.byPhoneTail.get(key.slice(-PHONE_TAIL_DIGITS)) ?? [];
    return sameTail.filter((entry) => sameNationalNumber(key, entry.key)).map((entry) => entry.contact);
  }

  capabilities(contact: Contact): ContactCapabilities {
    let capabilities = this.capabilityCache.get(contact);
    if (!capabilities) {
      capabilities = capabilitiesOf(contact);
      this.capabilityCache.set(contact, capabilities);
    }
    return capabilities;
  }

  private phoneMaps(): Required<Pick<Derived, 'byPhone' | 'byPhoneTail'>> {
    const derived = this.current();
    if (!derived.byPhone || !derived.byPhoneTail) {
      const byPhone = new Map<string, Contact[]>();
      const byPhoneTail = new Map<string, PhoneEntry[]>();
      for (const contact of this.contacts) {
        const key = phoneKey(contact.phoneNumber ?? '');
        if (key === undefined) continue;
        addTo(byPhone, key, contact);
        if (key.length >= PHONE_TAIL_DIGITS) addTo(byPhoneTail, key.slice(-PHONE_TAIL_DIGITS), { key, contact });
      }
      derived.byPhone = byPhone;
      derived.byPhoneTail = byPhoneTail;
    }
    return { byPhone: derived.byPhone, byPhoneTail: derived.byPhoneTail };
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
 * The digits that identify a number: an international `00` prefix is the same as `+`, and the
 * trunk `(0)` some write after the country code (`+44 (0)20 7946 0958`) is not dialled. Undefined
 * for text with too few digits to be a phone number.
 */
export function phoneKey(text: string): string | undefined {
  const digits = phoneDigits(text.includes('(') ? text.replace(/\(\s*0\s*\)/g, '') : text).replace(/^00/, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : undefined;
}

/**
 * Whether two different keys are one number written nationally and internationally: the national
 * one, without its trunk zero, ends the international one after a country code of one to three
 * digits. Two international numbers that share only their last digits are not the same.
 */
export function sameNationalNumber(a: string, b: string): boolean {
  // Country codes never start with 0, so a leading 0 is a national trunk prefix.
  const [x, y] = [a.replace(/^0/, ''), b.replace(/^0/, '')];
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  const countryCode = longer.length - shorter.length;
  return countryCode >= 1 && countryCode <= 3 && shorter.length >= PHONE_TAIL_DIGITS && longer.endsWith(shorter);
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
