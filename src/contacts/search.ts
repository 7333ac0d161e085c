import type { Contact } from '../api/contact';
import { contactLabel, phoneDigits, sourceLabel } from './display';

/** Digits and the punctuation people type in phone numbers, nothing else. */
const PHONE_LIKE = /^[\d\s()+\-./]+$/;

/** The digits of `text` when it looks like (part of) a phone number with at least three digits. */
function phoneQueryDigits(text: string): string | undefined {
  const digits = phoneDigits(text);
  return digits.length >= 3 && PHONE_LIKE.test(text) ? digits : undefined;
}

interface IndexedContact {
  readonly contact: Contact;
  /** Name, tags, assigned user, custom field values and uuid, lower-cased and joined. */
  readonly text: string;
  readonly digits: string;
  readonly label: string;
}

/** Lower case without accents, so "alvaro" finds "Álvaro" and "nunez" finds "Núñez". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase();
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
      label: foldText(contactLabel(contact)),
      digits: phoneDigits(contact.phoneNumber ?? ''),
      text: foldText([
        contact.name,
        contact.phoneNumber ?? '',
        contact.assignedUser ?? '',
        contact.source ?? '',
        contact.source ? sourceLabel(contact.source) : '',
        contact.uuid,
        ...contact.tags,
        ...Object.values(contact.customFields),
      ].join('\n')),
    }));
  }

  /**
   * Contacts matching every word of the query, best first: name prefix, then name substring, then
   * any other field. A query with at least three digits also matches phone numbers digit by digit,
   * whatever their formatting, and so does each such word of a longer query ("marie 0611").
   */
  search(query: string, limit: number): Contact[] {
    const match = this.matcher(query);
    if (!match) return this.entries.slice(0, limit).map((entry) => entry.contact);
    const { firstWord, words } = match;
    const ranked: { contact: Contact; rank: number }[][] = [[], [], []];
    for (const entry of this.entries) {
      if (!match.test(entry)) continue;
      const rank = entry.label.startsWith(firstWord) ? 0 : words.every((word) => entry.label.includes(word)) ? 1 : 2;
      const bucket = ranked[rank];
      // Enough results of the best rank: the rest could never be shown.
      if (bucket.length < limit) bucket.push({ contact: entry.contact, rank });
      if (ranked[0].length >= limit) break;
    }
    return ranked.flat().slice(0, limit).map((result) => result.contact);
  }

  /** Every contact the query matches (as `search` matches them), in the order the index was built in. */
  matching(query: string): Contact[] {
    const match = this.matcher(query);
    if (!match) return this.entries.map((entry) => entry.contact);
    const found: Contact[] = [];
    for (const entry of this.entries) if (match.test(entry)) found.push(entry.contact);
    return found;
  }

  /** The test for one query, undefined when the query has no words (everything matches). */
  private matcher(query: string): { test: (entry: IndexedContact) => boolean; words: string[]; firstWord: string } | undefined {
    const words = foldText(query).split(/\s+/).filter((word) => word !== '');
    if (words.length === 0) return undefined;
    const digitsQuery = phoneQueryDigits(query.trim());
    const wordDigits = words.map(phoneQueryDigits);
    const matchesWord = (entry: IndexedContact, word: string, index: number): boolean => {
      if (entry.text.includes(word)) return true;
      const digits = wordDigits[index];
      return digits !== undefined && entry.digits.includes(digits);
    };
    const test = (entry: IndexedContact): boolean =>
      (digitsQuery !== undefined && entry.digits.includes(digitsQuery)) || words.every((word, index) => matchesWord(entry, word, index));
    return { test, words, firstWord: words[0] };
  }
}
