import type { Contact } from '../api/contact';
import { contactLabel, sourceKey, sourceLabel, tagKey } from './display';

export type GroupBy = 'tag' | 'source' | 'assignedUser' | 'none';

export const GROUP_BY_VALUES: readonly GroupBy[] = ['tag', 'source', 'assignedUser', 'none'];

export function parseGroupBy(value: unknown): GroupBy {
  return GROUP_BY_VALUES.includes(value as GroupBy) ? (value as GroupBy) : 'tag';
}

/**
 * `named` groups carry a label taken from the data; the others are the catch-all groups that the view
 * names itself (and lists last).
 */
export type GroupKind = 'named' | 'untagged' | 'unassigned' | 'noSource' | 'all';

export interface ContactGroup {
  /** Stable identity across refreshes, e.g. `tag:vip`; used in tree item ids. */
  readonly id: string;
  readonly kind: GroupKind;
  /** For `named` groups: the label to show (for tags, the spelling chosen for the tag, else the most common one). */
  readonly label: string;
  /** Sorted by name. */
  readonly contacts: readonly Contact[];
}

interface Bucket {
  readonly id: string;
  readonly kind: GroupKind;
  /** Given by the caller; otherwise the most common of `spellings`. */
  readonly label: string | undefined;
  readonly spellings: Map<string, number>;
  readonly contacts: Contact[];
}

export interface GroupOptions {
  /** The contacts are sorted by name already: a caller that keeps the sorted list skips the sort. */
  readonly presorted?: boolean;
  /**
   * The label of each tag group by tag key (see TagSpellings), so it does not depend on which contacts
   * are grouped; a tag without one is labelled with its most common spelling among them.
   */
  readonly tagLabels?: ReadonlyMap<string, string>;
}

/** Locale-aware, case- and accent-insensitive for ordering, numbers in natural order. */
export function createCollator(locale?: string): Intl.Collator {
  return new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
}

/**
 * Splits contacts into the groups shown in the tree. Contacts are sorted once and then distributed, so
 * each group inherits the order; cost is O(n log n) once per data change.
 */
export function groupContacts(
  contacts: readonly Contact[],
  groupBy: GroupBy,
  collator: Intl.Collator,
  options: GroupOptions = {},
): ContactGroup[] {
  // Sorting is most of the cost; a caller that keeps the sorted list skips it when only the grouping changes.
  const sorted = options.presorted ? contacts : sortContacts(contacts, collator);
  if (groupBy === 'none') {
    return [{ id: 'all', kind: 'all', label: '', contacts: sorted }];
  }
  const buckets = new Map<string, Bucket>();
  const add = (id: string, kind: GroupKind, spelling: string, contact: Contact, label?: string): void => {
    let bucket = buckets.get(id);
    if (!bucket) {
      bucket = { id, kind, label, spellings: new Map(), contacts: [] };
      buckets.set(id, bucket);
    }
    if (bucket.label === undefined) bucket.spellings.set(spelling, (bucket.spellings.get(spelling) ?? 0) + 1);
    bucket.contacts.push(contact);
  };

  // An account has few distinct tags but many tagged contacts: normalise each spelling once.
  const tagKeys = new Map<string, string>();
  const keyOfTag = (tag: string): string => {
    let key = tagKeys.get(tag);
    if (key === undefined) tagKeys.set(tag, (key = tagKey(tag)));
    return key;
  };

  for (const contact of sorted) {
    switch (groupBy) {
      case 'tag': {
        // A contact listing "VIP" and "vip" belongs to the group once.
        const seen = new Set<string>();
        for (const tag of contact.tags) {
          const key = keyOfTag(tag);
          if (key === '' || seen.has(key)) continue;
          seen.add(key);
          add(`tag:${key}`, 'named', tag.trim(), contact, options.tagLabels?.get(key));
        }
        if (seen.size === 0) add('untagged', 'untagged', '', contact);
        break;
      }
      case 'source': {
        const key = sourceKey(contact.source ?? '');
        if (key === '') add('noSource', 'noSource', '', contact);
        else add(`source:${key}`, 'named', sourceLabel(contact.source ?? ''), contact);
        break;
      }
      case 'assignedUser': {
        const user = contact.assignedUser?.trim() ?? '';
        if (user === '') add('unassigned', 'unassigned', '', contact);
        else add(`user:${user.toLowerCase()}`, 'named', user, contact);
        break;
      }
    }
  }

  const groups = [...buckets.values()].map<ContactGroup>((bucket) => ({
    id: bucket.id,
    kind: bucket.kind,
    label: bucket.label ?? mostCommonSpelling(bucket.spellings, collator),
    contacts: bucket.contacts,
  }));
  return groups.sort((a, b) => {
    const specialA = a.kind !== 'named';
    const specialB = b.kind !== 'named';
    if (specialA !== specialB) return specialA ? 1 : -1;
    return collator.compare(a.label, b.label) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  });
}

export function sortContacts(contacts: readonly Contact[], collator: Intl.Collator): Contact[] {
  // Labels are computed once, not in every comparison: this sort runs over tens of thousands of contacts.
  const keyed = contacts.map((contact) => ({ contact, label: contactLabel(contact) }));
  keyed.sort((a, b) => collator.compare(a.label, b.label) || (a.contact.uuid < b.contact.uuid ? -1 : a.contact.uuid > b.contact.uuid ? 1 : 0));
  return keyed.map((entry) => entry.contact);
}

/** Ties go to the spelling that sorts first, so the label does not depend on the order of the contacts. */
export function mostCommonSpelling(spellings: ReadonlyMap<string, number>, collator: Intl.Collator): string {
  let best = '';
  let bestCount = -1;
  for (const [spelling, count] of spellings) {
    if (count > bestCount || (count === bestCount && (collator.compare(spelling, best) || (spelling < best ? -1 : 1)) < 0)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

/** Every distinct value seen, with how many contacts carry it; used by the filter pickers. */
export interface ValueCount {
  readonly key: string;
  readonly label: string;
  readonly count: number;
}

export function countTags(contacts: readonly Contact[], collator: Intl.Collator, tagLabels?: ReadonlyMap<string, string>): ValueCount[] {
  return groupContacts(contacts, 'tag', collator, { tagLabels })
    .filter((group) => group.kind === 'named')
    .map((group) => ({ key: group.id.slice('tag:'.length), label: group.label, count: group.contacts.length }));
}

export function countSources(contacts: readonly Contact[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const contact of contacts) {
    const key = sourceKey(contact.source ?? '');
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
