import type { IncomingMessage } from 'node:http'
import type { WireRequest } from '../protocols/index.ts'

/** The pipeline's view of a `node:http` request: path and raw query split, headers flattened. */
export function toWireRequest(message: IncomingMessage, body: Buffer): WireRequest {
  const url = message.url ?? '/'
  const mark = url.indexOf('?')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return {
    method: message.method ?? 'GET',
    path: mark === -1 ? url : url.slice(0, mark),
    query: mark === -1 ? '' : url.slice(mark + 1),
    headers,
    body,
  }
}
