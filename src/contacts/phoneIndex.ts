import type { Contact } from '../api/contact';
import { phoneKey } from './capabilities';

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

/**
 * Loaded contacts by phone number, however it is written: the exact digits first, then, for a number
 * written nationally, its international form and back. O(1): two map lookups.
 */
export class PhoneIndex {
  private readonly byKey = new Map<string, Contact[]>();
  /** Keyed on the last PHONE_TAIL_DIGITS digits, for numbers written nationally. */
  private readonly byTail = new Map<string, PhoneEntry[]>();

  constructor(contacts: readonly Contact[]) {
    for (const contact of contacts) {
      const key = phoneKey(contact.phoneNumber ?? '');
      if (key === undefined) continue;
      addTo(this.byKey, key, contact);
      if (key.length >= PHONE_TAIL_DIGITS) addTo(this.byTail, key.slice(-PHONE_TAIL_DIGITS), { key, contact });
    }
  }

  find(text: string): readonly Contact[] {
    const key = phoneKey(text);
    if (key === undefined) return [];
    const exact = this.byKey.get(key);
    if (exact) return exact;
    if (key.length < PHONE_TAIL_DIGITS) return [];
    const sameTail = this.byTail.get(key.slice(-PHONE_TAIL_DIGITS)) ?? [];
    return sameTail.filter((entry) => sameNationalNumber(key, entry.key)).map((entry) => entry.contact);
  }
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
