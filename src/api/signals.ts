/** Small AbortSignal helpers, written by hand because AbortSignal.any is missing from older Node/Electron. */
import { setMaxListeners } from 'node:events';

export interface LinkedAbort {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Detaches from the parent signals so long-lived parents do not collect listeners. */
  dispose(): void;
}

/** An AbortController that also aborts when any of `parents` does. */
export function linkSignals(...parents: (AbortSignal | undefined)[]): LinkedAbort {
  const controller = new AbortController();
  // Every request and wait of a concurrent walk listens here, and each removes itself when done:
  // more than Node's default 10 is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const cleanups: (() => void)[] = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    const onAbort = (): void => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => parent.removeEventListener('abort', onAbort));
  }
  return {
    signal: controller.signal,
    abort: (reason?: unknown) => controller.abort(reason),
    dispose: () => cleanups.forEach((cleanup) => cleanup()),
  };
}

/** Resolves after `ms`, or rejects with `onAbort()` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort());
      return;
    }
    const abort = (): void => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', abort, { once: true });
  });
}
