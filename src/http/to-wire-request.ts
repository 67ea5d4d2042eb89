import type { IncomingMessage } from 'node:http'
import type { WireRequest } from '../protocols/index.ts'

const ABSOLUTE_FORM = /^https?:\/\//i

/**
 * The head of a `node:http` request as a `WireRequest`, with `body` to fill in: field names in
 * lower case on an empty prototype (a field named `__proto__` is a field like any other), a
 * repeated field joined with `, ` (RFC 9110 §5.3). An absolute-form target (`GET http://host/p`,
 * what a client configured with a proxy sends) becomes origin-form, and its authority replaces
 * Host (RFC 9112 §3.2.2).
 */
export function toWireRequest(message: IncomingMessage, body: Buffer): WireRequest {
  const headers: Record<string, string> = Object.create(null)
  const raw = message.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    const known = headers[name]
    headers[name] = known === undefined ? raw[i + 1]! : `${known}, ${raw[i + 1]!}`
  }
  let target = message.url ?? '/'
  if (ABSOLUTE_FORM.test(target)) {
    const url = new URL(target)
    headers['host'] = url.host
    target = `${url.pathname}${url.search}`
  }
  const mark = target.indexOf('?')
  return {
    method: message.method ?? 'GET',
    path: mark === -1 ? target : target.slice(0, mark),
    query: mark === -1 ? '' : target.slice(mark + 1),
    headers,
    body,
  }
}
