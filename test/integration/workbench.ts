/**
 * What the user sees, for host tests: the client of the runner's workbench bridge
 * (test/host/workbenchBridge.ts), which reads the real workbench DOM in the chromium page. Only the
 * code-server runner has one (`hasWorkbench()`); under `npm run test:desktop` tests that need it skip.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RenderedDialog, RenderedView } from '../host/renderedView';
import { VIEW_ID } from '../../src/names';

export type { RenderedDialog, RenderedRow, RenderedView } from '../host/renderedView';

/** Kept in step with WORKBENCH_BRIDGE_ENV in test/host/workbenchBridge.ts (which this file must not import at run time). */
const BRIDGE_ENV = 'CALLBELL_TEST_WORKBENCH';

/** The runner draws the workbench in a page the tests can read. */
export function hasWorkbench(): boolean {
  return (process.env[BRIDGE_ENV] ?? '') !== '';
}

async function ask<T>(query: string, args: Record<string, unknown> = {}): Promise<T> {
  const address = process.env[BRIDGE_ENV];
  assert.ok(address, `${BRIDGE_ENV} is not set: the rendered workbench is only readable under the code-server runner (npm run test:host)`);
  const response = await fetch(`${address}/${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`workbench ${query}: ${body.error ?? response.status}`);
  return body;
}

/** The Contacts view as drawn now. Opens it first when its container is not shown (nothing renders until then). */
export async function renderedView(): Promise<RenderedView> {
  const view = await ask<RenderedView>('view', { viewId: VIEW_ID });
  if (view.visible) return view;
  await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  return ask<RenderedView>('view', { viewId: VIEW_ID });
}

/**
 * Polls the drawn view until `predicate` holds and returns that view; fails after `timeoutMs` saying
 * what was awaited and what was drawn instead.
 */
export async function waitForRendered(what: string, predicate: (view: RenderedView) => boolean, timeoutMs = 10_000): Promise<RenderedView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await renderedView();
    if (predicate(view)) return view;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for the Contacts view to show ${what}; it shows ${describeView(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The modal dialog open now, or undefined. Mind that the workbench draws none while it runs extension
 * tests: its DialogService refuses them there (`showWarningMessage(…, { modal: true })` rejects with
 * “DialogService: refused to show dialog in tests”), so in the host suite this is always undefined
 * and a confirmation is answered by replacing `window.showWarningMessage` for the test. The runner's
 * own pages (the screenshot mode, test/host/renderedView.ts) draw dialogs and read them the same way.
 */
export function renderedDialog(): Promise<RenderedDialog | undefined> {
  return ask<RenderedDialog | null>('dialog').then((dialog) => dialog ?? undefined);
}

/** Waits for a modal dialog to open and returns it; fails after `timeoutMs`. */
export async function waitForDialog(what = 'a dialog', timeoutMs = 10_000): Promise<RenderedDialog> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dialog = await renderedDialog();
    if (dialog) return dialog;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what} (the workbench refuses modal dialogs while it runs extension tests: see renderedDialog)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Clicks the open dialog's button labelled exactly `label` (“Cancel” included), as a user would, and
 * waits for the dialog to close. Fails naming the buttons there are when none has that label.
 */
export async function clickDialogButton(label: string): Promise<void> {
  await ask('clickDialogButton', { label });
  const deadline = Date.now() + 5_000;
  while (await renderedDialog()) {
    if (Date.now() > deadline) assert.fail(`the dialog stayed open after a click on “${label}”`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Clicks the Contacts view's welcome button labelled exactly `label`. */
export async function clickWelcomeButton(label: string): Promise<void> {
  await ask('clickWelcomeButton', { viewId: VIEW_ID, label });
}

/** Types `text` into the open input box or picker, as a user would, and presses Enter. */
export async function typeIntoQuickInput(text: string): Promise<void> {
  await ask('typeIntoQuickInput', { text });
}

/** Saves a PNG of the window (or, with `sideBarOnly`, of the side bar) to an absolute path. */
export async function screenshotWorkbench(file: string, sideBarOnly = false): Promise<void> {
  await ask('screenshot', sideBarOnly ? { file, viewId: VIEW_ID } : { file });
}

/** One line for failure messages: the message, the welcome content, a few rows. */
export function describeView(view: RenderedView): string {
  if (!view.visible) return 'nothing (the view is not open)';
  const parts = [`message ${view.message === undefined ? 'none' : `“${view.message}”`}`];
  if (view.welcome) parts.push(`welcome ${JSON.stringify(view.welcome.paragraphs)} with buttons ${JSON.stringify(view.welcome.buttons)}`);
  parts.push(`${view.rows.length} rows${view.rows.length > 0 ? ` (${view.rows.slice(0, 4).map((row) => `${row.label} ${row.description}`.trim()).join(', ')}…)` : ''}`);
  parts.push(`actions ${JSON.stringify(view.actions)}`);
  return parts.join('; ');
}
