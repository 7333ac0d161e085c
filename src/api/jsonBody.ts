import { CallbellError } from './errors';
import { messages } from './messages';

/** Parses the text of a 2xx body as JSON, or throws `invalidResponse` (HTML pages get their own wording). */
export function parseJsonBody(text: string, contentType: string | undefined, snippet: (text: string) => string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/\bhtml\b/i.test(contentType ?? '') || /^\s*</.test(body)) {
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.html), { reason: 'html' });
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // Quote plain text (a proxy's or gateway's message), but not cut-off JSON: that is contact data.
    if (/^\s*[[{]/.test(body)) throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.brokenJson), { reason: 'brokenJson' });
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.notJson(snippet(body))), { reason: 'notJson' });
  }
}
