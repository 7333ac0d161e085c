import type { Contact } from '../api/contact';
import { contactLabel, wellFormed } from './display';
import { ENGLISH_FIELD_LABELS, type FieldFormat, contactFields, formatFieldValue } from './fields';
import { safeDashboardLink } from './links';

/**
 * A readable multi-line summary, one `Label: value` per line in the field table's order, absent
 * fields left out. Custom fields come last, indented under their own heading, so a field named
 * "Dashboard" cannot pass for the checked link.
 */
export function formatDetails(contact: Contact, format: FieldFormat = { labels: ENGLISH_FIELD_LABELS }): string {
  const line = (label: string, value: string): string => `${oneLine(label)}: ${oneLine(value)}`;
  const fields = contactFields(contact, format);
  const lines = fields.filter((field) => field.id !== 'customField').map((field) => line(field.label, field.display));
  const custom = fields.filter((field) => field.id === 'customField' && field.display !== '');
  if (custom.length > 0) lines.push(`${format.labels.customFields}:`, ...custom.map((field) => `  ${line(field.label, field.display)}`));
  return lines.join('\n');
}

/** The contact as the API returned it. */
export function formatJson(contact: Contact): string {
  return JSON.stringify(contact.raw, null, 2);
}

/**
 * vCard 3.0 (RFC 2426), which address books and phones import. Callbell keeps a name as one free
 * text (often a chat profile name), so which words are the family name is unknown: the whole name is
 * the formatted name (FN), and N, which 3.0 requires, is present with its five parts empty, as
 * address books themselves write a contact without a structured name. A guessed split would file
 * "Beatrice De Luca" or "Juan Carlos Pérez" under the wrong family name.
 */
export function formatVCard(contact: Contact): string {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${vCardText(contactLabel(contact))}`, 'N:;;;;'];
  if (contact.phoneNumber) lines.push(`TEL;TYPE=CELL:${vCardText(contact.phoneNumber)}`);
  if (contact.tags.length > 0) lines.push(`CATEGORIES:${contact.tags.map(vCardText).join(',')}`);
  // A URI value, not text: RFC 2426 does not escape it. Only a checked dashboard link gets this far.
  const link = safeDashboardLink(contact.href);
  if (link) lines.push(`URL:${link}`);
  const notes = Object.entries(contact.customFields).map(([key, value]) => `${key}: ${formatFieldValue(value)}`);
  if (notes.length > 0) lines.push(`NOTE:${vCardText(notes.join('\n'))}`);
  lines.push(`UID:${vCardText(contact.uuid)}`, 'END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** RFC 2426 §2.6: lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 sequence. */
function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    // Continuation lines start with a space, which counts towards their 75 octets.
    if (octets + size > (pieces.length === 0 ? 75 : 74)) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += character;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}

/** Every character some reader takes for a line break: a card must not gain lines from data. */
const LINE_BREAKS = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/g;
/** Other controls and bidi overrides: not allowed in vCard values, and misleading in copied text. */
const STRAY_CONTROLS = /[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]/g;

function vCardText(value: string): string {
  return wellFormed(value)
    .replace(STRAY_CONTROLS, '')
    .replace(/\\/g, '\\\\')
    .replace(LINE_BREAKS, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;');
}

/** Line breaks inside a value (or a custom field's name) would break the `Label: value` layout. */
function oneLine(value: string): string {
  return wellFormed(value).replace(STRAY_CONTROLS, '').replace(new RegExp(`\\s*(?:${LINE_BREAKS.source})+\\s*`, 'g'), ' ');
}
