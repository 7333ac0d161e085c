import * as vscode from 'vscode';
import type { Contact } from '../api/contact';
import { type CardLabels, contactCardMarkdown } from '../contacts/contactMarkdown';
import type { FieldFormat } from '../contacts/fields';
import type { ContactsModel } from '../contacts/model';
import { localFieldFormat } from '../fieldFormat';
import { Owner } from '../lifecycle';

/** The URI scheme of contact cards: `callbell-contact:/<uuid>.md`, read-only and never on disk. */
export const CONTACT_SCHEME = 'callbell-contact';

export function contactUri(uuid: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CONTACT_SCHEME, path: `/${encodeURIComponent(uuid)}.md` });
}

function uuidOf(uri: vscode.Uri): string | undefined {
  const match = /^\/([^/]+)\.md$/.exec(uri.path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * Contact cards as virtual Markdown documents. A card shows the loaded contact and follows it: when
 * a load changes what the card would say, the document changes; when the contact is gone, the card
 * says so and keeps its last known fields.
 */
export class ContactDocumentProvider extends Owner implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly format: FieldFormat = localFieldFormat();
  private readonly labels: CardLabels = {
    conversationLink: vscode.l10n.t('Conversation link'),
    gone: vscode.l10n.t('This contact is no longer in the loaded contacts.'),
    lookedUp: vscode.l10n.t('Looked up on Callbell by phone number; not among the loaded contacts.'),
  };
  /** Per open card (by uuid): the text last handed to VS Code and the contact it showed. */
  private readonly cards = new Map<string, { text: string; contact?: Contact; lookedUp?: Contact }>();
  private seenVersion: number;

  constructor(private readonly model: ContactsModel) {
    super();
    this.seenVersion = model.version;
    this.register(vscode.workspace.registerTextDocumentContentProvider(CONTACT_SCHEME, this));
    this.register(model.store.onDidChange(() => this.update()));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => {
      const uuid = document.uri.scheme === CONTACT_SCHEME ? uuidOf(document.uri) : undefined;
      if (uuid !== undefined) this.cards.delete(uuid);
    }));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const uuid = uuidOf(uri);
    if (uuid === undefined) return '';
    const card = this.cards.get(uuid) ?? { text: '' };
    card.text = this.render(uuid, card);
    this.cards.set(uuid, card);
    return card.text;
  }

  /** Opens the card of a contact; one that is not loaded (a phone lookup's result) is shown as it came. */
  async show(contact: Contact): Promise<vscode.TextEditor> {
    if (!this.model.findByUuid(contact.uuid)) this.cards.set(contact.uuid, { text: '', lookedUp: contact });
    const uri = contactUri(contact.uuid);
    // An open card may be stale in VS Code's cache; this asks for the current text.
    if (this.cards.has(contact.uuid)) this.changed.fire(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'markdown') document = await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    return vscode.window.showTextDocument(document, { preview: true });
  }

  private render(uuid: string, card: { contact?: Contact; lookedUp?: Contact }): string {
    const loaded = this.model.findByUuid(uuid);
    if (loaded) {
      card.contact = loaded;
      card.lookedUp = undefined;
      return contactCardMarkdown(loaded, this.format, this.labels);
    }
    if (card.lookedUp) return contactCardMarkdown(card.lookedUp, this.format, this.labels, 'lookedUp');
    const last = card.contact ?? { uuid, name: '', tags: [], customFields: {}, raw: {} };
    return contactCardMarkdown(last, this.format, this.labels, 'gone');
  }

  /** After a load: the cards whose text would change are told to ask again. */
  private update(): void {
    if (this.model.version === this.seenVersion) return;
    this.seenVersion = this.model.version;
    for (const [uuid, card] of this.cards) {
      if (this.render(uuid, { ...card }) !== card.text) this.changed.fire(contactUri(uuid));
    }
  }
}
