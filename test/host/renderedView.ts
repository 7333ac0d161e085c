/**
 * What the workbench really draws, read from its DOM with playwright: a view pane (message, welcome
 * content, rows, title-bar actions) and the modal dialog, and clicks on their buttons. The selectors
 * are those of the VS Code 1.139 workbench. Used by the workbench bridge (host tests) and by the
 * screenshot mode; the types are what the bridge sends back.
 */
import type { Page } from 'playwright-core';

export interface RenderedRow {
  /** The row's label as drawn. */
  readonly label: string;
  /** The text beside the label (a group's count, a contact's phone number). */
  readonly description: string;
  /** What a screen reader says for the row. */
  readonly ariaLabel: string;
  /** 1 for root rows. */
  readonly level: number;
}

export interface RenderedView {
  /** The pane is in the DOM and shown: its container is open. */
  readonly visible: boolean;
  /** The text above the tree (`TreeView.message`), or undefined when none is drawn. */
  readonly message: string | undefined;
  /** The welcome content, when drawn instead of the tree: its paragraphs' text and its buttons' labels, in order. */
  readonly welcome: { readonly paragraphs: readonly string[]; readonly buttons: readonly string[] } | undefined;
  /** The rows drawn (only those scrolled into view: the tree renders no others). */
  readonly rows: readonly RenderedRow[];
  /** The view's title-bar actions by label (keybindings left out), including “More Actions…”. */
  readonly actions: readonly string[];
  /** The view's progress bar is running. */
  readonly progress: boolean;
}

export interface RenderedDialog {
  readonly message: string;
  /** The text under the message, lines kept; '' when there is none. */
  readonly detail: string;
  /** The buttons' labels, in the order they are drawn. */
  readonly buttons: readonly string[];
}

/** The little of the DOM the readers use: the test build has no DOM typings, and needs no more. */
interface Node {
  readonly classList: { contains(name: string): boolean };
  readonly innerText: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): Node | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
  closest(selector: string): Node | null;
  checkVisibility(): boolean;
}

/** The CSS class VS Code gives the icon of a view contributed with an image: `view-` and its id, dots and colons as dashes. */
function paneSelector(viewId: string): string {
  return `.pane:has(> .pane-header .icon.view-${viewId.replace(/[.:]/g, '-')})`;
}

export async function readView(page: Page, viewId: string): Promise<RenderedView> {
  return page.evaluate(([selector]) => {
    const document = (globalThis as unknown as { document: Node }).document;
    const all = (root: Node, query: string): Node[] => Array.from(root.querySelectorAll(query));
    const text = (node: Node | null): string => (node?.innerText ?? '').replace(/\s+/g, ' ').trim();
    const pane = document.querySelector(selector);
    if (!pane || !pane.checkVisibility()) return { visible: false, message: undefined, welcome: undefined, rows: [], actions: [], progress: false };
    const messageNode = pane.querySelector('.tree-explorer-viewlet-tree-view > .message');
    const message = messageNode && !messageNode.classList.contains('hide') && text(messageNode) !== '' ? text(messageNode) : undefined;
    const body = pane.querySelector('.pane-body');
    const content = body?.classList.contains('welcome') ? body.querySelector('.welcome-view-content') : null;
    const welcome = content
      ? { paragraphs: all(content, 'p').map(text), buttons: all(content, '.button-container .monaco-button').map(text) }
      : undefined;
    const tree = pane.querySelector('.customview-tree');
    const rows = tree && !tree.classList.contains('hide')
      ? all(tree, '.monaco-list-row').map((row) => ({
          label: text(row.querySelector('.label-name')),
          description: text(row.querySelector('.label-description')),
          ariaLabel: row.getAttribute('aria-label') ?? '',
          level: Number(row.getAttribute('aria-level') ?? '1'),
        }))
      : [];
    // Alone in its container, the view's header is merged into the container's title bar.
    const part = pane.closest('.part');
    const bar = pane.classList.contains('merged-header') ? part?.querySelector('.composite.title .title-actions') : pane.querySelector('.pane-header .actions');
    const actions = bar ? all(bar, '.action-label').map((action) => (action.getAttribute('aria-label') ?? '').replace(/ \([^()]*\)$/, '')).filter((label) => label !== '') : [];
    const bars = [...all(pane, '.monaco-progress-container'), ...(part ? all(part, ':scope > .content > .monaco-progress-container') : [])];
    const progress = bars.some((bar) => !bar.classList.contains('done') && bar.checkVisibility());
    return { visible: true, message, welcome, rows, actions, progress };
  }, [paneSelector(viewId)] as const);
}

export async function readDialog(page: Page): Promise<RenderedDialog | undefined> {
  const found = await page.evaluate(() => {
    const document = (globalThis as unknown as { document: Node }).document;
    const box = document.querySelector('.monaco-dialog-box');
    if (!box || !box.checkVisibility()) return null;
    const text = (node: Node | null): string => (node?.innerText ?? '').trim();
    return {
      message: text(box.querySelector('.dialog-message-text')),
      detail: text(box.querySelector('.dialog-message-detail')),
      buttons: Array.from(box.querySelectorAll('.dialog-buttons .monaco-button')).map(text),
    };
  });
  return found ?? undefined;
}

/** Clicks the welcome button labelled exactly `label` in the view, as a user would; fails naming the buttons there are. */
export async function clickWelcomeButton(page: Page, viewId: string, label: string): Promise<void> {
  const buttons = page.locator(`${paneSelector(viewId)} .pane-body.welcome .welcome-view-content .button-container .monaco-button`);
  await clickByLabel(buttons, label, 'welcome button');
}

/** Clicks the button labelled exactly `label` of the open dialog; fails naming the buttons there are. */
export async function clickDialogButton(page: Page, label: string): Promise<void> {
  await clickByLabel(page.locator('.monaco-dialog-box .dialog-buttons .monaco-button'), label, 'dialog button');
}

async function clickByLabel(buttons: ReturnType<Page['locator']>, label: string, what: string): Promise<void> {
  const labels = (await buttons.allInnerTexts()).map((text) => text.trim());
  const index = labels.indexOf(label);
  if (index < 0) throw new Error(`no ${what} “${label}”; there are: ${labels.length > 0 ? labels.map((l) => `“${l}”`).join(', ') : 'none'}`);
  await buttons.nth(index).click({ timeout: 5_000 });
}
