import type { Contact } from '../api/contact';
import { MAX_PHONE_DIGITS, MIN_PHONE_DIGITS, type ContactsModel } from './model';

/**
 * Contact uuids and phone numbers inside text people read in an editor: webhook payloads, logs,
 * fixtures, SQL, support tickets. Only the hovered line is read, and of it only a window around the
 * position, so a megabyte of minified JSON on one line costs no more than a short line.
 */

/** A uuid or a phone number in a line, as character offsets into it (`end` exclusive). */
export interface ContactReference {
  readonly kind: 'uuid' | 'phone';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Characters read on each side of the position: far more than the longest number or uuid. */
const WINDOW = 96;
const UUID_LENGTH = 32;

const HEX_RUN = /[0-9a-fA-F]+/g;
/**
 * A phone number as people write it: an optional `+` (or `%2B` in a URL), then digits in groups
 * joined by at most one space, dot or hyphen, an area code or a trunk `(0)` possibly in parentheses.
 * Every repetition consumes a digit, so matching stays linear.
 */
const PHONE_RUN = /(?:\+|%2[bB])?(?:\(\d{1,5}\)[ \u00a0.-]?|\d)(?:[ \u00a0.-]?(?:\(\d{1,5}\)[ \u00a0.-]?)?\d)*/g;
/** What is around a real token: a letter, digit or underscore means the run belongs to a longer word. */
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;
const HEX_CHARACTER = /[0-9a-fA-F]/;

/** Shapes of digits that are not phone numbers. */
const NOT_PHONES: readonly RegExp[] = [
  // Dates: 2024-03-01, 2024.03.01, 01/03/2024, 01.03.2024 (and what follows them, a time).
  /^(?:19|20)\d\d([-./])\d{1,2}\1\d{1,2}(?!\d)/,
  /^\d{1,2}([-./])\d{1,2}\1(?:19|20)\d\d$/,
  // IPv4 addresses.
  /^\d{1,3}(?:\.\d{1,3}){3}$/,
  // A decimal number: digits, one dot, digits.
  /^\d+\.\d+$/,
];

/** The uuid or phone number at `character` in `line`, if there is one; a uuid wins where both could be. */
export function referenceAt(line: string, character: number): ContactReference | undefined {
  if (character < 0 || character > line.length) return undefined;
  const from = Math.max(0, character - WINDOW);
  const window = line.slice(from, Math.min(line.length, character + WINDOW));
  return uuidAt(line, window, from, character) ?? phoneAt(line, window, from, character);
}

function uuidAt(line: string, window: string, from: number, character: number): ContactReference | undefined {
  for (const match of window.matchAll(HEX_RUN)) {
    const start = from + match.index;
    const end = start + match[0].length;
    if (start > character) break;
    if (end < character || match[0].length !== UUID_LENGTH) continue;
    // A run cut by the window's edge goes on in the line: it is longer than a uuid.
    if (HEX_CHARACTER.test(line[start - 1] ?? '') || HEX_CHARACTER.test(line[end] ?? '')) continue;
    return { kind: 'uuid', text: match[0], start, end };
  }
  return undefined;
}

function phoneAt(line: string, window: string, from: number, character: number): ContactReference | undefined {
  for (const match of window.matchAll(PHONE_RUN)) {
    const start = from + match.index;
    const end = start + match[0].length;
    if (start > character) break;
    if (end < character) continue;
    return isPhoneNumber(line, match[0], start, end) ? { kind: 'phone', text: match[0], start, end } : undefined;
  }
  return undefined;
}

function isPhoneNumber(line: string, text: string, start: number, end: number): boolean {
  const before = line[start - 1] ?? '';
  const after = line[end] ?? '';
  // Inside a word, a hex run or a longer number (a window edge, a decimal, a version): not a phone.
  if (WORD_CHARACTER.test(before) || WORD_CHARACTER.test(after)) return false;
  if ((before === '.' || before === '-') && /\d/.test(line[start - 2] ?? '')) return false;
  if ((after === '.' || after === '-') && /\d/.test(line[end + 1] ?? '')) return false;
  const body = text.replace(/^(?:\+|%2[bB])/, '');
  if (NOT_PHONES.some((shape) => shape.test(body))) return false;
  const digits = body.replace(/\(\s*0\s*\)/g, '').replace(/\D+/g, '').replace(/^00/, '');
  return digits.length >= MIN_PHONE_DIGITS && digits.length <= MAX_PHONE_DIGITS;
}

/**
 * The loaded contacts a reference names: a uuid exactly (or written in capitals), a phone number
 * however it is formatted. Map lookups only: never a request.
 */
export function contactsFor(model: ContactsModel, reference: ContactReference): readonly Contact[] {
  if (reference.kind === 'uuid') {
    const contact = model.findByUuid(reference.text) ?? model.findByUuid(reference.text.toLowerCase());
    return contact ? [contact] : [];
  }
  return model.findByPhone(reference.text.replace(/^%2[bB]/, '+'));
}

/**
 * The number to ask Callbell about for what was typed in the search, or undefined when the text is
 * not a phone number: `+` and the digits when written internationally (`+…` or `00…`), else the
 * digits as typed, since the country is not known.
 */
export function lookupPhoneNumber(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().\-\u00a0]+$/.test(trimmed)) return undefined;
  const international = trimmed.startsWith('+') || /^\(?00/.test(trimmed);
  const digits = trimmed.replace(/\(\s*0\s*\)/g, '').replace(/\D+/g, '').replace(/^00/, '');
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return undefined;
  return international ? `+${digits}` : digits;
}
