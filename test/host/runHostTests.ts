/**
 * Runs a compiled mocha entry (a module exporting `run(): Promise<void>`, as @vscode/test-electron expects)
 * inside the real VS Code extension host: the VS Code server from the code-server npm package, driven by
 * headless Debian chromium. See ../../../shared/vscode-host.md.
 *
 *   node out/test/host/runHostTests.js <compiled test entry .js> [--timeout-ms N]
 *   node out/test/host/runHostTests.js --screenshot <file.png> [--states] [--timeout-ms N]
 *
 * Options:
 *   --extension-development-path <dir>  the extension under development (default: the repository root).
 *   --with-extension <dir>  repeatable: another extension, installed into the server's extensions folder (the
 *       workbench takes one development path only: its payload is a map).
 *   --vsix  installs the package `npm run package` built (<name>-<version>.vsix in the repository root) with
 *       the server's own `--install-extension`, and loads the extension from there. The development path must
 *       then be a test extension other than the repository: VS Code runs `extensionTestsPath` only beside one.
 *   --states  with --screenshot: instead of <file.png>, one PNG per state of the Callbell view (signed out, key
 *       rejected, load failed, loading, partial listing, no match) in a `states` folder beside it.
 * A folder under test/fixtures/ is loaded as assembled by fixtureExtensions.ts.
 * Environment: CALLBELL_TEST_GREP is passed on to the extension host like every other variable.
 * Exit code: the suite's (0 all passed, 1 a failure), 124 on the overall timeout, 130/143 on Ctrl-C/SIGTERM,
 * 2 for bad arguments or a missing Debian package.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { cleanupAll, installSignalHandlers, isTerminating, terminate } from './cleanup';
import { TEST_OUTPUT_TAG } from './hostEntry';
import { createLogs, keepVsCodeLogsOnFailure, say, type RunLogs } from './runLogs';
import { takeScreenshot } from './screenshot';
import { takeStateScreenshots } from './stateScreenshots';
import { extensionFolder } from './fixtureExtensions';
import { packagedVsixPath } from './installVsix';
import { ensureVsCodeHost, HostSetupError, type VsCodeHost } from './vscodeHost';
import { startVsCodeServer } from './vscodeServer';
import { openBrowser } from './workbench';
import { startWorkbenchBridge, WORKBENCH_BRIDGE_ENV } from './workbenchBridge';
import type { Page } from 'playwright-core';

/** out/test/host → the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

const USAGE = `Usage:
  node out/test/host/runHostTests.js <compiled test entry .js> [--timeout-ms N] [--extension-development-path DIR] [--with-extension DIR]... [--vsix]
  node out/test/host/runHostTests.js --screenshot <file.png> [--states] [--timeout-ms N] [--extension-development-path DIR]`;

interface Args {
  entry?: string;
  screenshot?: string;
  /** With --screenshot: the state screenshots, into a `states` folder beside the screenshot. */
  states?: boolean;
  timeoutMs: number;
  extensionPath?: string;
  withExtensions: string[];
  /** The packaged extension to install, for --vsix. */
  vsix?: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { timeoutMs: DEFAULT_TIMEOUT_MS, withExtensions: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--timeout-ms') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError('--timeout-ms needs a positive integer');
      args.timeoutMs = Number(v);
    } else if (arg === '--screenshot') args.screenshot = path.resolve(value());
    else if (arg === '--states') args.states = true;
    else if (arg === '--extension-development-path') args.extensionPath = path.resolve(value());
    else if (arg === '--with-extension') args.withExtensions.push(path.resolve(value()));
    else if (arg === '--vsix') args.vsix = packagedVsixPath(REPO_ROOT);
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (args.entry === undefined) args.entry = path.resolve(arg);
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (args.screenshot === undefined && args.entry === undefined) throw new UsageError('give a compiled test entry or --screenshot <file.png>');
  if (args.screenshot !== undefined && args.entry !== undefined) throw new UsageError('give either a test entry or --screenshot, not both');
  if (args.states && args.screenshot === undefined) throw new UsageError('--states goes with --screenshot');
  if (args.entry !== undefined && !fs.existsSync(args.entry)) {
    throw new UsageError(`test entry ${args.entry} does not exist (did you run \`npm run build:tests\`?)`);
  }
  if (args.vsix !== undefined) {
    if (args.entry === undefined) throw new UsageError('--vsix needs a test entry');
    if (args.extensionPath === undefined || args.extensionPath === REPO_ROOT) {
      throw new UsageError('--vsix needs a test extension other than the repository as --extension-development-path: VS Code runs the tests only beside one');
    }
    if (!fs.existsSync(args.vsix)) throw new UsageError(`${args.vsix} does not exist (did you run \`npm run package\`?)`);
  }
  args.extensionPath ??= REPO_ROOT;
  for (const dir of [args.extensionPath, ...args.withExtensions]) {
    if (!fs.existsSync(path.join(dir, 'package.json'))) throw new UsageError(`no package.json in ${dir}`);
  }
  try {
    args.extensionPath = extensionFolder(args.extensionPath, REPO_ROOT);
    args.withExtensions = args.withExtensions.map((dir) => extensionFolder(dir, REPO_ROOT));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  return args;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function runSuite(host: VsCodeHost, args: Args, logs: RunLogs): Promise<number> {
  const entry = args.entry!;
  const serverStart = Date.now();
  // Lets the tests read what the page draws; it asks for the page, which opens below.
  const opened: { page?: Page } = {};
  const bridge = await startWorkbenchBridge(() => opened.page);
  const server = await startVsCodeServer({
    host,
    logFile: logs.file,
    env: {
      CALLBELL_TEST_RUNNER: 'code-server',
      CALLBELL_TEST_ENTRY: entry,
      [WORKBENCH_BRIDGE_ENV]: bridge.address,
      ...(args.vsix ? { CALLBELL_TEST_VSIX: args.vsix } : {}),
    },
    vsixFiles: args.vsix ? [args.vsix] : [],
    installExtensions: args.withExtensions,
  });
  keepVsCodeLogsOnFailure(server, logs);
  say(`Server listening on ${server.origin} after ${server.startMs} ms`);
  const session = await openBrowser({ origin: server.origin, logFile: logs.file });
  const { page } = session;
  opened.page = page;

  let finish!: (code: number, why?: string) => void;
  const finished = new Promise<{ code: number; why?: string }>((resolve) => {
    finish = (code, why) => resolve({ code, why });
  });
  const appendLog = (line: string) => fs.appendFileSync(logs.file, line.endsWith('\n') ? line : `${line}\n`);
  await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown) => {
    const list = Array.isArray(logArgs) ? (logArgs as unknown[]) : [logArgs];
    const first = list[0];
    if (typeof first === 'string' && first.startsWith(TEST_OUTPUT_TAG)) {
      // The suite's output, already formatted in the extension host: print it as it is.
      const text = util.format(first.slice(TEST_OUTPUT_TAG.length), ...list.slice(1));
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    } else {
      appendLog(`[workbench ${type}] ${util.format(...list)}`);
    }
  });
  // The server reports an extension host crash just before the workbench calls codeAutomationExit (with 0 after
  // a SIGKILL): wait a moment for that line, so a crash never passes.
  let hostCrash: string | undefined;
  await page.exposeFunction('codeAutomationExit', (code: unknown) => {
    setTimeout(() => {
      const exitCode = typeof code === 'number' ? code : 1;
      if (exitCode === 0 && hostCrash) finish(1, `${hostCrash}; counting the run as failed`);
      else finish(exitCode);
    }, 500);
  });
  page.on('crash', () => finish(1, 'the workbench page crashed'));
  void server.exited.then((code) => finish(1, `the VS Code server exited unexpectedly (code ${code})`));
  let pending = '';
  server.onOutput((text) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    const m = lines.map((l) => /Extension Host Process exited with code: (\S+), signal: (\S+)\./.exec(l)).find((x) => x !== null);
    if (m) {
      if (m[1] !== '0' || m[2] !== 'null') hostCrash = `the extension host exited with code ${m[1]}, signal ${m[2]}`;
      // After a finished suite the extension host exits too; give codeAutomationExit time to arrive first.
      setTimeout(() => finish(1, `the extension host exited (code ${m[1]}, signal ${m[2]}) before the suite reported its result`), 10_000).unref();
    }
  });

  const payload: Array<[string, string]> = [
    ['extensionDevelopmentPath', server.remoteUri(args.extensionPath!)],
    ['extensionTestsPath', server.remoteUri(path.join(__dirname, 'hostEntry.js'))],
  ];
  const loaded = [args.extensionPath!, ...args.withExtensions, ...(args.vsix ? [`${path.basename(args.vsix)} installed`] : [])];
  say(`Running ${path.relative(process.cwd(), entry) || entry} in the extension host (extensions: ${loaded.join(', ')})`);
  const suiteStart = Date.now();
  await page.goto(server.workbenchUrl(payload), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  const result = await finished;
  if (isTerminating()) return 1;
  if (result.why) say(result.why);
  say(`Suite finished with exit code ${result.code}: ${seconds(Date.now() - suiteStart)} from page load to exit, ${seconds(Date.now() - serverStart)} in all`);
  return result.code;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  installSignalHandlers();
  const timer = setTimeout(() => void terminate(`timed out after ${args.timeoutMs} ms (--timeout-ms)`, 124), args.timeoutMs);
  const logs = createLogs();
  let code = 1;
  try {
    const host = await ensureVsCodeHost({ log: say });
    say(`VS Code server ${host.version} (code-server ${host.codeServerVersion}, Node ${host.nodeVersion})`);
    const demo = { host, logs, extensionPath: args.extensionPath! };
    if (args.screenshot === undefined) code = await runSuite(host, args, logs);
    else if (args.states) code = await takeStateScreenshots({ ...demo, outDir: path.join(path.dirname(args.screenshot), 'states') });
    else code = await takeScreenshot({ ...demo, out: args.screenshot });
  } catch (err) {
    if (isTerminating()) {
      // Interrupted: the failure is a consequence of the cleanup; terminate() reports and exits.
    } else if (err instanceof HostSetupError) {
      console.error(`[host] ${err.message}`);
      code = 2;
    } else {
      console.error('[host] The run failed:', err);
      code = 1;
    }
  }
  clearTimeout(timer);
  // After Ctrl-C or the timeout, terminate() cleans up and exits with its own code.
  if (isTerminating()) return;
  logs.failed = code !== 0;
  await cleanupAll();
  process.exit(code);
}

if (require.main === module) void main();
