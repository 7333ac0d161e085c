/** Reading response bodies and headers, with a size cap. */
import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import { CallbellError } from './errors';
import { messages } from './messages';

/**
 * Reads a body up to `limit` bytes. Over the limit: `strict` throws invalidResponse (a hostile or broken
 * server must not fill memory), otherwise the text so far is returned. Hand-counted rather than
 * undici's maxResponseSize so it also holds for a dispatcher passed in by the caller.
 */
export async function readBody(body: Dispatcher.ResponseData['body'], headers: IncomingHttpHeaders, limit: number, strict: boolean): Promise<{ text: string; bytes: number }> {
  const tooLarge = (): CallbellError =>
    new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.tooLarge(limit)), { reason: 'tooLarge' });
  const declared = Number(header(headers, 'content-length'));
  if (strict && Number.isFinite(declared) && declared > limit) {
    // Destroying emits an abort error on the stream; nobody else listens, so swallow it here.
    body.on('error', () => undefined).destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early (throw or break) makes the iterator destroy the stream quietly.
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      if (strict) throw tooLarge();
      chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
      break;
    }
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes: Math.min(size, limit) };
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
