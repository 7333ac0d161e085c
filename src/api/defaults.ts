/** The client's defaults, each with the reasoning behind its number. */

/**
 * The ceiling of page requests in flight. The pacer keeps about budget × round-trip time of them in
 * flight (100 req/s × 300 ms = 30), with 1.5× headroom for jitter; 48 holds the full budget up to a
 * 480 ms round trip (a distant link behind a proxy) and the headroom up to 320 ms. What it costs:
 * up to 48 keep-alive sockets to Callbell, and, since pages reach onPage in order, up to twice as
 * many parsed pages (a few MB) buffered behind a late one. More would buy speed only beyond
 * 480 ms; 32 would already fall short of the budget with jitter at 300 ms.
 */
export const DEFAULT_MAX_CONCURRENCY = 48;
/**
 * The request budget of a listing, and the client's hard cap on request starts: a third of
 * Callbell's 300 req/s, because the account shares that limit with its other integrations, its
 * webhooks and other VS Code windows. 500 pages (10,000 contacts) then take about 5 s at any
 * latency up to the ceiling's reach; a 429 halves it for the rest of the listing.
 */
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 100;
export const DEFAULT_RETRIES = 3;
/** Callbell's page mode is reported to stop at page 500 (10,000 contacts). */
export const DEFAULT_MAX_PAGES = 500;
/** Ten times the page-mode limit: room for real accounts in cursor mode, a stop for endless ones. */
export const DEFAULT_MAX_CONTACTS = 100_000;
/** Documented (reported) page size; a shorter page ends a listing that has no meta. */
export const DEFAULT_PAGE_SIZE = 20;
/** Pages of 20 contacts are a few KB; 20 MB is far beyond any honest response. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
/**
 * Response bytes one listing may take. 10,000 real contacts are about 10 MB; 64 MB leaves room for
 * accounts with many fields and stops a server that sends page after page of padding.
 */
export const DEFAULT_MAX_LISTING_BYTES = 64 * 1024 * 1024;
