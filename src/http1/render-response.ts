import { STATUS_CODES } from 'node:http'
import type { WireResponse } from '../protocols/index.ts'
import { jsonError } from './json-error.ts'
import { isFieldText } from './parse-head.ts'
import { TOKEN } from './token.ts'

/**
 * A response as bytes to write, less the fields the connection adds (`Date`, `Connection`,
 * `Keep-Alive`): the status line, the response's own fields and its exact `Content-Length`.
 */
export type RenderedResponse = {
  /** Status line and fields, each line ending in CRLF; latin1 text. */
  head: string
  /** The head holds only ASCII, so head and body can go out as one UTF-8 string. */
  ascii: boolean
  body: string
  /** The response carries its own `Date` (a recorded one): the connection adds none. */
  dated: boolean
}

const NON_ASCII = /[^\t\r\n\x20-\x7e]/
// Framing and connection fields are the door's to write: a tape's recorded ones would lie.
const HOP_BY_HOP = new Set([
  'connection',
  'content-length',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

// Responses sent many times (tape entries) and their renderings, made on first send: a tape of
// 100,000 entries loads without rendering any.
const reusable = new WeakSet<WireResponse>()
const rendered = new WeakMap<WireResponse, RenderedResponse>()

/**
 * Renders a response; one Node would refuse to write (a field name that is not a token, a value
 * with CR, LF or a character past U+00FF, a status outside 100–999) becomes a 500 that says so.
 */
export function renderResponse(wire: WireResponse): RenderedResponse {
  const known = rendered.get(wire)
  if (known !== undefined) return known
  const fresh = render(wire) ?? unwritable()
  if (reusable.has(wire)) rendered.set(wire, fresh)
  return fresh
}

/**
 * Marks a response as sent many times (a replayed tape entry): rendered once, on its first send,
 * then reused. The response must not be mutated afterwards.
 */
export function prepareResponse(wire: WireResponse): WireResponse {
  reusable.add(wire)
  return wire
}

function render(wire: WireResponse): RenderedResponse | undefined {
  const { status } = wire
  if (!Number.isInteger(status) || status < 100 || status > 999) return undefined
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'unknown'}\r\n`
  let dated = false
  for (const name in wire.headers) {
    const value = wire.headers[name]!
    // What `node:http` accepts in a field value is what the door accepts in a request line.
    if (!TOKEN.test(name) || !isFieldText(value)) return undefined
    const lower = name.toLowerCase()
    if (HOP_BY_HOP.has(lower)) continue
    if (lower === 'date') dated = true
    head += `${name}: ${value}\r\n`
  }
  // 1xx, 204 and 304 carry no body (RFC 9110 §6.4.1), whatever the response held.
  const bodiless = status < 200 || status === 204 || status === 304
  if (!bodiless) head += `content-length: ${Buffer.byteLength(wire.body)}\r\n`
  return { head, ascii: !NON_ASCII.test(head), body: bodiless ? '' : wire.body, dated }
}

function unwritable(): RenderedResponse {
  return render(
    jsonError(
      500,
      'E_INTERNAL',
      'Failed to write the response: a header was not valid HTTP; check the tape or handler',
    ),
  )!
}
