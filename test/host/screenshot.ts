/**
 * The screenshot mode of runHostTests.ts: the extension in the VS Code server over the fake Callbell API's
 * demo data, signed in through the UI like a user would ("Callbell: Set API Key"), the Callbell view
 * opened with a group or two expanded, saved as a PNG.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_USER, generateContacts } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { addCleanup } from './cleanup';
import { keepVsCodeLogsOnFailure, say, type RunLogs } from './runLogs';
import type { VsCodeHost } from './vscodeHost';
import { startVsCodeServer } from './vscodeServer';
import { openBrowser } from './workbench';

/** The data set of the demo and of the screenshot in the README. */
export const DEMO_CONTACT_COUNT = 300;

export const SCREENSHOT_SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.activityBar.location': 'default',
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** “Callbell: Set API Token”: a command's title as the palette shows it, read from package.json and package.nls.json. */
export function commandTitle(extensionPath: string, command: string): string {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(extensionPath, file), 'utf8')) as Record<string, unknown>;
  const manifest = read('package.json') as { contributes: { commands: { command: string; title: string; category?: string }[] } };
  const nls = read('package.nls.json') as Record<string, string>;
  const entry = manifest.contributes.commands.find((candidate) => candidate.command === command);
  if (!entry) throw new Error(`package.json contributes no command ${command}`);
  const localized = (text: string) => text.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? key);
  return entry.category ? `${localized(entry.category)}: ${localized(entry.title)}` : localized(entry.title);
}

/** Sets the API key as a user would: the Set API Token command from the palette, the key typed into its password box. */
export async function signInThroughUi(page: Page, extensionPath: string, token: string): Promise<void> {
  await runCommand(page, commandTitle(extensionPath, 'callbell.setToken'));
  const password = page.locator('.quick-input-widget input[type="password"]');
  await password.waitFor({ state: 'visible', timeout: 15_000 });
  await password.fill(token);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
}

/** Runs "<title>" from the command palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  if (!(await widget.isVisible())) await page.keyboard.press('Control+Shift+P');
  const input = widget.locator('input').first();
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await widget.locator('.monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Opens the view container whose activity-bar item's aria-label starts with `title`, unless it is open already. */
export async function openViewContainer(page: Page, title: string, sidebarContent: Locator): Promise<void> {
  const item = page.locator(`.activitybar [aria-label^="${title}"]`).first();
  await item.waitFor({ state: 'visible', timeout: 60_000 });
  if (await sidebarContent.isVisible()) return;
  await item.click();
  try {
    await sidebarContent.waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    // A click on the active item closes the side bar; a second click opens it again.
    await item.click();
    await sidebarContent.waitFor({ state: 'visible', timeout: 10_000 });
  }
}

/** Drags the sash on the side bar's right edge so that names and phone numbers fit. */
export async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (width - box.width), y, { steps: 5 });
  await page.mouse.up();
}

/** The demo data has Chinese, Japanese and Arabic names; without a CJK font chromium draws boxes. */
export function warnAboutMissingFonts(): void {
  try {
    if (execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '') return;
  } catch {
    // no fontconfig tools: cannot tell
    return;
  }
  say('Warning: no CJK font installed, so Chinese and Japanese names will show as boxes; as root: apt-get install -y fonts-noto-cjk');
}

export interface DemoOptions {
  readonly host: VsCodeHost;
  readonly logs: RunLogs;
  readonly extensionPath: string;
}

/**
 * The extension installed in a VS Code server pointed at `fake`, the workbench open in chromium at
 * `viewport` with the Callbell view shown and the side bar `sidebarWidth` wide. Not a test window:
 * everything (dialogs too) shows as a user sees it.
 */
export async function openDemoWorkbench(opts: DemoOptions & { fake: FakeCallbell; viewport: { width: number; height: number }; sidebarWidth: number }): Promise<{ page: Page; contactsPane: Locator }> {
  const server = await startVsCodeServer({
    host: opts.host,
    logFile: opts.logs.file,
    env: { CALLBELL_TEST_RUNNER: 'code-server' },
    userSettings: { ...SCREENSHOT_SETTINGS, 'callbell.apiBaseUrl': opts.fake.baseUrl },
    installExtensions: [opts.extensionPath],
    workspaceName: 'callbell-demo',
  });
  keepVsCodeLogsOnFailure(server, opts.logs);
  say(`Server listening on ${server.origin} after ${server.startMs} ms`);
  const { page } = await openBrowser({ origin: server.origin, logFile: opts.logs.file, viewport: opts.viewport });
  await page.goto(server.workbenchUrl(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  const contactsPane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /contacts/i }) });
  await openViewContainer(page, 'Callbell', contactsPane);
  await widenSidebar(page, opts.sidebarWidth);
  return { page, contactsPane };
}

/** On failure: what the page showed, kept with the logs. */
export async function reportFailure(page: Page, logs: RunLogs, err: unknown): Promise<number> {
  const debugShot = path.join(logs.dir, 'screenshot-failure.png');
  await page.screenshot({ path: debugShot }).catch(() => undefined);
  say(`Screenshot failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  say(`What the page showed: ${debugShot}`);
  return 1;
}

export async function takeScreenshot(opts: DemoOptions & { out: string }): Promise<number> {
  warnAboutMissingFonts();
  const fake = await FakeCallbell.start({ user: DEMO_USER, contacts: generateContacts(DEMO_CONTACT_COUNT) });
  addCleanup('fake Callbell server', () => fake.close());
  say(`Fake Callbell API on ${fake.baseUrl} with ${DEMO_CONTACT_COUNT} contacts`);
  const { page, contactsPane } = await openDemoWorkbench({ ...opts, fake, viewport: { width: 1280, height: 800 }, sidebarWidth: 440 });
  const started = Date.now();
  try {
    say('Callbell view open; signing in with Set API Token');

    await signInThroughUi(page, opts.extensionPath, fake.token);

    const groups = contactsPane.locator('.monaco-list-row[aria-level="1"]');
    await groups.nth(1).waitFor({ state: 'visible', timeout: 30_000 });
    // Expand the two smallest groups, the lower one first so the upper click target does not move.
    const candidates = await groups.evaluateAll((rows) =>
      rows.map((row, index) => ({
        index,
        collapsed: row.getAttribute('aria-expanded') === 'false',
        count: Number(/(\d+)\D*$/.exec(row.textContent ?? '')?.[1] ?? NaN),
      })),
    );
    const chosen = candidates
      .filter((c) => c.collapsed && c.count >= 2)
      .sort((a, b) => a.count - b.count)
      .slice(0, 2)
      .sort((a, b) => b.index - a.index);
    for (const c of chosen) {
      await groups.nth(c.index).locator('.monaco-tl-twistie').click();
      await page.waitForTimeout(300);
    }
    await contactsPane.locator('.monaco-list-row[aria-level="2"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    // Let icons and counts settle; move focus and pointer off the tree (a click on the empty editor area).
    await page.mouse.click(900, 500);
    await page.waitForTimeout(1_000);
    fs.mkdirSync(path.dirname(opts.out), { recursive: true });
    await page.screenshot({ path: opts.out });
    say(`Saved ${opts.out} (${fs.statSync(opts.out).size} bytes) ${((Date.now() - started) / 1000).toFixed(1)} s after page load`);
    return 0;
  } catch (err) {
    return reportFailure(page, opts.logs, err);
  }
}
