/**
 * One place that knows what a run started (server process group, browser, fake server, temp folders) and
 * undoes it: in order on a normal end, and also on a timeout, Ctrl-C, SIGTERM or an unexpected exit, so
 * no process outlives the run.
 */

interface Entry {
  readonly name: string;
  /** The careful way: close the browser by its handle, TERM then KILL the server's process group. */
  readonly run: () => Promise<void> | void;
  /** Last resort from `process.on('exit')`, where nothing async can run. */
  readonly runSync?: () => void;
}

const entries: Entry[] = [];

/** Registers an undo step; the returned function removes it again (after the caller undid it itself). */
export function addCleanup(name: string, run: () => Promise<void> | void, runSync?: () => void): () => void {
  const entry: Entry = { name, run, runSync };
  entries.push(entry);
  return () => {
    const i = entries.indexOf(entry);
    if (i >= 0) entries.splice(i, 1);
  };
}

function withTimeout(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Steps taken off the list but not finished yet: an exit in the middle still runs their fallback. */
const running = new Set<Entry>();
let inProgress: Promise<void> | undefined;

/**
 * Runs every registered step, last registered first; a step that hangs gets its synchronous fallback.
 * Concurrent callers (the normal end racing a signal) share one pass.
 */
export function cleanupAll(stepTimeoutMs = 15_000): Promise<void> {
  inProgress ??= (async () => {
    while (entries.length > 0) {
      const entry = entries.pop()!;
      running.add(entry);
      try {
        const done = await withTimeout(Promise.resolve().then(entry.run), stepTimeoutMs);
        if (!done) {
          process.stderr.write(`${prefix} cleanup step "${entry.name}" did not finish in ${stepTimeoutMs} ms; forcing it\n`);
          entry.runSync?.();
        }
      } catch (err) {
        process.stderr.write(`${prefix} cleanup step "${entry.name}" failed: ${String(err)}\n`);
        try {
          entry.runSync?.();
        } catch {
          // nothing more to do
        }
      } finally {
        running.delete(entry);
      }
    }
  })().finally(() => {
    inProgress = undefined;
  });
  return inProgress;
}

process.on('exit', () => {
  const left = [...running, ...entries.reverse()];
  running.clear();
  entries.length = 0;
  for (const entry of left) {
    try {
      entry.runSync?.();
    } catch {
      // best effort while exiting
    }
  }
});

let terminating = false;
let bySignal = false;
let prefix = '[host]';

/** The tag of the messages printed while stopping (`[host]` by default, `[demo]` for the demo). */
export function setMessagePrefix(value: string): void {
  prefix = value;
}

/** True when the user (or CI) interrupted the run: nothing, not even the logs, is kept then. */
export function terminatedBySignal(): boolean {
  return bySignal;
}

/** True once a signal or the timeout started {@link terminate}: the normal path must then leave the exit to it. */
export function isTerminating(): boolean {
  return terminating;
}

/**
 * Ctrl-C, SIGTERM, SIGHUP and the overall timeout all end the same way: clean up, then exit with `code`.
 * A second signal while cleaning up exits at once (the synchronous fallbacks still run).
 */
export async function terminate(reason: string, code: number): Promise<never> {
  if (terminating) process.exit(code);
  terminating = true;
  process.stdout.write(`\n${prefix} ${reason}; stopping everything…\n`);
  await cleanupAll(5_000);
  process.exit(code);
}

export function installSignalHandlers(codes: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }): void {
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      bySignal = true;
      void terminate(`received ${signal}`, code);
    });
  }
}
