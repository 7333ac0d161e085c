import type { Contact } from './contact';
import { CallbellError } from './errors';
import { messages } from './messages';
import { type ParseWarning, parseContact } from './parse';

/**
 * `{ "contact": {…} }` from the single-contact endpoints; the reference shows a one-element array
 * instead (as `contact` or as the whole body), so each is read. Undefined when the response holds no contact (`null`, `[]`).
 */
export function parseSingleContact(json: unknown, onWarning: ParseWarning): Contact | undefined {
  const wrapped: unknown = Array.isArray(json) ? { contact: json } : json;
  if (typeof wrapped !== 'object' || wrapped === null || Array.isArray(wrapped) || !('contact' in wrapped)) {
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.noContact), { reason: 'noContacts' });
  }
  const entry: unknown = Array.isArray(wrapped.contact) ? wrapped.contact[0] : wrapped.contact;
  if (entry === undefined || entry === null) return undefined;
  const result = parseContact(entry);
  if ('reason' in result) throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.badContact), { reason: 'unreadable' });
  if (result.truncated) onWarning({ code: 'contactTruncated', message: messages.contactTruncated(result.contact.uuid) });
  return result.contact;
}
