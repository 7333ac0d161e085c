import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CallbellError, type CallbellErrorKind } from '../../src/api';
import type { CallbellErrorDetails } from '../../src/api/errors';
import { describeError, type Localizer } from '../../src/errorText';
import { contact } from './contacts/builders';

/** What vscode.l10n does with no translation loaded: the English text with `{n}` filled in. */
function formatting(lookup: (message: string) => string = (message) => message): Localizer {
  return { t: (message, ...args) => lookup(message).replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)])) };
}

const english = formatting();

/** The Spanish bundle as VS Code would load it; a missing entry fails the test instead of falling back. */
function spanish(): Localizer {
  const file = path.resolve(__dirname, '../../../l10n/bundle.l10n.es.json');
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  return formatting((message) => {
    const translation = bundle[message];
    if (translation === undefined) throw new Error(`no Spanish for ${JSON.stringify(message)}`);
    return translation;
  });
}

interface Case {
  readonly kind: CallbellErrorKind;
  readonly details?: CallbellErrorDetails;
  readonly sentence: string;
}

const CHECK_BASE_URL = 'If “callbell.apiBaseUrl” was changed, check that it points to the Callbell API.';

/** Every kind, and every reason of the kinds that have them, with the exact sentence a user reads. */
const cases: Record<string, Case> = {
  'unauthorized/rejected': { kind: 'unauthorized', details: { reason: 'rejected', status: 401 }, sentence: 'Callbell rejected the API key. Set a new one with “Callbell: Set API Key”.' },
  'unauthorized/badToken': { kind: 'unauthorized', details: { reason: 'badToken' }, sentence: 'The stored API key contains characters that cannot be sent to Callbell. Set it again with “Callbell: Set API Key”.' },
  forbidden: { kind: 'forbidden', details: { status: 403 }, sentence: 'This API key may not list contacts (403). Check its permissions in the Callbell dashboard.' },
  'rateLimited with Retry-After': { kind: 'rateLimited', details: { status: 429, retryAfterMs: 12_300 }, sentence: 'Callbell is limiting requests right now. Try again in 13 seconds.' },
  'rateLimited without Retry-After': { kind: 'rateLimited', details: { status: 429 }, sentence: 'Callbell is limiting requests right now. Try again in a moment.' },
  server: { kind: 'server', details: { status: 503 }, sentence: 'Callbell had a problem answering (503). Try again later.' },
  'network/proxy': { kind: 'network', details: { reason: 'proxy', code: 'UND_ERR_ABORTED', proxyConfigured: true }, sentence: 'The proxy did not let the request through to Callbell. Check the “http.proxy” setting and the proxy’s credentials.' },
  'network/proxyUnreachable': { kind: 'network', details: { reason: 'proxyUnreachable', code: 'ECONNREFUSED', proxyConfigured: true }, sentence: 'Could not reach the proxy (ECONNREFUSED). Check the “http.proxy” setting, or the HTTPS_PROXY and HTTP_PROXY environment variables.' },
  'network/proxyInvalid': { kind: 'network', details: { reason: 'proxyInvalid', proxyConfigured: true }, sentence: 'The proxy address in “http.proxy” (or in HTTPS_PROXY or HTTP_PROXY) is not a valid http:// or https:// URL.' },
  'network/certificate': {
    kind: 'network',
    details: { reason: 'certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    sentence: 'Could not verify Callbell’s certificate (DEPTH_ZERO_SELF_SIGNED_CERT). If a company proxy inspects secure traffic, its root certificate must be trusted: add it to your operating system’s certificate store, or name its file in the NODE_EXTRA_CA_CERTS environment variable and restart VS Code.',
  },
  'network/tls': { kind: 'network', details: { reason: 'tls', code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, sentence: `Could not open a secure connection to Callbell (ERR_SSL_WRONG_VERSION_NUMBER). ${CHECK_BASE_URL}` },
  'network/hostNotFound': { kind: 'network', details: { reason: 'hostNotFound', code: 'ENOTFOUND' }, sentence: 'Could not reach Callbell: its server name could not be resolved (ENOTFOUND). Check your internet connection.' },
  'network/refused': { kind: 'network', details: { reason: 'refused', code: 'ECONNREFUSED' }, sentence: 'Could not reach Callbell: the connection was refused (ECONNREFUSED). Check your internet connection.' },
  'network/refused with a proxy configured': { kind: 'network', details: { reason: 'refused', code: 'ECONNREFUSED', proxyConfigured: true }, sentence: 'Could not reach Callbell: the connection was refused (ECONNREFUSED). Check your internet connection and the “http.proxy” setting.' },
  'network/reset': { kind: 'network', details: { reason: 'reset', code: 'ECONNRESET' }, sentence: 'Could not reach Callbell: the connection was cut off (ECONNRESET). Check your internet connection.' },
  'network/unreachable': { kind: 'network', details: { reason: 'unreachable', code: 'ENETUNREACH' }, sentence: 'Could not reach Callbell: there is no network route to it (ENETUNREACH). Check your internet connection.' },
  'network/other': { kind: 'network', details: { reason: 'other', code: 'UND_ERR_INFO' }, sentence: 'Could not reach Callbell (UND_ERR_INFO). Check your internet connection.' },
  'timeout/connect': { kind: 'timeout', details: { reason: 'connect', code: 'UND_ERR_CONNECT_TIMEOUT' }, sentence: 'Could not connect to Callbell in time. Check your internet connection and try again.' },
  'timeout/headers': { kind: 'timeout', details: { reason: 'headers', code: 'DEADLINE' }, sentence: 'Callbell did not answer in time. Try again.' },
  'timeout/body': { kind: 'timeout', details: { reason: 'body', code: 'UND_ERR_BODY_TIMEOUT' }, sentence: 'Callbell stopped sending its answer. Try again.' },
  'timeout/deadline': { kind: 'timeout', details: { reason: 'deadline', code: 'DEADLINE' }, sentence: 'Callbell took too long to answer. Try again.' },
  'invalidResponse/html': { kind: 'invalidResponse', details: { reason: 'html' }, sentence: `Callbell answered with a web page instead of data. ${CHECK_BASE_URL}` },
  'invalidResponse/notJson': { kind: 'invalidResponse', details: { reason: 'notJson' }, sentence: `Callbell’s answer was not JSON. ${CHECK_BASE_URL}` },
  'invalidResponse/brokenJson': { kind: 'invalidResponse', details: { reason: 'brokenJson' }, sentence: 'Callbell’s answer was cut off or broken. Try again.' },
  'invalidResponse/noContacts': { kind: 'invalidResponse', details: { reason: 'noContacts' }, sentence: `Callbell’s answer held no list of contacts. ${CHECK_BASE_URL}` },
  'invalidResponse/notAnAccount': { kind: 'invalidResponse', details: { reason: 'notAnAccount' }, sentence: `Callbell’s answer held no account details. ${CHECK_BASE_URL}` },
  'invalidResponse/tooLarge': { kind: 'invalidResponse', details: { reason: 'tooLarge' }, sentence: 'Callbell’s answer was too large to read. Try again later.' },
  'invalidResponse/redirect': {
    kind: 'invalidResponse',
    details: { reason: 'redirect', status: 302 },
    sentence: `Callbell answered with a redirect (HTTP 302), which is not followed so that the API key goes nowhere else. ${CHECK_BASE_URL}`,
  },
  'invalidResponse/status': { kind: 'invalidResponse', details: { reason: 'status', status: 404 }, sentence: `Callbell could not handle the request (HTTP 404). ${CHECK_BASE_URL}` },
  'invalidResponse/badCursor': { kind: 'invalidResponse', details: { reason: 'badCursor' }, sentence: 'Callbell’s list of contacts did not come to an end (a page pointer repeated). Try again later.' },
  'invalidResponse/unreadable': { kind: 'invalidResponse', details: { reason: 'unreadable' }, sentence: 'Callbell sent a response that could not be read. Try again later.' },
  paginationLimit: {
    kind: 'paginationLimit',
    details: { limit: 10_000, partial: Array.from({ length: 1234 }, (_, i) => contact({ name: `c${i}` })) },
    sentence: 'At most 10,000 contacts can be listed page by page; showing the first 1,234. Filter by source or tags to see the others.',
  },
  'paginationLimit/byteBudget': {
    kind: 'paginationLimit',
    details: { reason: 'byteBudget', partial: Array.from({ length: 1500 }, (_, i) => contact({ name: `c${i}` })) },
    sentence: 'Callbell sent more contact data than the extension keeps in memory; showing the first 1,500. Filter by source or tags to see the others.',
  },
  aborted: { kind: 'aborted', sentence: 'The request was cancelled.' },
};

describe('describeError', () => {
  for (const [name, { kind, details, sentence }] of Object.entries(cases)) {
    it(name, () => {
      // The English message is deliberately unrelated: what the user reads must not depend on it.
      const error = new CallbellError(kind, 'proxy proxy proxy', details);
      assert.equal(describeError(error, english, 'en'), sentence);
    });
  }

  it('never names the proxy setting for a plain network failure without a proxy', () => {
    for (const reason of ['hostNotFound', 'refused', 'reset', 'unreachable', 'other'] as const) {
      const text = describeError(new CallbellError('network', 'proxy', { reason, code: 'X' }), english, 'en');
      assert.ok(!/proxy/i.test(text), `${reason}: ${text}`);
    }
  });

  it('never suggests turning off http.proxyStrictSSL for a certificate error', () => {
    const text = describeError(new CallbellError('network', '', { reason: 'certificate', code: 'CERT_HAS_EXPIRED' }), english, 'en');
    assert.ok(!text.includes('proxyStrictSSL'), text);
    assert.match(text, /NODE_EXTRA_CA_CERTS/);
  });

  it('formats counts in the user’s language', () => {
    const error = new CallbellError('paginationLimit', '', { limit: 10_000, partial: Array.from({ length: 2000 }, () => contact({})) });
    assert.equal(
      describeError(error, spanish(), 'es'),
      'Se pueden listar como máximo 10.000 contactos página a página; se muestran los primeros 2000. Filtra por origen o por etiquetas para ver los demás.',
    );
  });

  it('speaks Spanish with the Spanish bundle, sentence by sentence', () => {
    const refused = new CallbellError('network', '', { reason: 'refused', code: 'ECONNREFUSED', proxyConfigured: true });
    assert.equal(
      describeError(refused, spanish(), 'es'),
      'No se pudo conectar con Callbell: se rechazó la conexión (ECONNREFUSED). Revisa tu conexión a internet y la configuración “http.proxy”.',
    );
    const html = new CallbellError('invalidResponse', '', { reason: 'html' });
    assert.equal(
      describeError(html, spanish(), 'es'),
      'Callbell respondió con una página web en lugar de datos. Si se cambió “callbell.apiBaseUrl”, comprueba que apunte a la API de Callbell.',
    );
  });

  it('falls back to English digits for a language tag Intl does not accept', () => {
    const error = new CallbellError('paginationLimit', '', { limit: 10_000, partial: [] });
    assert.match(describeError(error, english, 'not a tag!'), /At most 10,000 contacts/);
  });

  it('passes other errors through as their message', () => {
    assert.equal(describeError(new TypeError('bad base URL'), english, 'en'), 'bad base URL');
    assert.equal(describeError('plain text', english, 'en'), 'plain text');
  });
});
