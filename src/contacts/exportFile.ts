import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ExportChunk } from './export';

export interface WriteExportOptions {
  readonly signal?: AbortSignal;
  /** After each chunk is handed to the file: how many contacts are written. */
  readonly onProgress?: (done: number) => void;
}

/**
 * Writes an export to `target` as a stream, with backpressure, yielding to the event loop between
 * chunks so a big export never freezes the editor. It goes to a temporary file beside the target
 * (readable by the user only, as contact data is personal) and is renamed at the end, so a
 * cancelled or failed export leaves no partial file, and an existing file untouched.
 * Rejects with an `AbortError` when `signal` aborts.
 */
export async function writeExport(target: string, chunks: Iterable<ExportChunk>, options: WriteExportOptions = {}): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const stream = createWriteStream(temporary, { flags: 'wx', mode: 0o600, encoding: 'utf8' });
  // An error while no write is waiting (failed open, full disk) must not be an unhandled event.
  let failure: unknown;
  stream.on('error', (error) => (failure ??= error));
  try {
    for (const chunk of chunks) {
      options.signal?.throwIfAborted();
      if (failure !== undefined) throw failure;
      if (!stream.write(chunk.text)) await once(stream, 'drain', { signal: options.signal });
      options.onProgress?.(chunk.done);
      await yieldToEventLoop();
    }
    options.signal?.throwIfAborted();
    stream.end();
    await finished(stream);
    if (failure !== undefined) throw failure;
    await fs.rename(temporary, target);
  } catch (error) {
    stream.destroy();
    await finished(stream).catch(() => undefined);
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
