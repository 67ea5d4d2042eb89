import type { ServerResponse } from 'node:http'
import type { WireResponse } from '../protocols/index.ts'
import { jsonError } from './json-error.ts'

/** A response ready for `writeHead` and `end`: a flat field list and the exact body bytes. */
type Prepared = {
  status: number
  fields: string[]
  /** `fields` and the body's `content-length`, built once. */
  framed: string[]
  body: Buffer
  /** The `content-length` the response states (a proxied HEAD answer's). */
  length: string | undefined
}

/**
 * Fields a response may not carry through: the connection's own (RFC 9110 §7.6.1) and the
 * framing, which `node:http` writes from the body it is given.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
])

// Responses sent many times (tape entries), prepared on their first send: a tape of 100,000
// entries loads without preparing any.
const reusable = new WeakSet<WireResponse>()
const preparedOnce = new WeakMap<WireResponse, Prepared>()

/**
 * Marks a response as sent many times (a replayed tape entry): its fields and body bytes are
 * prepared once, on the first send, then reused. The response must not be mutated afterwards.
 */
export function prepareResponse(wire: WireResponse): WireResponse {
  reusable.add(wire)
  return wire
}

/**
 * Writes a `WireResponse` with `node:http`: its fields as given (a list as repeated fields), the
 * body's exact bytes and their `Content-Length`. A HEAD answer keeps the length the response
 * states (a proxied upstream's) and sends no body. A response Node refuses to write (a field
 * that is not valid HTTP) becomes a 500 that says so.
 */
export function sendResponse(res: ServerResponse, wire: WireResponse, head: boolean): void {
  let prepared = preparedOnce.get(wire)
  if (prepared === undefined) {
    prepared = prepare(wire)
    if (reusable.has(wire)) preparedOnce.set(wire, prepared)
  }
  const { status, body } = prepared
  // 1xx, 204 and 304 carry no body (RFC 9110 §6.4.1), whatever the response held.
  const bodiless = status < 200 || status === 204 || status === 304
  const fields = bodiless
    ? prepared.fields
    : head && prepared.length
      ? [...prepared.fields, 'content-length', prepared.length]
      : prepared.framed
  try {
    res.writeHead(status, fields)
  } catch {
    if (res.headersSent) res.destroy()
    else sendResponse(res, UNWRITABLE, head)
    return
  }
  if (bodiless || head) res.end()
  else res.end(body)
}

function prepare(wire: WireResponse): Prepared {
  const fields: string[] = []
  let length: string | undefined
  for (const name in wire.headers) {
    const value = wire.headers[name]!
    const lower = name.toLowerCase()
    if (lower === 'content-length' && typeof value === 'string') length = value
    if (HOP_BY_HOP.has(lower)) continue
    if (typeof value === 'string') fields.push(name, value)
    else for (const one of value) fields.push(name, one)
  }
  const body = typeof wire.body === 'string' ? Buffer.from(wire.body) : wire.body
  const framed = [...fields, 'content-length', String(body.length)]
  return { status: wire.status, fields, framed, body, length }
}

const UNWRITABLE = jsonError(
  500,
  'E_INTERNAL',
  'Failed to write the response: a header was not valid HTTP; check the tape or handler',
)
