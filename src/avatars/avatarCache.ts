import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { isLoopbackHost } from '../api';
import { checkedConnector, isAllowedAddress } from './addresses';
import { AvatarStore } from './avatarStore';
import { readImageHeader } from './imageSize';

/** Avatars are small thumbnails; anything bigger is not what we asked for. */
const MAX_AVATAR_BYTES = 512 * 1024;
/** Largest width and height an avatar may declare: the tree draws 16 px, hovers a little more. */
const MAX_AVATAR_PIXELS = 512;
const FETCH_TIMEOUT_MS = 10_000;
/** A few at a time: a big group's avatars must not crowd out the API's own requests. */
const MAX_PARALLEL_FETCHES = 4;
export const DEFAULT_MAX_CACHE_BYTES = 32 * 1024 * 1024;
/**
 * Raster formats only: an SVG is a document that can reference other resources. The extension
 * comes from the server's declared type, never from the URL, and must match the file's own header.
 */
const IMAGE_TYPES: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

export interface AvatarCacheOptions {
  /**
   * For tests only, never from a setting: plain http to this machine and connections to its
   * loopback addresses, where test servers listen. Private networks stay refused.
   */
  readonly allowLoopbackForTests?: boolean;
  /** Total size of the files kept on disk; the least recently used go first. Default 32 MB. */
  readonly maxCacheBytes?: number;
}

/**
 * Contact avatars fetched once, kept on disk across sessions, and looked up without waiting: a miss
 * answers undefined (the caller shows the source icon) and starts a fetch whose end is reported
 * through `onDidLoad`. Fetches carry no credentials and go only to https hosts on the public
 * internet, directly (never through a proxy, where the address could not be checked): an avatar URL
 * is contact data, and must not make the editor call the user's network or machine.
 */
export class AvatarCache {
  /** url → its key and file, or null when the avatar could not be had (not retried this session). */
  private readonly known = new Map<string, { key: string; file: string } | null>();
  private readonly waiting: string[] = [];
  private readonly loads = new Set<Promise<void>>();
  private readonly store: AvatarStore;
  private readonly agent: Agent;
  private readonly allowLoopback: boolean;
  /** Aborts the downloads of the current generation: clear() and dispose() cut them off. */
  private downloads = new AbortController();
  private disposed = false;

  constructor(
    directory: string,
    private readonly onDidLoad: () => void,
    options: AvatarCacheOptions = {},
  ) {
    this.allowLoopback = options.allowLoopbackForTests === true;
    const maxBytes = options.maxCacheBytes !== undefined && options.maxCacheBytes > 0 ? options.maxCacheBytes : DEFAULT_MAX_CACHE_BYTES;
    this.store = new AvatarStore(directory, maxBytes, (key) => this.forget(key));
    this.agent = new Agent({
      connect: checkedConnector(this.allowLoopback, FETCH_TIMEOUT_MS),
      headersTimeout: FETCH_TIMEOUT_MS,
      bodyTimeout: FETCH_TIMEOUT_MS,
    });
  }

  /** The cached file of an avatar, or undefined while it is not (yet) available. */
  lookup(url: string): string | undefined {
    const known = this.known.get(url);
    if (known !== undefined) {
      if (known !== null) this.store.touch(known.key);
      return known?.file;
    }
    this.known.set(url, null);
    if (this.disposed || !this.isFetchable(url)) return undefined;
    this.waiting.push(url);
    this.pump();
    return undefined;
  }

  /**
   * Forgets every avatar and deletes the files: after sign-out, or when avatars are turned off, no
   * picture of the account stays on disk. Downloads still running are cut off and write nothing.
   */
  async clear(): Promise<void> {
    this.known.clear();
    this.waiting.length = 0;
    this.downloads.abort();
    this.downloads = new AbortController();
    await this.store.clear();
  }

  /** Resolves once no fetch is running or waiting and the disk is written: for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.loads.size > 0) await Promise.allSettled([...this.loads]);
    await this.store.settled();
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
    this.downloads.abort();
    void this.agent.close().catch(() => undefined);
  }

  private pump(): void {
    while (this.loads.size < MAX_PARALLEL_FETCHES && this.waiting.length > 0) {
      const url = this.waiting.shift() as string;
      const load: Promise<void> = this.load(url)
        .catch(() => undefined)
        .finally(() => {
          this.loads.delete(load);
          this.pump();
        });
      this.loads.add(load);
    }
  }

  private async load(url: string): Promise<void> {
    const generation = this.store.current;
    const { signal } = this.downloads;
    const key = createHash('sha256').update(url).digest('hex');
    let file = await this.store.find(key);
    if (file === undefined) {
      const image = await this.download(url, signal);
      if (image === undefined || signal.aborted) return;
      file = await this.store.write(key, image.extension, image.data, generation);
    }
    // A clear() while this ran: the file is gone, and the avatar belongs to the account signed out.
    if (file === undefined || this.disposed || generation !== this.store.current) return;
    this.known.set(url, { key, file });
    this.onDidLoad();
  }

  private async download(url: string, signal: AbortSignal): Promise<{ extension: string; data: Buffer } | undefined> {
    const response = await request(url, {
      method: 'GET',
      dispatcher: this.agent,
      headers: { accept: Object.keys(IMAGE_TYPES).join(', ') },
      // undici's request() does not follow redirects: an avatar cannot bounce us elsewhere.
      signal: AbortSignal.any([signal, AbortSignal.timeout(FETCH_TIMEOUT_MS)]),
    });
    const type = String(response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    // Own keys only: a `Content-Type: constructor` must not find Object's.
    const extension = Object.hasOwn(IMAGE_TYPES, type) ? IMAGE_TYPES[type] : undefined;
    const declared = Number(response.headers['content-length']);
    if (response.statusCode !== 200 || extension === undefined || declared > MAX_AVATAR_BYTES) {
      response.body.on('error', () => undefined).destroy();
      return undefined;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Leaving the loop destroys the stream.
      if (size > MAX_AVATAR_BYTES) return undefined;
      chunks.push(chunk);
    }
    const data = Buffer.concat(chunks);
    const header = readImageHeader(data);
    const fits = (n: number): boolean => n >= 1 && n <= MAX_AVATAR_PIXELS;
    if (header === undefined || header.type !== extension || !fits(header.width) || !fits(header.height)) return undefined;
    return { extension, data };
  }

  /** https (or, for tests, http to this machine), no credentials, and no literal address off the public internet. */
  private isFetchable(text: string): boolean {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return false;
    }
    if (url.username !== '' || url.password !== '') return false;
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.allowLoopback && isLoopbackHost(url.hostname))) return false;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return isIP(host) === 0 || isAllowedAddress(host, this.allowLoopback);
  }

  /** An evicted file: the next lookup fetches it again. */
  private forget(key: string): void {
    for (const [url, entry] of this.known) if (entry?.key === key) this.known.delete(url);
  }
}
