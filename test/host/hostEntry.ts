/**
 * Runs inside the extension host, as the `extensionTestsPath` the workbench is given by runHostTests.ts.
 * It marks everything the suite prints to the console, so the runner can tell the mocha output apart from
 * the workbench's own log lines (both reach the page's `codeAutomationLog` as plain `info` entries), and
 * then calls the `run()` of the real test entry, whose absolute path comes in `CALLBELL_TEST_ENTRY` (the
 * extension host inherits the server's environment).
 */
import * as util from 'node:util';

/** Prefix of every console line written while the suite runs. Kept in sync with runHostTests.ts. */
export const TEST_OUTPUT_TAG = '\u200b[callbell-test]\u200b';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * The extension host forwards `console.*` to the workbench through accessor properties whose setters
 * ignore assignments, so the tagged versions are installed with `defineProperty`. Writes to
 * `process.stdout`/`stderr` reach the workbench through `console.log`/`console.error` and get tagged too.
 */
function tagConsole(): void {
  for (const method of METHODS) {
    const forward = console[method];
    // Format here, as Node's console would, so the runner receives one finished string per call.
    const tagged = (...args: unknown[]) => forward.call(console, TEST_OUTPUT_TAG + util.format(...args));
    const descriptor = Object.getOwnPropertyDescriptor(console, method);
    if (descriptor && descriptor.configurable === false) {
      console[method] = tagged;
    } else {
      Object.defineProperty(console, method, { configurable: true, enumerable: true, get: () => tagged, set: () => undefined });
    }
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) return (err.stack ?? `${err.name}: ${err.message}`).split('\n').slice(0, 6).join('\n');
  return String(err);
}

export async function run(): Promise<void> {
  tagConsole();
  const entryPath = process.env.CALLBELL_TEST_ENTRY;
  if (!entryPath) throw new Error('CALLBELL_TEST_ENTRY is not set: start this through out/test/host/runHostTests.js');
  let entry: { run?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    entry = require(entryPath) as { run?: unknown };
  } catch (err) {
    console.error(`[host] Cannot load the test entry ${entryPath}:\n${describeError(err)}`);
    throw err;
  }
  if (typeof entry.run !== 'function') {
    const msg = `[host] ${entryPath} does not export a run() function`;
    console.error(msg);
    throw new Error(msg);
  }
  // A rejection is printed by the extension host itself (tagged, as it happens after tagConsole).
  await (entry.run as () => Promise<void>)();
}
