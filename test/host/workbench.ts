/**
 * Headless Debian chromium through playwright-core, pointed at the VS Code server's workbench.
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { addCleanup } from './cleanup';
import { CHROMIUM_PATH } from './vscodeHost';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Launches chromium (closed by handle on cleanup; playwright's own exit hook kills it if we die), with the
 * clipboard permissions granted for `origin`, and forwards the page's console errors to `logFile`.
 */
export async function openBrowser(opts: {
  origin: string;
  logFile: string;
  viewport?: { width: number; height: number };
}): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    // We handle signals ourselves, to also stop the server and remove the temp folders.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    removeCleanup();
    await browser.close().catch(() => undefined);
  };
  const removeCleanup = addCleanup('browser', close);
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: opts.origin });
  const page = await context.newPage();
  const log = (line: string) => {
    try {
      fs.appendFileSync(opts.logFile, line.endsWith('\n') ? line : `${line}\n`);
    } catch {
      // the log folder may be gone while shutting down
    }
  };
  page.on('console', (msg) => {
    // The workbench's own log reaches codeAutomationLog (styled "%c" lines here); keep the rest, e.g. CSP or network errors.
    if ((msg.type() === 'error' || msg.type() === 'warning') && !msg.text().startsWith('%c')) log(`[page ${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => log(`[page exception] ${err.stack ?? err.message}`));
  return { browser, context, page, close };
}
