import * as vscode from 'vscode';
import { HOVER_COMMANDS, type HoverLabels, contactHoverMarkdown } from '../contacts/contactMarkdown';
import type { FieldFormat } from '../contacts/fields';
import type { ContactsModel } from '../contacts/model';
import { contactsFor, referenceAt } from '../contacts/references';
import { localFieldFormat } from '../fieldFormat';
import { Owner } from '../lifecycle';
import { settings } from '../settings';

/** Every scheme: untitled files, git diffs, output channels and virtual documents hold payloads and logs too. */
const EVERY_DOCUMENT: vscode.DocumentSelector = [{ scheme: '*' }];

/**
 * Hovers over contact uuids and phone numbers in any editor. Only the loaded contacts are looked
 * at (two map lookups): a hover never sends a request nor starts a load, and shows nothing when
 * nothing matches.
 */
export class ContactHoverProvider extends Owner implements vscode.HoverProvider {
  private readonly format: FieldFormat = localFieldFormat();
  private readonly labels: HoverLabels = {
    openInCallbell: vscode.l10n.t('Open in Callbell'),
    copy: vscode.l10n.t('Copy…'),
    reveal: vscode.l10n.t('Reveal in Sidebar'),
    show: vscode.l10n.t('Show Contact'),
    more: vscode.l10n.t('and {0} more contacts with this number', '{0}'),
  };

  constructor(private readonly model: ContactsModel) {
    super();
    this.register(vscode.languages.registerHoverProvider(EVERY_DOCUMENT, this));
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (this.model.store.contacts.length === 0 || !settings.hoversEnabled()) return undefined;
    const reference = referenceAt(document.lineAt(position.line).text, position.character);
    if (!reference) return undefined;
    const contacts = contactsFor(this.model, reference);
    if (contacts.length === 0) return undefined;
    const markdown = new vscode.MarkdownString(contactHoverMarkdown(contacts, this.format, this.labels, (contact) => this.model.capabilities(contact)));
    // Links may run our own commands only; data never becomes HTML or a theme icon.
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, new vscode.Range(position.line, reference.start, position.line, reference.end));
  }
}
