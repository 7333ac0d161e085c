/**
 * The screenshot mode's `--states`: one PNG of the Callbell view per state a user can meet, driven as a
 * user would (the palette, the password box, the welcome buttons) against the fake Callbell API, which
 * this process steers (faults, latency, data). Each shot waits for the state as the workbench draws it
 * (renderedView.ts), so a state that does not render fails the run instead of saving a wrong picture.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_USER, generateContacts } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { addCleanup } from './cleanup';
import { clickWelcomeButton, readView, type RenderedView } from './renderedView';
import { say } from './runLogs';
import { commandTitle, type DemoOptions, openDemoWorkbench, reportFailure, runCommand, signInThroughUi, warnAboutMissingFonts } from './screenshot';

const VIEW_ID = 'callbell.contacts';

/** Large enough to meet Callbell's 500-page limit (20 a page): the partial listing. */
const BIG_ACCOUNT = 12_000;

async function waitForView(page: Page, what: string, predicate: (view: RenderedView) => boolean, timeoutMs = 30_000): Promise<RenderedView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await readView(page, VIEW_ID);
    if (predicate(view)) return view;
    if (Date.now() > deadline) throw new Error(`the view never showed ${what}; it showed ${JSON.stringify({ message: view.message, welcome: view.welcome, rows: view.rows.length })}`);
    await page.waitForTimeout(100);
  }
}

const hasParagraph = (pattern: RegExp) => (view: RenderedView) => view.welcome?.paragraphs.some((paragraph) => pattern.test(paragraph)) ?? false;

export async function takeStateScreenshots(opts: DemoOptions & { outDir: string }): Promise<number> {
  warnAboutMissingFonts();
  const fake = await FakeCallbell.start({ user: DEMO_USER, contacts: generateContacts(300) });
  addCleanup('fake Callbell server', () => fake.close());
  const { page } = await openDemoWorkbench({ ...opts, fake, viewport: { width: 1000, height: 620 }, sidebarWidth: 400 });
  fs.mkdirSync(opts.outDir, { recursive: true });
  const shot = async (name: string): Promise<void> => {
    // Pointer and focus off the view, so no hover or focus outline shows.
    await page.mouse.click(900, 300);
    await page.waitForTimeout(400);
    const box = await page.locator('.part.sidebar').boundingBox();
    const file = path.join(opts.outDir, `${name}.png`);
    await page.screenshot({ path: file, clip: { x: 0, y: 0, width: Math.ceil((box?.x ?? 0) + (box?.width ?? 400)) + 1, height: 620 } });
    say(`Saved ${file} (${fs.statSync(file).size} bytes)`);
  };
  try {
    await waitForView(page, 'the signed-out welcome', (view) => view.welcome !== undefined && !view.progress);
    await page.locator('.part.statusbar', { hasText: 'Activating Extensions' }).waitFor({ state: 'hidden', timeout: 30_000 });
    await shot('signed-out');

    fake.addFault({ kind: 'status', status: 401 });
    await signInThroughUi(page, opts.extensionPath, fake.token);
    await waitForView(page, 'the rejected-key welcome', hasParagraph(/rejected/));
    await shot('key-rejected');

    fake.clearFaults();
    fake.addFault({ kind: 'status', status: 503 });
    await signInThroughUi(page, opts.extensionPath, fake.token);
    await waitForView(page, 'the failure welcome', (view) => view.welcome?.buttons.includes('Retry') ?? false, 60_000);
    await shot('load-failed');

    fake.clearFaults();
    fake.setContacts(generateContacts(BIG_ACCOUNT));
    fake.configure({ latencyMs: 1_500 });
    await clickWelcomeButton(page, VIEW_ID, 'Retry');
    await waitForView(page, 'the load with its total', (view) => /^Loading contacts… [\d,]{5,} of about 12,000$/.test(view.message ?? '') && view.rows.length > 3, 60_000);
    await shot('loading');

    await waitForView(page, 'the partial listing', (view) => (view.message ?? '').endsWith('10,000 of about 12,000 contacts · by tag') && view.rows.some((row) => row.description.endsWith('+')), 120_000);
    fake.configure({ latencyMs: 0 });
    await shot('partial-listing');

    await runCommand(page, commandTitle(opts.extensionPath, 'callbell.filterByText'));
    const box = page.locator('.quick-input-widget input[placeholder^="Name"]');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    await box.fill('zzzz');
    await page.keyboard.press('Enter');
    await waitForView(page, 'the no-match welcome', (view) => view.welcome?.buttons.includes('Clear Filters') ?? false);
    await shot('no-match');
    await clickWelcomeButton(page, VIEW_ID, 'Clear Filters');
    await waitForView(page, 'the contacts again', (view) => view.rows.length > 3);
    return 0;
  } catch (err) {
    return reportFailure(page, opts.logs, err);
  }
}
