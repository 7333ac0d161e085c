/**
 * A fake Callbell API over real HTTP on 127.0.0.1, shared by unit tests, host integration tests,
 * benchmarks and the demo. It follows /work/shared/callbell-api.md and can inject faults.
 *
 * Only node: built-ins; runs in plain Node 20 and in the VS Code extension host.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContactJson, type FakeTeamJson, generateContacts } from './data';
import { SlidingWindow } from './rateWindow';

export interface FakeCallbellOptions {
  /** The API key the server accepts. Default 'test-token-0123456789abcdef'. */
  token?: string;
  /** The data set, in API order. Default generateContacts(100). */
  contacts?: ContactJson[];
  /** Contacts per page. Default 20. */
  pageSize?: number;
  /**
   * 'pages': `{contacts, meta: {page, pages}}`; 'cursor': `{contacts, meta: {next}}` driven by
   * `after`; 'noMeta': `{contacts}` only. Default 'pages'.
   */
  pagination?: 'pages' | 'cursor' | 'noMeta';
  /** Highest page number the `page` parameter accepts (400 above). Default 500. */
  pageLimit?: number;
  /** Delay before every response. Default 0. */
  latencyMs?: number;
  /** Most accepted API requests in any sliding second; beyond it 429 (counted in rateLimited). 0: off. Default 0. */
  rateLimitPerSecond?: number;
  /** Retry-After sent with those 429s (seconds or HTTP date); '' sends none, like Callbell. Default ''. */
  rateLimitRetryAfter?: string;
  /** The user `GET /v1/auth/me` reports. */
  user?: { email: string; name: string };
  /**
   * How several `tags` combine, which the real API does not document: 'any' (OR, the looser
   * reading) or 'all' (AND). Default 'any'.
   */
  tagMatching?: 'any' | 'all';
  /** The account's teams for `GET /v1/teams`, and the contacts `team_uuid` lists. Default none. */
  teams?: FakeTeam[];
  /** How the single-contact endpoints wrap their contact: `{contact: {…}}` or `{contact: [{…}]}`. Default 'object'. */
  contactShape?: 'object' | 'array';
}

/** A team: its agents, and the contacts (by uuid) a `team_uuid` listing returns. */
export type FakeTeam = FakeTeamJson;

export type FaultKind =
  | 'status'
  | 'rateLimit'
  | 'malformedJson'
  | 'html'
  | 'missingContacts'
  | 'slowBody'
  | 'dropConnection'
  | 'hang';

export interface Fault {
  kind: FaultKind;
  /** Exact pathname the fault applies to. Default '/v1/contacts'. */
  path?: string;
  /** Only requests for this page (or cursor position, 1-based). Default: every page. */
  page?: number;
  /** How many matching requests it affects. Default Infinity. */
  times?: number;
  /** For 'status' (e.g. 503, 500, 403, 401, 400); for 'html' (default 502; 200 allowed). */
  status?: number;
  /** For 'rateLimit': raw Retry-After header value (seconds or HTTP date); omitted → no header. */
  retryAfter?: string;
  /** For 'slowBody': the body is sent in pieces over this time. Default 1000. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Pathname only, without the query string. */
  path: string;
  query: Record<string, string>;
  authorized: boolean;
  /** Request headers; the Authorization value is replaced by '[redacted]'. */
  headers: Record<string, string | string[] | undefined>;
  /** Date.now() when the request arrived. */
  at: number;
}

const DEFAULT_TOKEN = 'test-token-0123456789abcdef';

type Settings = Required<Omit<FakeCallbellOptions, 'contacts'>>;

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

/** What a route decided to answer, before faults and latency are applied. */
interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Where a request sits in the list, for faults that target a page. */
interface RequestContext {
  page: number;
}

const CURSOR_PREFIX = 'offset:';

function encodeCursor(offset: number): string {
  return Buffer.from(CURSOR_PREFIX + offset.toString(), 'utf8').toString('base64url');
}

/** The offset a cursor encodes, or undefined when it is not one of ours. */
function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^offset:(\d{1,9})$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Parses `page`: undefined when absent, NaN when not a positive integer. */
function parsePage(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return /^\d{1,9}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : NaN;
}

function phoneDigitsOf(text: string): string {
  return text.replace(/\D+/g, '').replace(/^00/, '');
}

function contactTags(contact: ContactJson): string[] {
  const tags = contact.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

export class FakeCallbell {
  readonly origin: string;
  readonly baseUrl: string;
  readonly requests: RecordedRequest[] = [];
  /** 429s sent by the rate limit (rateLimitPerSecond), not by faults; resetRequests() zeroes it. */
  rateLimited = 0;

  private settings: Settings;
  private contacts: ContactJson[];
  private faults: ActiveFault[] = [];
  private readonly window = new SlidingWindow();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  private constructor(private readonly server: http.Server, options: FakeCallbellOptions) {
    const address = server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${address.port}`;
    this.baseUrl = `${this.origin}/v1`;
    this.settings = {
      token: DEFAULT_TOKEN,
      pageSize: 20,
      pagination: 'pages',
      pageLimit: 500,
      latencyMs: 0,
      rateLimitPerSecond: 0,
      rateLimitRetryAfter: '',
      user: { email: 'agent@example.com', name: 'Test Agent' },
      tagMatching: 'any',
      teams: [],
      contactShape: 'object',
    };
    this.contacts = options.contacts ?? generateContacts(100);
    this.configure(options);
    server.on('request', (req, res) => this.handle(req, res));
  }

  /** Starts a server on 127.0.0.1 (port 0, i.e. any free port, unless `port` is given). */
  static async start(options: FakeCallbellOptions & { port?: number } = {}): Promise<FakeCallbell> {
    const { port, ...rest } = options;
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new FakeCallbell(server, rest);
  }

  /** The API key currently accepted (changes with configure({ token })). */
  get token(): string {
    return this.settings.token;
  }

  setContacts(contacts: ContactJson[]): void {
    this.contacts = contacts;
  }

  /** Changes options on the fly; fields left out keep their current value. */
  configure(partial: Partial<FakeCallbellOptions>): void {
    const { contacts, ...rest } = partial;
    if (contacts !== undefined) this.contacts = contacts;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) {
        (this.settings as unknown as Record<string, unknown>)[key] = value;
      }
    }
  }

  addFault(fault: Fault): void {
    this.faults.push({ fault, remaining: fault.times ?? Infinity });
  }

  clearFaults(): void {
    this.faults = [];
  }

  resetRequests(): void {
    this.requests.length = 0;
    this.rateLimited = 0;
  }

  /** Stops listening and ends every open connection, hanging ones included. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // -------------------------------------------------------------------------------------------

  private later(ms: number, action: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    const headers: Record<string, string | string[] | undefined> = { ...req.headers };
    if (headers.authorization !== undefined) headers.authorization = '[redacted]';
    const authorized = req.headers.authorization === `Bearer ${this.settings.token}`;
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query, authorized, headers, at: Date.now() });

    // Drain any request body so the connection can be reused.
    req.resume();
    // Judged on arrival, as a real limiter would; the answer still takes latencyMs to come back.
    const { rateLimitPerSecond: perSecond, rateLimitRetryAfter: retryAfter } = this.settings;
    const limited = perSecond > 0 && url.pathname.startsWith('/v1/') && !this.window.admit(Date.now(), perSecond);

    const respond = (): void => {
      if (res.destroyed || this.closed) return;
      // Avatars live on a public image host, not behind the API key.
      if (url.pathname.startsWith('/avatars/')) {
        sendAvatar(res, url.pathname.slice('/avatars/'.length));
        return;
      }
      if (limited) {
        this.rateLimited += 1;
        this.send(res, { status: 429, body: { error: 'Too Many Requests' }, headers: retryAfter ? { 'Retry-After': retryAfter } : {} });
        return;
      }
      if (!authorized) {
        this.send(res, { status: 401, body: { error: 'Unauthorized' } });
        return;
      }
      const context: RequestContext = { page: 1 };
      const reply = this.route(req.method ?? 'GET', url, context);
      // Faults only hit authorized requests, after routing told us which page was asked for.
      const fault = this.takeFault(url.pathname, context.page);
      if (fault) {
        this.sendFault(res, fault, reply);
      } else {
        this.send(res, reply);
      }
    };

    if (this.settings.latencyMs > 0) {
      this.later(this.settings.latencyMs, respond);
    } else {
      respond();
    }
  }

  private takeFault(path: string, page: number): Fault | undefined {
    for (const active of this.faults) {
      const { fault } = active;
      if ((fault.path ?? '/v1/contacts') !== path) continue;
      if (fault.page !== undefined && fault.page !== page) continue;
      if (active.remaining <= 0) continue;
      active.remaining -= 1;
      return fault;
    }
    return undefined;
  }

  private route(method: string, url: URL, context: RequestContext): Reply {
    if (method === 'GET') {
      const path = url.pathname.replace(/\/+$/, '');
      if (path === '/v1/auth/me') {
        return {
          status: 200,
          body: {
            status: 'ok',
            user_email: this.settings.user.email,
            user_name: this.settings.user.name,
            api_key: this.settings.token,
          },
        };
      }
      if (path === '/v1/contacts') return this.listContacts(url.searchParams, context);
      if (path === '/v1/teams') return this.listTeams(url.searchParams);
      const byPhone = /^\/v1\/contacts\/phone\/([^/]+)$/.exec(path);
      if (byPhone) return this.contactByPhone(byPhone[1]);
      const one = /^\/v1\/contacts\/([^/]+)$/.exec(path);
      if (one) {
        let uuid: string;
        try {
          uuid = decodeURIComponent(one[1]);
        } catch {
          return { status: 404, body: { error: 'Not Found' } };
        }
        const contact = this.contacts.find((c) => c.uuid === uuid);
        return contact ? this.oneContact(contact) : { status: 404, body: { error: 'Not Found' } };
      }
    }
    return { status: 404, body: { error: 'Not Found' } };
  }

  /** `GET /contacts/phone/:phone_number`: the first contact whose number has the same digits (a leading 00 read as +). */
  private contactByPhone(encoded: string): Reply {
    let digits: string;
    try {
      digits = phoneDigitsOf(decodeURIComponent(encoded));
    } catch {
      return { status: 404, body: { error: 'Not Found' } };
    }
    const contact = digits === '' ? undefined : this.contacts.find((c) => typeof c.phoneNumber === 'string' && phoneDigitsOf(c.phoneNumber) === digits);
    return contact ? this.oneContact(contact) : { status: 404, body: { error: 'Contact not found' } };
  }

  private oneContact(contact: ContactJson): Reply {
    return { status: 200, body: { contact: this.settings.contactShape === 'array' ? [contact] : contact } };
  }

  private listContacts(params: URLSearchParams, context: RequestContext): Reply {
    const { pageSize, pagination, pageLimit } = this.settings;

    // Filters come first, then paging. `include_field_types` is ignored.
    let matching = this.contacts;
    const teamUuid = params.get('team_uuid');
    if (teamUuid) {
      // An unknown team lists nobody.
      const members = new Set(this.settings.teams.find((team) => team.uuid === teamUuid)?.contactUuids ?? []);
      matching = matching.filter((c) => typeof c.uuid === 'string' && members.has(c.uuid));
    }
    const source = params.get('source');
    if (source) {
      const wanted = source.toLowerCase();
      matching = matching.filter((c) => typeof c.source === 'string' && c.source.toLowerCase() === wanted);
    }
    const tagsParam = params.get('tags');
    if (tagsParam) {
      // Several tags are ORed by default: a contact matches when it carries ANY of them
      // (case-insensitive); `tagMatching: 'all'` ANDs them. The real API does not document which,
      // so a client must get the same result from either.
      const wanted = [...new Set(tagsParam.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
      if (wanted.length > 0) {
        const all = this.settings.tagMatching === 'all';
        matching = matching.filter((c) => {
          const carried = new Set(contactTags(c).map((t) => t.toLowerCase()));
          return all ? wanted.every((t) => carried.has(t)) : wanted.some((t) => carried.has(t));
        });
      }
    }

    const after = params.get('after');
    let offset: number;
    if (pagination === 'cursor' && after !== null) {
      const decoded = decodeCursor(after);
      if (decoded === undefined) return { status: 400, body: { error: 'Invalid pagination cursor' } };
      offset = decoded;
    } else {
      const page = parsePage(params.get('page') ?? undefined) ?? 1;
      if (Number.isNaN(page)) return { status: 400, body: { error: { page: ['must be a positive integer'] } } };
      if (page > pageLimit) return { status: 400, body: { error: 'Pagination limit exceeded' } };
      offset = (page - 1) * pageSize;
    }
    const page = Math.floor(offset / pageSize) + 1;
    context.page = page;
    const contacts = matching.slice(offset, offset + pageSize);

    switch (pagination) {
      case 'pages':
        return {
          status: 200,
          body: { contacts, meta: { page, pages: Math.max(1, Math.ceil(matching.length / pageSize)) } },
        };
      case 'cursor': {
        const nextOffset = offset + pageSize;
        return {
          status: 200,
          body: { contacts, meta: { next: nextOffset < matching.length ? encodeCursor(nextOffset) : null } },
        };
      }
      case 'noMeta':
        return { status: 200, body: { contacts } };
    }
  }

  /** `GET /v1/teams`: `{teams, meta: {page, pages}}`, `members` as a count, paged like contacts. */
  private listTeams(params: URLSearchParams): Reply {
    const { pageSize, teams } = this.settings;
    const page = parsePage(params.get('page') ?? undefined) ?? 1;
    if (Number.isNaN(page)) return { status: 400, body: { error: { page: ['must be a positive integer'] } } };
    const slice = teams.slice((page - 1) * pageSize, page * pageSize);
    return {
      status: 200,
      body: {
        teams: slice.map((team) => ({ uuid: team.uuid, name: team.name, default: false, members: team.members.length, createdAt: '2024-01-01T00:00:00Z' })),
        meta: { page, pages: Math.max(1, Math.ceil(teams.length / pageSize)) },
      },
    };
  }

  private send(res: http.ServerResponse, reply: Reply): void {
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      ...reply.headers,
    });
    res.end(body);
  }

  private sendFault(res: http.ServerResponse, fault: Fault, reply: Reply): void {
    const json = (status: number, text: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    };
    switch (fault.kind) {
      case 'status': {
        const status = fault.status ?? 500;
        json(status, JSON.stringify({ error: http.STATUS_CODES[status] ?? 'Error' }));
        return;
      }
      case 'rateLimit':
        json(429, JSON.stringify({ error: 'Too Many Requests' }), fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {});
        return;
      case 'malformedJson': {
        const full = JSON.stringify(reply.body);
        json(200, full.slice(0, Math.max(1, Math.floor(full.length / 2))));
        return;
      }
      case 'html': {
        const status = fault.status ?? 502;
        const page =
          `<!DOCTYPE html>\n<html><head><title>${status} ${http.STATUS_CODES[status] ?? ''}</title></head>` +
          `<body><h1>${status} ${http.STATUS_CODES[status] ?? ''}</h1><p>nginx</p></body></html>\n`;
        res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page) });
        res.end(page);
        return;
      }
      case 'missingContacts':
        json(200, JSON.stringify({ data: [] }));
        return;
      case 'slowBody':
        this.trickle(res, reply, fault.delayMs ?? 1000);
        return;
      case 'dropConnection': {
        const full = Buffer.from(JSON.stringify(reply.body), 'utf8');
        res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': full.length });
        res.write(full.subarray(0, Math.floor(full.length / 2)), () => {
          // Give the half body a moment on the wire, then cut the socket.
          this.later(10, () => res.socket?.destroy());
        });
        return;
      }
      case 'hang':
        // Never answer. close() (closeAllConnections) or the client's own timeout ends it.
        return;
    }
  }

  /** Sends headers at once, then the body in pieces spread over `delayMs`. */
  private trickle(res: http.ServerResponse, reply: Reply, delayMs: number): void {
    const full = Buffer.from(JSON.stringify(reply.body), 'utf8');
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': full.length });
    res.flushHeaders();
    const pieces = Math.max(1, Math.min(10, full.length));
    const pieceSize = Math.ceil(full.length / pieces);
    let index = 0;
    const step = (): void => {
      if (res.destroyed) return;
      const chunk = full.subarray(index * pieceSize, (index + 1) * pieceSize);
      index += 1;
      if (index >= pieces) {
        res.end(chunk);
      } else {
        res.write(chunk);
        this.later(delayMs / pieces, step);
      }
    };
    this.later(delayMs / pieces, step);
  }
}

/** A 1×1 PNG, a tiny SVG, or (for `huge.png`) more than any avatar should weigh. */
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function sendAvatar(res: http.ServerResponse, name: string): void {
  if (name.endsWith('.svg')) {
    res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"/>');
  } else if (name === 'huge.png') {
    res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(1024 * 1024));
  } else if (name.endsWith('.png')) {
    res.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL_PNG);
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}
