/** The Callbell API client: the only module the rest of the extension imports from src/api. */
export {
  CallbellClient,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_PAGES,
  DEFAULT_MAX_REQUESTS_PER_SECOND,
  type CallbellClientOptions,
  type ContactFilter,
  type ListContactsOptions,
  type TagMatch,
  type PhoneLookup,
} from './client';
export type { Team } from './teams';
export type { Contact } from './contact';
/** Re-exported so callers can hold a dispatcher from createDispatcher without importing undici. */
export type { Dispatcher } from 'undici';
export {
  CallbellError,
  LISTING_BUDGET,
  type CallbellErrorKind,
  type CallbellErrorReason,
  type CallbellErrorReasons,
  type InvalidResponseErrorReason,
  type NetworkErrorReason,
  type PaginationLimitErrorReason,
  type TimeoutErrorReason,
  type UnauthorizedErrorReason,
} from './errors';
export { createDispatcher, type DispatcherOptions, type ProxySettings } from './dispatcher';
export { validateBaseUrl, isLoopbackHost } from './baseUrl';
export type { ListProgress, OnPage } from './pagination';
export { parseContact, type Account, type ApiWarning, type ParsedContact } from './parse';
export type { RequestLogEvent } from './transport';
