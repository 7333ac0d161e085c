import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

interface StoredFile {
  readonly file: string;
  readonly size: number;
  /** Last use, ms since the epoch; kept across sessions as the file's modification time. */
  used: number;
}

/** Files this store writes: a sha-256 key and the image type. Anything else in the folder is not ours. */
const FILE_NAME = /^([0-9a-f]{64})\.(png|jpg|gif|webp)$/;

/**
 * The avatar files on disk, at most `maxBytes` of them: after each write the least recently used go
 * until the rest fit. Every change of the folder runs one after the other, so `clear()` waits for a
 * write in progress and deletes its file too, and a write queued before the clear is dropped.
 */
export class AvatarStore {
  private files: Promise<Map<string, StoredFile>> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by clear(): writes asked for before it are dropped. */
  private generation = 0;
  private lastUse = 0;

  constructor(
    private readonly directory: string,
    private readonly maxBytes: number,
    private readonly onEvicted: (key: string) => void,
  ) {}

  /** The generation a write must still be in to happen. */
  get current(): number {
    return this.generation;
  }

  /** The file of `key` on disk, marked as just used, or undefined. */
  async find(key: string): Promise<string | undefined> {
    const entry = (await this.index()).get(key);
    if (entry === undefined) return undefined;
    this.touch(key);
    return entry.file;
  }

  /** Marks a file as just used; on disk too, so the next session evicts in the same order. */
  touch(key: string): void {
    void this.index().then((files) => {
      const entry = files.get(key);
      if (entry === undefined) return;
      const now = this.now();
      // Once a minute at most: every redraw of the tree looks avatars up again.
      const persist = now - entry.used > 60_000;
      entry.used = now;
      if (persist) this.enqueue(() => utimes(entry.file, now / 1000, now / 1000).catch(() => undefined));
    });
  }

  /** Writes the file unless a clear() came after `generation`; resolves to its path when written. */
  write(key: string, extension: string, data: Buffer, generation: number): Promise<string | undefined> {
    return this.enqueue(async () => {
      if (generation !== this.generation) return undefined;
      const files = await this.index();
      await mkdir(this.directory, { recursive: true });
      const file = path.join(this.directory, `${key}.${extension}`);
      // Written aside and renamed, so a crash never leaves half a picture under the final name.
      const partial = `${file}.partial`;
      await writeFile(partial, data);
      await rename(partial, file);
      files.set(key, { file, size: data.length, used: this.now() });
      await this.evict(files);
      return files.has(key) ? file : undefined;
    });
  }

  /** Deletes every file, after any write in progress. */
  clear(): Promise<void> {
    this.generation += 1;
    return this.enqueue(async () => {
      this.files = undefined;
      await rm(this.directory, { recursive: true, force: true });
    });
  }

  /** Resolves once every change asked for so far is done. */
  async settled(): Promise<void> {
    await this.queue;
  }

  /** The clock of last uses: never the same moment twice, so the order of uses is the order of eviction. */
  private now(): number {
    this.lastUse = Math.max(Date.now(), this.lastUse + 1);
    return this.lastUse;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private index(): Promise<Map<string, StoredFile>> {
    this.files ??= this.readIndex();
    return this.files;
  }

  private async readIndex(): Promise<Map<string, StoredFile>> {
    const files = new Map<string, StoredFile>();
    const names = await readdir(this.directory).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(this.directory, name);
      const match = FILE_NAME.exec(name);
      if (match === null) {
        // A write cut short by a crash.
        if (name.endsWith('.partial')) await rm(file, { force: true });
        continue;
      }
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile()) files.set(match[1], { file, size: info.size, used: info.mtimeMs });
    }
    return files;
  }

  /** Least recently used first, until the rest fit in maxBytes. */
  private async evict(files: Map<string, StoredFile>): Promise<void> {
    let total = [...files.values()].reduce((sum, entry) => sum + entry.size, 0);
    if (total <= this.maxBytes) return;
    for (const [key, entry] of [...files].sort(([, a], [, b]) => a.used - b.used)) {
      if (total <= this.maxBytes) break;
      await rm(entry.file, { force: true });
      files.delete(key);
      total -= entry.size;
      this.onEvicted(key);
    }
  }
}
