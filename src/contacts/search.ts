import type { Contact } from '../api/contact';
import { contactLabel, phoneDigits, sourceLabel } from './display';

/** Digits and the punctuation people type in phone numbers, nothing else. */
const PHONE_LIKE = /^[\d\s()+\-./]+$/;
/** Fewer digits than this would match phone numbers by accident. */
const MIN_QUERY_DIGITS = 3;
/** Reasons shown for one result at most: the detail line is short. */
const MAX_REASONS = 3;
/**
 * Matches counted at most once the best results are found: an exact count beyond this would cost a
 * scan of every contact on each keystroke, and "1,000 or more" says as much.
 */
export const MAX_COUNTED = 1000;

/** The digits of `text` when it looks like (part of) a phone number with at least three digits. */
function phoneQueryDigits(text: string): string | undefined {
  const digits = phoneDigits(text);
  return digits.length >= MIN_QUERY_DIGITS && PHONE_LIKE.test(text) ? digits : undefined;
}

/**
 * Why a contact matched, when the matching field is not on its row already (its name, phone and
 * source are): raw values as the contact has them, for the surface to clean and word.
 */
export type MatchReason =
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'customField'; readonly name: string; readonly value: string }
  | { readonly kind: 'assignedUser'; readonly user: string };

export interface SearchMatch {
  readonly contact: Contact;
  readonly reasons: readonly MatchReason[];
}

export interface SearchResults {
  /** The best matches, at most the limit asked for. */
  readonly matches: readonly SearchMatch[];
  /** How many contacts match in all, so a surface can say when it shows only some; at least this many when not `totalIsExact`. */
  readonly total: number;
  readonly totalIsExact: boolean;
}

/** One thing to find: a word, or a phone number typed in several groups ("+33 4 12"). */
interface Term {
  /** Folded, as typed. */
  readonly text: string;
  /** The digits to find in phone numbers, when the term looks like a phone number. */
  readonly digits?: string;
  /** A number typed in groups is one number: only phone numbers can match it. */
  readonly numberOnly: boolean;
  /** Typed with its "+": a country code, so it matches international numbers from their start only. */
  readonly fromStart?: boolean;
}

interface Matcher {
  readonly terms: readonly Term[];
  readonly test: (entry: IndexedContact) => boolean;
}

/** The fields a reason can name, folded; made for the few contacts a search shows. */
interface ReasonFields {
  /** What the result's row shows anyway: name, phone, source. */
  readonly shown: string;
  readonly tags: readonly (readonly [folded: string, tag: string])[];
  readonly customFields: readonly (readonly [folded: string, name: string, value: string])[];
  readonly assignedUser: string;
}

interface IndexedContact {
  readonly contact: Contact;
  /** Name, tags, assigned user, custom field values and uuid, lower-cased and joined. */
  readonly text: string;
  readonly digits: string;
  /** The digits of an international number ("+…" or "00…"), country code first; undefined for a national one. */
  readonly international: string | undefined;
  readonly label: string;
  reasonFields?: ReasonFields;
}

/** Lower case without accents, so "alvaro" finds "Álvaro" and "nunez" finds "Núñez". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase();
}

/**
 * The query's terms. Words in a row that all look like parts of a phone number make one number,
 * so "+33 4 12" finds "+33 4 12 34 56 78" and not every contact with a 4 somewhere.
 */
function queryTerms(query: string): Term[] {
  const words = foldText(query).split(/\s+/).filter((word) => word !== '');
  const terms: Term[] = [];
  let run: string[] = [];
  const endRun = (): void => {
    const digits = run.length > 1 ? phoneQueryDigits(run.join(' ')) : undefined;
    if (digits !== undefined) terms.push({ text: run.join(' '), digits, numberOnly: true, fromStart: run[0].startsWith('+') });
    else for (const word of run) terms.push({ text: word, digits: phoneQueryDigits(word), numberOnly: false, fromStart: word.startsWith('+') });
    run = [];
  };
  for (const word of words) {
    if (PHONE_LIKE.test(word)) {
      run.push(word);
      continue;
    }
    endRun();
    terms.push({ text: word, numberOnly: false });
  }
  endRun();
  return terms;
}

/** Whether the term's digits are in the contact's phone number: anywhere, or after its "+" when typed with one. */
function digitsMatch(entry: IndexedContact, term: Term): boolean {
  if (term.digits === undefined) return false;
  return term.fromStart ? entry.international?.startsWith(term.digits) === true : entry.digits.includes(term.digits);
}

function internationalDigits(phone: string, digits: string): string | undefined {
  const start = phone.trimStart();
  if (start.startsWith('+')) return digits;
  return start.startsWith('00') ? digits.slice(2) : undefined;
}

function matchesTerm(entry: IndexedContact, term: Term): boolean {
  if (digitsMatch(entry, term)) return true;
  return !term.numberOnly && entry.text.includes(term.text);
}

/**
 * Search over the loaded contacts. Built once per data change so each keystroke is a plain scan of
 * prepared strings, which stays well under a frame for tens of thousands of contacts.
 */
export class ContactSearchIndex {
  private readonly entries: readonly IndexedContact[];

  constructor(contacts: readonly Contact[]) {
    this.entries = contacts.map((contact) => {
      const phone = contact.phoneNumber ?? '';
      const digits = phoneDigits(phone);
      return {
        contact,
        label: foldText(contactLabel(contact)),
        digits,
        international: internationalDigits(phone, digits),
        text: foldText([
          contact.name,
          phone,
          contact.assignedUser ?? '',
          contact.source ?? '',
          contact.source ? sourceLabel(contact.source) : '',
          contact.uuid,
          ...contact.tags,
          ...Object.values(contact.customFields),
        ].join('\n')),
      };
    });
  }

  /**
   * Contacts matching every term of the query, best first: name prefix, then name substring, then
   * any other field. A word with at least three digits also matches phone numbers digit by digit,
   * whatever their formatting ("marie 0611"); a number typed in groups matches phone numbers only.
   */
  search(query: string, limit: number): Contact[] {
    return this.ranked(query, limit).entries.map((entry) => entry.contact);
  }

  /** As `search`, with how many contacts match in all and why each shown one matched. */
  find(query: string, limit: number): SearchResults {
    const { entries, total, totalIsExact, terms } = this.ranked(query, limit);
    return { total, totalIsExact, matches: entries.map((entry) => ({ contact: entry.contact, reasons: reasonsOf(entry, terms) })) };
  }

  /** Every contact the query matches (as `search` matches them), in the order the index was built in. */
  matching(query: string): Contact[] {
    const match = this.matcher(query);
    if (!match) return this.entries.map((entry) => entry.contact);
    const found: Contact[] = [];
    for (const entry of this.entries) if (match.test(entry)) found.push(entry.contact);
    return found;
  }

  private ranked(query: string, limit: number): { entries: IndexedContact[]; total: number; totalIsExact: boolean; terms: readonly Term[] } {
    const match = this.matcher(query);
    if (!match) return { entries: this.entries.slice(0, Math.max(limit, 0)), total: this.entries.length, totalIsExact: true, terms: [] };
    const { terms } = match;
    const first = terms[0].text;
    const ranked: IndexedContact[][] = [[], [], []];
    let total = 0;
    let totalIsExact = true;
    for (const [index, entry] of this.entries.entries()) {
      if (!match.test(entry)) continue;
      total++;
      if (ranked[0].length < limit) {
        const rank = entry.label.startsWith(first) ? 0 : terms.every((term) => entry.label.includes(term.text)) ? 1 : 2;
        // Enough results of this rank: the rest of it could never be shown.
        if (ranked[rank].length < limit) ranked[rank].push(entry);
      }
      // The best rank is full and enough are counted: the rest could change neither the results nor what is said of them.
      if (ranked[0].length >= limit && total >= MAX_COUNTED) {
        totalIsExact = index === this.entries.length - 1;
        break;
      }
    }
    return { entries: ranked.flat().slice(0, Math.max(limit, 0)), total, totalIsExact, terms };
  }

  /** The test for one query, undefined when the query has no words (everything matches). */
  private matcher(query: string): Matcher | undefined {
    const terms = queryTerms(query);
    if (terms.length === 0) return undefined;
    return { terms, test: (entry) => terms.every((term) => matchesTerm(entry, term)) };
  }
}

/** The tags, custom fields or assigned user that terms matched when the row's own text did not. */
function reasonsOf(entry: IndexedContact, terms: readonly Term[]): MatchReason[] {
  const reasons: MatchReason[] = [];
  const seen = new Set<string>();
  const add = (key: string, reason: MatchReason): void => {
    if (seen.has(key) || reasons.length >= MAX_REASONS) return;
    seen.add(key);
    reasons.push(reason);
  };
  for (const term of terms) {
    if (term.numberOnly || digitsMatch(entry, term)) continue;
    const fields = (entry.reasonFields ??= reasonFieldsOf(entry.contact));
    if (fields.shown.includes(term.text)) continue;
    const tag = fields.tags.find(([folded]) => folded.includes(term.text));
    const field = tag ? undefined : fields.customFields.find(([folded]) => folded.includes(term.text));
    if (tag) add(`t${tag[1]}`, { kind: 'tag', tag: tag[1] });
    else if (field) add(`f${field[1]}`, { kind: 'customField', name: field[1], value: field[2] });
    else if (fields.assignedUser.includes(term.text) && entry.contact.assignedUser) add('u', { kind: 'assignedUser', user: entry.contact.assignedUser });
  }
  return reasons;
}

function reasonFieldsOf(contact: Contact): ReasonFields {
  const source = contact.source ? `${contact.source}\n${sourceLabel(contact.source)}` : '';
  return {
    shown: foldText([contactLabel(contact), contact.phoneNumber ?? '', source].join('\n')),
    tags: contact.tags.map((tag) => [foldText(tag), tag] as const),
    customFields: Object.entries(contact.customFields).map(([name, value]) => [foldText(value), name, value] as const),
    assignedUser: foldText(contact.assignedUser ?? ''),
  };
}
