/**
 * The folder of cache files: one `contacts-<account id>.cache` per account, replaced through a
 * randomly named temporary file and a rename, so a reader or a second window never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

const CACHE_FILE = /^contacts-[0-9a-f]{32}\.cache$/;
const TEMP_FILE = /^contacts-[0-9a-f]{16}\.tmp$/;
/** A temporary file this old is left from a crash, not from a write in progress in another window. */
const STALE_TEMP_MS = 10 * 60_000;

export class CacheFolder {
  constructor(
    private readonly directory: string,
    private readonly log: (message: string) => void,
  ) {}

  /** The account's file; undefined when there is none; 'tooLarge' (unread) when over `maxBytes`. */
  async read(account: string, maxBytes: number): Promise<Buffer | 'tooLarge' | undefined> {
    let handle;
    try {
      handle = await open(this.fileOf(account), 'r');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      return size > maxBytes ? 'tooLarge' : await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /** Replaces the account's file, unless `stillWanted` says no by the time the bytes are on disk. */
  async replace(account: string, bytes: Buffer, stillWanted: () => boolean): Promise<boolean> {
    // Random, in the same folder: rename is atomic only within one file system.
    const temp = path.join(this.directory, `contacts-${randomBytes(8).toString('hex')}.tmp`);
    try {
      await mkdir(this.directory, { recursive: true });
      await writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
      if (!stillWanted()) {
        await rm(temp, { force: true });
        return false;
      }
      await rename(temp, this.fileOf(account));
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    await this.removeStaleTemps();
    return true;
  }

  remove(account: string): Promise<boolean> {
    return this.removeFile(this.fileOf(account));
  }

  /** Removes every cache file (and, with `temps`, every temporary one); returns how many went. */
  async removeAll(temps: boolean): Promise<number> {
    const names = (await this.list()).filter((name) => CACHE_FILE.test(name) || (temps && TEMP_FILE.test(name)));
    const removed = await Promise.all(names.map((name) => this.removeFile(path.join(this.directory, name))));
    return removed.filter(Boolean).length;
  }

  private async removeStaleTemps(): Promise<void> {
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of (await this.list()).filter((entry) => TEMP_FILE.test(entry))) {
      const file = path.join(this.directory, name);
      const modified = await stat(file).then((info) => info.mtimeMs, () => undefined);
      if (modified !== undefined && modified < cutoff) await this.removeFile(file);
    }
  }

  private async removeFile(file: string): Promise<boolean> {
    try {
      await rm(file, { force: true });
      return true;
    } catch (error) {
      this.log(`could not delete a cache file (${errorCode(error)})`);
      return false;
    }
  }

  private async list(): Promise<string[]> {
    try {
      return await readdir(this.directory);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') this.log(`could not list the cache folder (${errorCode(error)})`);
      return [];
    }
  }

  private fileOf(account: string): string {
    return path.join(this.directory, `contacts-${account}.cache`);
  }
}

/** The error's code only: a message or a path could carry a user name or file contents. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? code : 'unknown error';
}
