import type { Contact } from '../api/contact';
import { tagKey } from './display';
import { mostCommonSpelling } from './grouping';
import type { ContactStore, Listing } from './store';

/**
 * One spelling for each tag ("LEAD", "Lead" and "lead" are one tag, matched case-insensitively),
 * shared by the group rows, the tag picker and the filter a group row sets, whatever is loaded,
 * filtered or typed.
 *
 * A tag's spelling is chosen when the tag is first needed: the most common spelling among the
 * contacts loaded then (the whole account's when it is loaded; ties go to the spelling that sorts
 * first). It is then kept, even when later pages make another spelling more common: the label is how
 * the user finds the group, a row that renames itself halfway through a load or under a filter reads
 * as another group, and every spelling matches the same contacts anyway. It is chosen again only when
 * a complete listing of the whole account has no contact carrying it any more (the tag was renamed in
 * Callbell). Sign-out (the store's `clear()`) forgets every choice; a later session chooses over its
 * whole cached account.
 */
export class TagSpellings {
  private readonly chosen = new Map<string, string>();
  /** The store's listings already read, and its clear count then. */
  private seen: { readonly clearCount: number; readonly account?: Listing; readonly listing?: Listing } = { clearCount: 0 };

  constructor(private readonly collator: Intl.Collator) {}

  /**
   * The spelling of each tag by tag key (`tagKey`), brought up to date with the store's listings: the
   * whole account's first, then a narrower one from the server, which can bring tags of its own.
   */
  labelsOf(store: Pick<ContactStore, 'clearCount' | 'accountListing' | 'listing'>): ReadonlyMap<string, string> {
    const { clearCount, accountListing: account, listing } = store;
    const cleared = clearCount !== this.seen.clearCount;
    if (!cleared && account === this.seen.account && listing === this.seen.listing) return this.chosen;
    if (cleared) this.chosen.clear();
    if (account && (cleared || account !== this.seen.account)) this.read(account.contacts, account.complete);
    if (listing && listing !== account) this.read(listing.contacts, false);
    this.seen = { clearCount, account, listing };
    return this.chosen;
  }

  /**
   * Chooses a spelling for each tag of `contacts` that has none yet. `wholeAccount`: `contacts` are
   * every contact of the account, so a tag none of them carries is forgotten, and a spelling none of
   * them carries is chosen again.
   */
  private read(contacts: readonly Contact[], wholeAccount: boolean): void {
    // Contacts per spelling, by key; a contact carrying "VIP" and "vip" counts for its first spelling.
    const counts = new Map<string, Map<string, number>>();
    // Few distinct spellings, many tagged contacts: normalise each spelling once.
    const keys = new Map<string, string>();
    for (const contact of contacts) {
      const seen = contact.tags.length > 1 ? new Set<string>() : undefined;
      for (const tag of contact.tags) {
        let key = keys.get(tag);
        if (key === undefined) keys.set(tag, (key = tagKey(tag)));
        if (key === '' || (!wholeAccount && this.chosen.has(key))) continue;
        let spellings = counts.get(key);
        if (!spellings) counts.set(key, (spellings = new Map()));
        const spelling = tag.trim();
        const counted = seen?.has(key) ?? false;
        seen?.add(key);
        // A second spelling in the same contact is carried but not counted.
        spellings.set(spelling, (spellings.get(spelling) ?? 0) + (counted ? 0 : 1));
      }
    }
    if (wholeAccount) {
      for (const [key, spelling] of this.chosen) {
        const carried = counts.get(key);
        if (!carried) this.chosen.delete(key);
        else if (!carried.has(spelling)) this.chosen.set(key, mostCommonSpelling(carried, this.collator));
      }
    }
    for (const [key, spellings] of counts) {
      if (!this.chosen.has(key)) this.chosen.set(key, mostCommonSpelling(spellings, this.collator));
    }
  }
}
