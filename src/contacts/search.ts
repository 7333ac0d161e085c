import type { Contact } from '../api/contact';
import { contactLabel, phoneDigits } from './display';

interface IndexedContact {
  readonly contact: Contact;
  /** Name, tags, assigned user, custom field values and uuid, lower-cased and joined. */
  readonly text: string;
  readonly digits: string;
  readonly label: string;
}

/**
 * Search over the loaded contacts. Built once per data change so each keystroke is a plain scan of
 * prepared strings, which stays well under a frame for tens of thousands of contacts.
 */
export class ContactSearchIndex {
  private readonly entries: readonly IndexedContact[];

  constructor(contacts: readonly Contact[]) {
    this.entries = contacts.map((contact) => ({
      contact,
      label: contactLabel(contact).toLocaleLowerCase(),
      digits: phoneDigits(contact.phoneNumber ?? ''),
      text: [
        contact.name,
        contact.phoneNumber ?? '',
        contact.assignedUser ?? '',
        contact.source ?? '',
        contact.uuid,
        ...contact.tags,
        ...Object.values(contact.customFields),
      ]
        .join('\n')
        .toLocaleLowerCase(),
    }));
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Contacts matching every word of the query, best first: name prefix, then name substring, then
   * any other field. A query with at least three digits also matches phone numbers digit by digit,
   * whatever their formatting.
   */
  search(query: string, limit: number): Contact[] {
    const words = query.toLocaleLowerCase().split(/\s+/).filter((word) => word !== '');
    if (words.length === 0) return this.entries.slice(0, limit).map((entry) => entry.contact);
    const queryDigits = phoneDigits(query);
    const digitsQuery = queryDigits.length >= 3 && /^[\d\s()+\-./]+$/.test(query.trim()) ? queryDigits : undefined;

    const ranked: { contact: Contact; rank: number }[][] = [[], [], []];
    for (const entry of this.entries) {
      const digitMatch = digitsQuery !== undefined && entry.digits.includes(digitsQuery);
      if (!digitMatch && !words.every((word) => entry.text.includes(word))) continue;
      const rank = entry.label.startsWith(words[0]) ? 0 : words.every((word) => entry.label.includes(word)) ? 1 : 2;
      const bucket = ranked[rank];
      // Enough results of the best rank: the rest could never be shown.
      if (bucket.length < limit) bucket.push({ contact: entry.contact, rank });
      if (ranked[0].length >= limit) break;
    }
    return ranked.flat().slice(0, limit).map((result) => result.contact);
  }
}
