import type { Contact } from '../api/contact';
import { wellFormed } from './display';
import { type FieldFormat, contactFields, fieldColumns } from './fields';

/**
 * Contacts as CSV or JSON files, produced a chunk at a time so a large export never holds the whole
 * file in memory and the writer can yield between chunks (see exportFile.ts).
 */

export type ExportFormat = 'csv' | 'json';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json'];

/** A piece of the file and how many contacts it has covered so far. */
export interface ExportChunk {
  readonly text: string;
  readonly done: number;
}

/**
 * Contacts per chunk: big enough to write efficiently, small enough that building one never holds the
 * event loop long (test/bench/filters.bench.ts measures the longest stall).
 */
export const EXPORT_CHUNK_SIZE = 250;

/** Excel and others start a text with a byte-order mark as UTF-8, instead of the system's code page. */
const BYTE_ORDER_MARK = '\ufeff';
/** Cells a spreadsheet would run as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function exportChunks(contacts: readonly Contact[], format: ExportFormat, fieldFormat: FieldFormat, chunkSize = EXPORT_CHUNK_SIZE): Generator<ExportChunk> {
  return format === 'csv' ? csvChunks(contacts, fieldFormat, chunkSize) : jsonChunks(contacts, chunkSize);
}

/**
 * One cell of RFC 4180 CSV. A cell that a spreadsheet would take for a formula gets a leading `'`
 * and quotes, per OWASP's CSV-injection guidance; a cell with a quote, a comma or a line break is
 * quoted with its quotes doubled. Everything else is written as it is.
 */
export function csvCell(value: string): string {
  const text = wellFormed(value);
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV (RFC 4180: CRLF line ends), UTF-8 with a byte-order mark: a column per field of the field table,
 * then one per custom field seen, by name. Dates as the API sent them, tags joined by `; `.
 */
export function* csvChunks(contacts: readonly Contact[], fieldFormat: FieldFormat, chunkSize = EXPORT_CHUNK_SIZE): Generator<ExportChunk> {
  // Dates as sent: a format without a date formatter gives the raw text.
  const format: FieldFormat = { labels: fieldFormat.labels };
  const columns = fieldColumns(format.labels);
  const customNames = new Set<string>();
  for (let index = 0; index < contacts.length; index++) {
    for (const name of Object.keys(contacts[index].customFields)) customNames.add(name);
    // Finding the columns is a pass of its own: let the writer yield between its pieces too.
    if ((index + 1) % (chunkSize * 4) === 0) yield { text: '', done: 0 };
  }
  // The field table's key for a custom field, so each row reads its values by the same keys.
  const keys = [...columns.map((column) => column.id as string), ...[...customNames].map((name) => `field:${encodeURIComponent(name)}`)];
  const header = [...columns.map((column) => column.label), ...customNames];
  let text = BYTE_ORDER_MARK + csvLine(header);
  for (let index = 0; index < contacts.length; index++) {
    const contact = contacts[index];
    const values = new Map<string, string>();
    for (const field of contactFields(contact, format)) values.set(field.key, field.value);
    values.set('tags', contact.tags.join('; '));
    text += csvLine(keys.map((key) => values.get(key) ?? ''));
    if ((index + 1) % chunkSize === 0) {
      yield { text, done: index + 1 };
      text = '';
    }
  }
  if (text !== '') yield { text, done: contacts.length };
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * The contacts as the API returned them (`raw`), as a JSON array: the same text as
 * `JSON.stringify(raws, null, 2)`, built one contact at a time.
 */
export function* jsonChunks(contacts: readonly Contact[], chunkSize = EXPORT_CHUNK_SIZE): Generator<ExportChunk> {
  if (contacts.length === 0) {
    yield { text: '[]', done: 0 };
    return;
  }
  let text = '[\n';
  for (let index = 0; index < contacts.length; index++) {
    // JSON.stringify never leaves a raw line break inside a string, so indenting every line is safe.
    text += `  ${JSON.stringify(contacts[index].raw, null, 2).replace(/\n/g, '\n  ')}${index + 1 < contacts.length ? ',\n' : '\n]'}`;
    if ((index + 1) % chunkSize === 0 || index + 1 === contacts.length) {
      yield { text, done: index + 1 };
      text = '';
    }
  }
}
