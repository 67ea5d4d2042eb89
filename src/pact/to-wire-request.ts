import type { IncomingMessage } from 'node:http'
import type { WireRequest } from '../protocols/index.ts'

/**
 * The pipeline's view of the `node:http` request the Pact verifier's proxy hands a request filter:
 * path and raw query split, headers as Node flattened them. Node already joins repeated headers into one string; only `set-cookie` can be
 * an array, and only then are the headers copied (the common case shares Node's object).
 */
export function toWireRequest(
  message: Pick<IncomingMessage, 'url' | 'method' | 'headers'>,
  body: Buffer,
): WireRequest {
  const url = message.url ?? '/'
  const mark = url.indexOf('?')
  return {
    method: message.method ?? 'GET',
    path: mark === -1 ? url : url.slice(0, mark),
    query: mark === -1 ? '' : url.slice(mark + 1),
    headers: flatHeaders(message.headers),
    body,
  }
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  if (headers['set-cookie'] === undefined) return headers as Record<string, string>
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}
