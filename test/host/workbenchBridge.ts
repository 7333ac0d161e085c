/**
 * The loopback bridge that lets host tests, which run in the extension host, read what the workbench
 * draws in the chromium page this runner drives. An HTTP server on 127.0.0.1 on a random port, with a
 * random token as the first path segment; its address reaches the extension host in the environment
 * variable CALLBELL_TEST_WORKBENCH (the host inherits the server's environment). It answers a few named
 * queries, never arbitrary script (see renderedView.ts for the selectors):
 *
 *   POST <address>/view                  {viewId}        → RenderedView
 *   POST <address>/dialog                {}              → RenderedDialog | null
 *   POST <address>/clickWelcomeButton    {viewId, label} → {}
 *   POST <address>/clickDialogButton     {label}         → {}
 *   POST <address>/screenshot            {file, viewId?} → {} (a PNG of the window, or of the view's side bar)
 *   POST <address>/typeIntoQuickInput    {text}          → {} (types into the open input box or picker, then Enter)
 *
 * A failure answers 4xx/5xx with `{error}`. test/integration/workbench.ts is the client.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { addCleanup } from './cleanup';
import { clickDialogButton, clickWelcomeButton, readDialog, readView } from './renderedView';

/** The environment variable that carries the bridge's address (with its token) to the extension host. */
export const WORKBENCH_BRIDGE_ENV = 'CALLBELL_TEST_WORKBENCH';

export interface WorkbenchBridge {
  /** `http://127.0.0.1:<port>/<token>`: the value of CALLBELL_TEST_WORKBENCH. */
  readonly address: string;
  close(): Promise<void>;
}

class BadRequest extends Error {}

type Query = (page: Page, args: Record<string, unknown>) => Promise<unknown>;

function stringArg(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== 'string' || value === '') throw new BadRequest(`“${name}” must be a non-empty string`);
  return value;
}

const QUERIES: Readonly<Record<string, Query>> = {
  view: (page, args) => readView(page, stringArg(args, 'viewId')),
  dialog: async (page) => (await readDialog(page)) ?? null,
  clickWelcomeButton: async (page, args) => {
    await clickWelcomeButton(page, stringArg(args, 'viewId'), stringArg(args, 'label'));
    return {};
  },
  clickDialogButton: async (page, args) => {
    await clickDialogButton(page, stringArg(args, 'label'));
    return {};
  },
  // As a user types a key into Set API Key's box: the only way an installed extension takes one without a dialog.
  typeIntoQuickInput: async (page, args) => {
    const text = stringArg(args, 'text');
    const input = page.locator('.quick-input-widget input:not([type="checkbox"])').first();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
    await page.keyboard.press('Enter');
    return {};
  },
  screenshot: async (page, args) => {
    const file = stringArg(args, 'file');
    if (!path.isAbsolute(file) || !file.endsWith('.png')) throw new BadRequest('“file” must be an absolute path ending in .png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (args.viewId === undefined) await page.screenshot({ path: file });
    else await page.locator('.part.sidebar').screenshot({ path: file });
    return {};
  },
};

/** Starts the bridge; `page` is asked at each query, so the bridge may start before the page exists. Closed on cleanup. */
export async function startWorkbenchBridge(page: () => Page | undefined): Promise<WorkbenchBridge> {
  const token = crypto.randomBytes(16).toString('hex');
  const server = http.createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const match = /^\/([0-9a-f]+)\/(\w+)$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match || match[1] !== token) return reply(404, { error: 'not found' });
    const query = Object.hasOwn(QUERIES, match[2]) ? QUERIES[match[2]] : undefined;
    if (!query) return reply(404, { error: `no query “${match[2]}”; there are: ${Object.keys(QUERIES).join(', ')}` });
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      void (async () => {
        try {
          const args: unknown = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
          if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new BadRequest('the body must be a JSON object');
          const current = page();
          if (!current) throw new Error('the workbench page is not open yet');
          reply(200, await query(current, args as Record<string, unknown>));
        } catch (error) {
          const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
          reply(error instanceof BadRequest || error instanceof SyntaxError ? 400 : 500, { error: message });
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    removeCleanup();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const removeCleanup = addCleanup('workbench bridge', close, () => server.closeAllConnections());
  return { address: `http://127.0.0.1:${port}/${token}`, close };
}
