import type { Contact } from '../api/contact';
import { COMMANDS, type CommandId } from '../names';
import { contactLabel, plainText } from './display';
import { type FieldFormat, type FieldId, contactFields } from './fields';
import { safeDashboardLink } from './links';
import { markdownText } from './markdown';
import type { ContactCapabilities } from './model';

/**
 * A contact as Markdown, for the editor hover and the contact card. Every piece of data goes
 * through markdownText; the only links are command links to our own commands, carrying the uuid
 * alone, and (on the card) dashboard links that passed the same check as "Open in Callbell".
 */

/** Longest value shown in a hover; the card shows whole values. */
const MAX_HOVER_VALUE = 300;
/** Contacts sharing one number shown in one hover. */
export const MAX_HOVER_CONTACTS = 3;

/** The fields a hover shows under the name. */
const HOVER_FIELDS: ReadonlySet<FieldId> = new Set(['phoneNumber', 'source', 'tags', 'assignedUser']);

/** The commands a hover's links run: what a hover's MarkdownString trusts, and nothing more. */
export const HOVER_COMMANDS: readonly CommandId[] = [COMMANDS.openInCallbell, COMMANDS.copyContact, COMMANDS.revealContact, COMMANDS.showContact];

export interface HoverLabels {
  readonly openInCallbell: string;
  readonly copy: string;
  readonly reveal: string;
  readonly show: string;
  /** `{0}` is how many more contacts have the number. */
  readonly more: string;
}

export interface CardLabels {
  readonly conversationLink: string;
  /** Said at the top when the contact is not among the loaded contacts any more. */
  readonly gone: string;
  /** Said at the top of a contact that came from a phone lookup, not from the loaded contacts. */
  readonly lookedUp: string;
}

/**
 * `command:` URI with its arguments as JSON, percent-encoded, parentheses and quotes included, so a
 * uuid can never end the Markdown link early.
 */
export function commandUri(command: CommandId, args: readonly unknown[]): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${encoded}`;
}

function commandLink(label: string, command: CommandId, uuid: string): string {
  return `[${markdownText(label)}](${commandUri(command, [uuid])})`;
}

/** One hover for the loaded contacts a uuid or a number names. */
export function contactHoverMarkdown(
  contacts: readonly Contact[],
  format: FieldFormat,
  labels: HoverLabels,
  capabilities: (contact: Contact) => ContactCapabilities,
): string {
  const sections = contacts.slice(0, MAX_HOVER_CONTACTS).map((contact) => {
    const lines = [`**${markdownText(plainText(contactLabel(contact), MAX_HOVER_VALUE))}**`, ''];
    for (const field of contactFields(contact, format)) {
      if (!HOVER_FIELDS.has(field.id)) continue;
      lines.push(`- ${markdownText(field.label)}: ${markdownText(plainText(field.display, MAX_HOVER_VALUE))}`);
    }
    const actions = [
      capabilities(contact).hasHref ? commandLink(labels.openInCallbell, COMMANDS.openInCallbell, contact.uuid) : undefined,
      commandLink(labels.copy, COMMANDS.copyContact, contact.uuid),
      commandLink(labels.reveal, COMMANDS.revealContact, contact.uuid),
      commandLink(labels.show, COMMANDS.showContact, contact.uuid),
    ].filter((action) => action !== undefined);
    lines.push('', actions.join(' · '));
    return lines.join('\n');
  });
  if (contacts.length > MAX_HOVER_CONTACTS) sections.push(markdownText(labels.more.replace('{0}', String(contacts.length - MAX_HOVER_CONTACTS))));
  return sections.join('\n\n---\n\n');
}

/** A checked dashboard link as a Markdown link whose text is the link itself, escaped. */
function dashboardLink(href: string | undefined): string | undefined {
  const url = safeDashboardLink(href);
  if (url === undefined) return undefined;
  // The checked URL has no spaces or angle brackets; parentheses would end the link target.
  const target = url.replace(/[()]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${markdownText(url)}](${target})`;
}

/**
 * The contact card: a heading with the name, every field of the table (the dashboard link as a
 * link), the conversation link, and the custom fields under their own heading. `note` says where
 * the contact stands when it is not a loaded contact.
 */
export function contactCardMarkdown(contact: Contact, format: FieldFormat, labels: CardLabels, note?: 'gone' | 'lookedUp'): string {
  const lines = [`# ${markdownText(contactLabel(contact))}`, ''];
  if (note) lines.push(`> ${markdownText(note === 'gone' ? labels.gone : labels.lookedUp)}`, '');
  const fields = contactFields(contact, format);
  for (const field of fields) {
    if (field.id === 'customField') continue;
    const value = field.id === 'dashboardLink' ? dashboardLink(field.value) : markdownText(field.display);
    lines.push(`- **${markdownText(field.label)}:** ${value}`);
  }
  const conversation = dashboardLink(contact.conversationHref);
  if (conversation) lines.push(`- **${markdownText(labels.conversationLink)}:** ${conversation}`);
  const custom = fields.filter((field) => field.id === 'customField');
  if (custom.length > 0) {
    lines.push('', `## ${markdownText(format.labels.customFields)}`, '');
    for (const field of custom) lines.push(`- **${markdownText(field.label)}:** ${markdownText(field.display)}`);
  }
  return `${lines.join('\n')}\n`;
}
