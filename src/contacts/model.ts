import type { Contact } from '../api/contact';
import { type ContactCapabilities, capabilitiesOf } from './capabilities';
import { PhoneIndex } from './phoneIndex';
import { type ContactGroup, type GroupBy, type ValueCount, countSources, countTags, groupContacts, sortContacts } from './grouping';
import { tagKey } from './display';
import { ContactSearchIndex } from './search';
import { type SortBy, sortByCreated } from './sort';
import { TagSpellings } from './tagSpellings';
import type { Disposable } from '../lifecycle';
import type { ContactStore } from './store';

export { type ContactCapabilities, MIN_PHONE_DIGITS, capabilitiesOf, phoneKey } from './capabilities';
export { MAX_PHONE_DIGITS, PHONE_TAIL_DIGITS, sameNationalNumber } from './phoneIndex';

/** Derived from one version of the store's contacts (the filter applied), built on first use. */
interface Derived {
  readonly version: number;
  byName?: readonly Contact[];
  search?: ContactSearchIndex;
  byUuid?: ReadonlyMap<string, Contact>;
  byPhone?: PhoneIndex;
  sorted: Map<SortBy, readonly Contact[]>;
}

/** Derived from one listing, whatever the filter: kept while a local filter change reuses the listing. */
interface ListingDerived {
  byName?: readonly Contact[];
  tagCounts?: readonly ValueCount[];
  sourceCounts?: ReadonlyMap<string, number>;
}

/** What the view shows: the store's contacts narrowed by the text filter, in the chosen order. */
interface ViewDerived {
  readonly key: string;
  readonly revision: number;
  contacts?: readonly Contact[];
  groups: Map<GroupBy, readonly ContactGroup[]>;
}

/**
 * The contacts model every surface reads (tree, search, filters, hovers, documents, exports, the
 * public API): the store's contacts and what is derived from them, computed once per data version and
 * shared. The text filter and the order live here: they never need the server. Free of VS Code; the
 * locale comes in through the collator.
 */
export class ContactsModel {
  private derived: Derived = { version: -1, sorted: new Map() };
  private viewDerived: ViewDerived = { key: '', revision: 0, groups: new Map() };
  private readonly perListing = new WeakMap<readonly Contact[], ListingDerived>();
  private readonly capabilityCache = new WeakMap<Contact, ContactCapabilities>();
  private readonly spellings: TagSpellings;
  private text = '';
  private order: SortBy = 'name';
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly store: ContactStore,
    private readonly collator: Intl.Collator,
  ) {
    this.spellings = new TagSpellings(collator);
  }

  /** Changes whenever what the view shows changes: the data, the text filter or the order. */
  get version(): number {
    return this.view().revision;
  }

  /** Changes whenever the store's contacts change (not with the text filter or the order). */
  get dataVersion(): number {
    return this.store.version;
  }

  /** Store changes, text filter and order changes. */
  onDidChange(listener: () => void): Disposable {
    const fromStore = this.store.onDidChange(listener);
    this.listeners.add(listener);
    return { dispose: () => (fromStore.dispose(), this.listeners.delete(listener)) };
  }

  get textFilter(): string {
    return this.text;
  }

  /** Narrows the view to contacts matching `text` as search matches them; no request. */
  setTextFilter(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.emit();
  }

  get sortBy(): SortBy {
    return this.order;
  }

  setSortBy(sortBy: SortBy): void {
    if (sortBy === this.order) return;
    this.order = sortBy;
    this.emit();
  }

  /** The contacts the view shows, text filter applied, in the chosen order. */
  get contacts(): readonly Contact[] {
    const view = this.view();
    if (!view.contacts) {
      const ordered = this.ordered(this.order);
      if (this.text.trim() === '') view.contacts = ordered;
      else if (this.order === 'name') view.contacts = this.searchIndex.matching(this.text);
      else {
        const matching = new Set(this.searchIndex.matching(this.text));
        view.contacts = ordered.filter((contact) => matching.has(contact));
      }
    }
    return view.contacts;
  }

  /** The store's contacts (its filter applied, not the text filter), sorted by name, ties by uuid. */
  get loadedContacts(): readonly Contact[] {
    const derived = this.current();
    if (!derived.byName) {
      const listed = this.listingByName();
      const shown = this.store.contacts;
      // The filtered contacts keep the sorted listing's order: a local filter change sorts nothing.
      if (listed.length === shown.length) derived.byName = listed;
      else {
        const kept = new Set(shown);
        derived.byName = listed.filter((contact) => kept.has(contact));
      }
    }
    return derived.byName;
  }

  /** The contacts the view would show without the text filter; what its count is out of. */
  get totalCount(): number {
    return this.store.accountListing?.contacts.length ?? this.store.contacts.length;
  }

  /** The contacts come from a listing that ended early (still loading, or cut at Callbell's limit): their counts are lower bounds. */
  get isPartial(): boolean {
    return this.store.listing?.complete === false;
  }

  /** The same for the listing `totalCount` counts. */
  get isTotalPartial(): boolean {
    return this.store.accountListing ? !this.store.accountListing.complete : this.isPartial;
  }

  get searchIndex(): ContactSearchIndex {
    const derived = this.current();
    // Over the name-sorted list, so results (and the list before anything is typed) read alphabetically.
    derived.search ??= new ContactSearchIndex(this.loadedContacts);
    return derived.search;
  }

  groups(groupBy: GroupBy): readonly ContactGroup[] {
    const view = this.view();
    let groups = view.groups.get(groupBy);
    if (!groups) {
      // Tag groups take the account's spelling of their tag, not the one most common among the contacts shown.
      const tagLabels = groupBy === 'tag' ? this.spellings.labelsOf(this.store) : undefined;
      groups = groupContacts(this.contacts, groupBy, this.collator, { presorted: true, tagLabels });
      view.groups.set(groupBy, groups);
    }
    return groups;
  }

  /** A tag as the group rows spell it (the spelling chosen for its key), or as given when none was chosen. */
  tagLabel(tag: string): string {
    return this.spellings.labelsOf(this.store).get(tagKey(tag)) ?? tag;
  }

  /** Every tag of the whole loaded account (not only of the filtered contacts), with counts, for the tag picker; labelled as the tag groups are. */
  tagCounts(): readonly ValueCount[] {
    const labels = this.spellings.labelsOf(this.store);
    const entry = this.listingEntry(this.accountContacts());
    // The labels of the account's tags were chosen by the time they are first counted, and stay.
    entry.tagCounts ??= countTags(this.accountContacts(), this.collator, labels);
    return entry.tagCounts;
  }

  /** Every source of the whole loaded account, with counts. */
  sourceCounts(): ReadonlyMap<string, number> {
    const entry = this.listingEntry(this.accountContacts());
    entry.sourceCounts ??= countSources(this.accountContacts());
    return entry.sourceCounts;
  }

  /** A loaded contact by its exact uuid; O(1). */
  findByUuid(uuid: string): Contact | undefined {
    const derived = this.current();
    derived.byUuid ??= new Map(this.loadedContacts.map((contact) => [contact.uuid, contact]));
    return derived.byUuid.get(uuid);
  }

  /**
   * Loaded contacts whose number is the same as `text`'s digits, however either is written:
   * `+33 6 12 34 56 78`, `0033612345678` and `33612345678` are one number. When no number is the
   * same, a number written nationally finds its international form and back (`(555) 010-0001` finds
   * `+1 555 010 0001`, `06 12 34 56 78` finds `+33 6 12 34 56 78`). O(1): two map lookups.
   */
  findByPhone(text: string): readonly Contact[] {
    const derived = this.current();
    derived.byPhone ??= new PhoneIndex(this.loadedContacts);
    return derived.byPhone.find(text);
  }

  capabilities(contact: Contact): ContactCapabilities {
    let capabilities = this.capabilityCache.get(contact);
    if (!capabilities) {
      capabilities = capabilitiesOf(contact);
      this.capabilityCache.set(contact, capabilities);
    }
    return capabilities;
  }

  private ordered(sortBy: SortBy): readonly Contact[] {
    if (sortBy === 'name') return this.loadedContacts;
    const derived = this.current();
    let sorted = derived.sorted.get(sortBy);
    if (!sorted) {
      sorted = sortByCreated(this.loadedContacts, sortBy);
      derived.sorted.set(sortBy, sorted);
    }
    return sorted;
  }

  /** The account's contacts as far as they are known: the last unfiltered listing, else the one in force. */
  private accountContacts(): readonly Contact[] {
    return (this.store.accountListing ?? this.store.listing)?.contacts ?? [];
  }

  private listingByName(): readonly Contact[] {
    const listed = this.store.listing?.contacts ?? [];
    const entry = this.listingEntry(listed);
    entry.byName ??= sortContacts(listed, this.collator);
    return entry.byName;
  }

  private listingEntry(contacts: readonly Contact[]): ListingDerived {
    let entry = this.perListing.get(contacts);
    if (!entry) this.perListing.set(contacts, (entry = {}));
    return entry;
  }

  private current(): Derived {
    if (this.derived.version !== this.store.version) this.derived = { version: this.store.version, sorted: new Map() };
    return this.derived;
  }

  private view(): ViewDerived {
    const key = `${this.store.version}\u0000${this.order}\u0000${this.text}`;
    if (this.viewDerived.key !== key) this.viewDerived = { key, revision: this.viewDerived.revision + 1, groups: new Map() };
    return this.viewDerived;
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
