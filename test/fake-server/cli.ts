/**
 * Runs the fake Callbell API from a terminal, for the demo and for trying the extension by hand:
 *
 *   node out/test/fake-server/cli.js [--port N] [--contacts N] [--seed N] [--token T]
 *     [--latency MS] [--pagination pages|cursor|noMeta] [--page-limit N] [--hostile] [--quiet]
 *     [--rate-limit N] [--retry-after S]
 *
 * --rate-limit N answers 429 above N requests in any sliding second (Callbell's is 300);
 * --retry-after S sends `Retry-After: S` with them (Callbell documents none).
 */
import { ContactJson, generateContacts, generateTeams, hostileContacts } from './data';
import { FakeCallbell, FakeCallbellOptions } from './server';

interface CliOptions {
  port: number;
  contacts: number;
  seed: number;
  token: string | undefined;
  latencyMs: number;
  pagination: NonNullable<FakeCallbellOptions['pagination']>;
  pageLimit: number | undefined;
  rateLimit: number;
  retryAfter: string;
  hostile: boolean;
  quiet: boolean;
}

const USAGE =
  'Usage: node out/test/fake-server/cli.js [--port N] [--contacts N] [--seed N] [--token T]\n' +
  '         [--latency MS] [--pagination pages|cursor|noMeta] [--page-limit N] [--hostile] [--quiet]\n' +
  '         [--rate-limit N (requests/s, 429 above)] [--retry-after S (sent with those 429s)]';

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    port: 0,
    contacts: 100,
    seed: 1,
    token: undefined,
    latencyMs: 0,
    pagination: 'pages',
    pageLimit: undefined,
    rateLimit: 0,
    retryAfter: '',
    hostile: false,
    quiet: false,
  };
  const integer = (flag: string, raw: string | undefined): number => {
    if (raw === undefined || !/^\d+$/.test(raw)) throw new Error(`${flag} needs a non-negative integer`);
    return Number(raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // Accept both "--flag value" and "--flag=value".
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port': options.port = integer(flag, value()); break;
      case '--contacts': options.contacts = integer(flag, value()); break;
      case '--seed': options.seed = integer(flag, value()); break;
      case '--latency': options.latencyMs = integer(flag, value()); break;
      case '--page-limit': options.pageLimit = integer(flag, value()); break;
      case '--rate-limit': options.rateLimit = integer(flag, value()); break;
      case '--retry-after': options.retryAfter = String(integer(flag, value())); break;
      case '--token': {
        const token = value();
        if (!token) throw new Error('--token needs a value');
        options.token = token;
        break;
      }
      case '--pagination': {
        const mode = value();
        if (mode !== 'pages' && mode !== 'cursor' && mode !== 'noMeta') {
          throw new Error('--pagination must be pages, cursor or noMeta');
        }
        options.pagination = mode;
        break;
      }
      case '--hostile': options.hostile = true; break;
      case '--quiet': options.quiet = true; break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }

  const contacts: ContactJson[] = generateContacts(options.contacts, { seed: options.seed });
  if (options.hostile) contacts.unshift(...hostileContacts());

  const server = await FakeCallbell.start({
    port: options.port,
    contacts,
    teams: generateTeams(contacts),
    latencyMs: options.latencyMs,
    pagination: options.pagination,
    rateLimitPerSecond: options.rateLimit,
    rateLimitRetryAfter: options.retryAfter,
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.pageLimit !== undefined ? { pageLimit: options.pageLimit } : {}),
  });

  console.log(`Fake Callbell API: ${server.baseUrl}`);
  console.log(`API key: ${server.token}`);
  console.log(
    `Contacts: ${contacts.length}${options.hostile ? ' (including hostile ones)' : ''}, seed ${options.seed}, ` +
      `pagination ${options.pagination}, latency ${options.latencyMs} ms` +
      (options.rateLimit > 0 ? `, 429 above ${options.rateLimit} requests/s` : ''),
  );
  console.log('Press Ctrl+C to stop.');

  if (!options.quiet) {
    // Log each request after it has been recorded (the server records on arrival).
    let logged = 0;
    const timer = setInterval(() => {
      while (logged < server.requests.length) {
        const r = server.requests[logged++];
        const query = new URLSearchParams(r.query).toString();
        console.log(`${new Date(r.at).toISOString()} ${r.method} ${r.path}${query ? '?' + query : ''}${r.authorized ? '' : ' (unauthorized)'}`);
      }
    }, 200);
    timer.unref();
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the fake Callbell API.`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  void main();
}
