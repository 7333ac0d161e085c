import type { Contact } from '../api/contact';
import { phoneDigits } from './display';
import { checkDashboardLink } from './links';

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
