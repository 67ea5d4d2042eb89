import type { IncomingMessage } from 'node:http'
import type { WireRequest } from '../protocols/index.ts'

const ABSOLUTE_FORM = /^https?:\/\//i

/**
 * Field objects whose prototype is an empty null-prototype object: nothing is inherited (a field
 * named `constructor` or `__proto__` is an own field like any other), and unlike
 * `Object.create(null)`, which V8 keeps in its slow dictionary mode, they stay fast objects.
 */
const Fields = function Fields() {} as unknown as new () => Record<string, string>
Fields.prototype = Object.create(null)

/**
 * The head of a `node:http` request as a `WireRequest`: field names in lower case, nothing
 * inherited (a field named `__proto__` is a field like any other), a
 * repeated field joined with `, ` (RFC 9110 §5.3). An absolute-form target (`GET http://host/p`,
 * what a client configured with a proxy sends) becomes origin-form, and its authority replaces
 * Host (RFC 9112 §3.2.2).
 */
export function toWireRequest(message: IncomingMessage, body: Buffer): WireRequest {
  const headers = new Fields()
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
