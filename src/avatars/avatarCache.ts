import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { type Dispatcher, request } from 'undici';
import { isLoopbackHost } from '../api';

/** Avatars are small thumbnails; anything bigger is not what we asked for. */
const MAX_AVATAR_BYTES = 512 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
/** A few at a time: a big group's avatars must not crowd out the API's own requests. */
const MAX_PARALLEL_FETCHES = 4;
/**
 * Raster formats only: an SVG is a document that can reference other resources. The extension
 * comes from the server's declared type, never from the URL.
 */
const IMAGE_TYPES: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * Contact avatars fetched once, kept on disk across sessions, and looked up without waiting: a miss
 * answers undefined (the caller shows the source icon) and starts a fetch whose end is reported
 * through `onDidLoad`. Fetches carry no credentials: the API key never goes to an image host.
 */
export class AvatarCache {
  /** url → file path, or null when the avatar could not be had (not retried this session). */
  private readonly known = new Map<string, string | null>();
  private readonly waiting: string[] = [];
  private running = 0;
  private onDisk: Promise<Map<string, string>> | undefined;
  private disposed = false;

  constructor(
    private readonly directory: string,
    private readonly dispatcher: () => Dispatcher | undefined,
    private readonly onDidLoad: () => void,
  ) {}

  /** The cached file of an avatar, or undefined while it is not (yet) available. */
  lookup(url: string): string | undefined {
    const known = this.known.get(url);
    if (known !== undefined) return known ?? undefined;
    if (!isFetchable(url)) {
      this.known.set(url, null);
      return undefined;
    }
    this.known.set(url, null);
    this.waiting.push(url);
    this.pump();
    return undefined;
  }

  /** Forgets every avatar and deletes the files: after sign-out no picture of the account stays on disk. */
  async clear(): Promise<void> {
    this.known.clear();
    this.waiting.length = 0;
    this.onDisk = undefined;
    await rm(this.directory, { recursive: true, force: true });
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
  }

  private pump(): void {
    while (this.running < MAX_PARALLEL_FETCHES && this.waiting.length > 0) {
      const url = this.waiting.shift() as string;
      this.running++;
      void this.load(url).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async load(url: string): Promise<void> {
    const key = createHash('sha256').update(url).digest('hex');
    const cached = (await this.diskIndex()).get(key);
    const file = cached ?? (await this.download(url, key).catch(() => undefined));
    if (file === undefined || this.disposed) return;
    this.known.set(url, file);
    this.onDidLoad();
  }

  private diskIndex(): Promise<Map<string, string>> {
    this.onDisk ??= readdir(this.directory)
      .catch(() => [] as string[])
      .then((names) => new Map(names.map((name) => [name.replace(/\.[a-z]+$/, ''), path.join(this.directory, name)])));
    return this.onDisk;
  }

  private async download(url: string, key: string): Promise<string | undefined> {
    const response = await request(url, {
      method: 'GET',
      dispatcher: this.dispatcher(),
      headers: { accept: Object.keys(IMAGE_TYPES).join(', ') },
      // undici's request() does not follow redirects: an avatar cannot bounce us elsewhere.
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    const type = String(response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const extension = IMAGE_TYPES[type];
    if (response.statusCode !== 200 || extension === undefined) {
      await response.body.dump();
      return undefined;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_AVATAR_BYTES) {
        response.body.destroy();
        return undefined;
      }
      chunks.push(chunk as Buffer);
    }
    await mkdir(this.directory, { recursive: true });
    const file = path.join(this.directory, `${key}.${extension}`);
    await writeFile(file, Buffer.concat(chunks));
    return file;
  }
}

/** https only, no credentials; http only for loopback, where tests serve their images. */
function isFetchable(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
