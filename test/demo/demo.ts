/**
 * `npm run demo`: the extension in a real VS Code (the VS Code server in your browser) against the fake
 * Callbell API with a few hundred generated contacts. Prints the URL to open and the demo API key;
 * Ctrl-C stops everything.
 *
 *   node out/test/demo/demo.js [--port N] [--api-port N] [--contacts N] [--host ADDR] [--check]
 *
 * --port      the VS Code server's port (default 8123, a free one if that is taken)
 * --api-port  the fake Callbell API's port (default: a free one)
 * --contacts  size of the generated data set (default 300)
 * --host      address to listen on (default 127.0.0.1; anything else exposes an unauthenticated VS Code)
 * --check     instead of waiting for you: open the demo in headless chromium, sign in through the UI,
 *             wait for the contacts, print what it saw, stop, exit 0 (or 1)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_USER, generateContacts, generateTeams } from '../fake-server/data';
import { FakeCallbell } from '../fake-server/server';
import { addCleanup, cleanupAll, installSignalHandlers, isTerminating, setMessagePrefix } from '../host/cleanup';
import { openViewContainer, runCommand } from '../host/screenshot';
import { ensureVsCodeHost, HostSetupError } from '../host/vscodeHost';
import { startVsCodeServer, type VsCodeServer } from '../host/vscodeServer';
import { openBrowser } from '../host/workbench';

/** out/test/demo → the repository root. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DEFAULT_PORT = 8123;

interface Options {
  port?: number;
  apiPort?: number;
  contacts: number;
  host: string;
  check: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { contacts: 300, host: '127.0.0.1', check: false };
  const int = (flag: string, raw: string | undefined) => {
    if (raw === undefined || !/^\d+$/.test(raw)) throw new Error(`${flag} needs a non-negative integer`);
    return Number(raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') options.port = int(arg, argv[++i]);
    else if (arg === '--api-port') options.apiPort = int(arg, argv[++i]);
    else if (arg === '--contacts') options.contacts = int(arg, argv[++i]);
    else if (arg === '--host') options.host = argv[++i] ?? options.host;
    else if (arg === '--check') options.check = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node out/test/demo/demo.js [--port N] [--api-port N] [--contacts N] [--host ADDR] [--check]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

const say = (message: string) => process.stdout.write(`[demo] ${message}\n`);

async function startServer(opts: Parameters<typeof startVsCodeServer>[0], wanted: number | undefined): Promise<VsCodeServer> {
  try {
    return await startVsCodeServer({ ...opts, port: wanted ?? DEFAULT_PORT });
  } catch (err) {
    if (wanted !== undefined || !/already in use/.test(String(err))) throw err;
    say(`Port ${DEFAULT_PORT} is taken; using a free one.`);
    return startVsCodeServer(opts);
  }
}

/** What `--check` does: the steps a person follows, in headless chromium. */
async function check(server: VsCodeServer, token: string, logFile: string): Promise<boolean> {
  const session = await openBrowser({ origin: server.origin, logFile });
  const { page } = session;
  try {
    await page.goto(server.workbenchUrl(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /contacts/i }) });
    await openViewContainer(page, 'Callbell', pane);
    const label = await page.locator('.activitybar [aria-label^="Callbell"]').first().getAttribute('aria-label');
    say(`check: activity-bar item "${label}" found, view "Contacts" open`);
    await runCommand(page, 'Callbell: Set API Key');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(token);
    await page.keyboard.press('Enter');
    const groups = pane.locator('.monaco-list-row[aria-level="1"]');
    await groups.first().waitFor({ state: 'visible', timeout: 30_000 });
    const texts = await groups.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''));
    say(`check: signed in; ${texts.length} groups visible, e.g. ${texts.slice(0, 4).map((t) => JSON.stringify(t)).join(', ')}`);
    return true;
  } catch (err) {
    const shot = path.join(path.dirname(logFile), 'check-failure.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    say(`check failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)} (page: ${shot})`);
    return false;
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  setMessagePrefix('[demo]');
  installSignalHandlers({ SIGINT: 0, SIGTERM: 0, SIGHUP: 0 });
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) {
    throw new HostSetupError('dist/extension.js is missing: run `npm run demo` (it builds first) or `npm run build`.');
  }
  // You bring the browser; only --check drives Debian's chromium.
  const host = await ensureVsCodeHost({ log: say, needBrowser: options.check });
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-demo-logs-'));
  const logFile = path.join(logDir, 'server.log');
  addCleanup('demo logs', () => fs.rmSync(logDir, { recursive: true, force: true }));

  const demoContacts = generateContacts(options.contacts);
  const fake = await FakeCallbell.start({ user: DEMO_USER, contacts: demoContacts, teams: generateTeams(demoContacts), port: options.apiPort });
  addCleanup('fake Callbell server', () => fake.close());
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const server = await startServer(
    {
      host,
      logFile,
      bindHost: options.host,
      // A normal workbench: notifications show, as for a user.
      smokeTestDriver: false,
      installExtensions: [REPO_ROOT],
      workspaceName: 'callbell-demo',
      userSettings: {
        'callbell.apiBaseUrl': fake.baseUrl,
        'workbench.colorTheme': 'Default Dark Modern',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
    },
    options.port,
  );
  void server.exited.then(async (code) => {
    if (isTerminating()) return;
    say(`The VS Code server stopped unexpectedly (exit code ${code}); its output: ${logFile}`);
    await cleanupAll();
    process.exit(1);
  });

  if (options.check) {
    const ok = await check(server, fake.token, logFile);
    await cleanupAll();
    process.exit(ok ? 0 : 1);
  }

  const url = server.workbenchUrl();
  const lines = [
    '',
    `Callbell Contacts ${manifest.version} demo: VS Code ${host.version} (code-server ${host.codeServerVersion}) with the extension installed,`,
    `and a fake Callbell API at ${fake.baseUrl} with ${options.contacts} generated contacts.`,
    '',
    '  1. Open this URL in a browser on this machine:',
    '',
    `       ${url}`,
    '',
    '  2. Click the Callbell icon in the activity bar, then "Set API Key"',
    '     (or F1 → "Callbell: Set API Key"), and paste the demo API key:',
    '',
    `       ${fake.token}`,
    '',
    '  The key lives only as long as the browser tab: this web host keeps secrets in memory.',
    `  Server output: ${logFile}`,
    '',
    'Press Ctrl-C to stop the demo.',
    '',
  ];
  if (options.host !== '127.0.0.1' && options.host !== 'localhost') {
    lines.splice(1, 0, `WARNING: listening on ${options.host} without authentication: anyone who can reach it gets a shell.`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch(async (err: unknown) => {
  if (isTerminating()) return;
  console.error(`[demo] ${err instanceof HostSetupError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await cleanupAll();
  process.exit(err instanceof HostSetupError ? 2 : 1);
});
