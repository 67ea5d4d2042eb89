import type { ServerResponse } from 'node:http'
import { hopByHop, type WireResponse } from '../protocols/index.ts'
import { jsonError } from './json-error.ts'

/** A response ready for `writeHead` and `end`: a flat field list and the exact body. */
type Prepared = {
  status: number
  /** The fields to write, less `content-length`. */
  fields: string[]
  /** `fields` and the body's `content-length`: built once for a response sent many times. */
  framed: string[] | undefined
  /** Bytes for a response sent many times; a one-off's text is encoded by the write itself. */
  body: Buffer | string
  bytes: number
  /** The `content-length` the response states (a proxied HEAD answer's). */
  length: string | undefined
}

/** What a response may not carry through: `node:http` writes the connection's and the framing. */
const HOP_BY_HOP = hopByHop(undefined, { framing: true })

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
    const reused = reusable.has(wire)
    prepared = prepare(wire, reused)
    if (reused) preparedOnce.set(wire, prepared)
  }
  const { status, body } = prepared
  // 1xx, 204 and 304 carry no body (RFC 9110 §6.4.1), whatever the response held.
  const bodiless = status < 200 || status === 204 || status === 304
  let fields = prepared.framed ?? prepared.fields
  if (bodiless) fields = prepared.fields
  else if (head && prepared.length) fields = [...prepared.fields, 'content-length', prepared.length]
  // A one-off's own list takes its length in place: nobody else holds it.
  else if (prepared.framed === undefined) fields.push('content-length', String(prepared.bytes))
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

function prepare(wire: WireResponse, reused: boolean): Prepared {
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
  const body = reused && typeof wire.body === 'string' ? Buffer.from(wire.body) : wire.body
  const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length
  const framed = reused ? [...fields, 'content-length', String(bytes)] : undefined
  return { status: wire.status, fields, framed, body, bytes, length }
}

const UNWRITABLE = jsonError(
  500,
  'E_INTERNAL',
  'Failed to write the response: a header was not valid HTTP; check the tape or handler',
)
