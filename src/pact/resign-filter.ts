import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ResignOptions } from '../client/index.ts'
import { resignRequest } from '../client/index.ts'
import {
  type CredentialKind,
  fieldValue,
  protocols,
  type SigningCredentials,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'
import { SCENARIO_VARIANTS } from '../scenarios/index.ts'
import { toWireRequest } from './to-wire-request.ts'

/** The Express request the verifier's proxy hands a request filter: a `node:http` message plus its parsed body. */
type ProxiedRequest = IncomingMessage & { body?: unknown }

/** A request sent to the provider and the answer it gave, as the verifier's proxy relayed it. */
export type Exchange = { request: WireRequest; response: WireResponse }

/**
 * A Pact `requestFilter` that re-signs every request with the given credentials, a fresh timestamp
 * and nonce, for the provider's host: the contract's recorded signatures are stale by design. Each
 * re-signed request's answer is handed to `onExchange` as the proxy relays it back to the verifier.
 */
export function createResignFilter(
  providerUrl: string,
  credentials: Partial<Record<CredentialKind, SigningCredentials>>,
  onExchange?: (exchange: Exchange) => void,
) {
  return (req: ProxiedRequest, res: ServerResponse, next: () => void) => {
    const wire = toWireRequest(req, bodyOf(req.body, String(req.headers['content-type'] ?? '')))
    const signed = resignKeepingShape(wire, { endpoint: providerUrl, credentials })
    if (signed) {
      req.url = signed.query ? `${signed.path}?${signed.query}` : signed.path
      req.headers = { ...signed.headers, 'content-length': String(signed.body.length) }
      req.body = signed.body.length > 0 ? signed.body : undefined
      if (onExchange) captureAnswer(res, (response) => onExchange({ request: signed, response }))
    }
    next()
  }
}

/**
 * Re-signs with the first variant that keeps the request's method and body type: the scenarios'
 * default first, then the scheme's others (a contract's POST form interaction stays a POST form).
 * The default's result when none does.
 */
function resignKeepingShape(
  wire: WireRequest,
  options: Omit<ResignOptions, 'variants'>,
): WireRequest | undefined {
  const protocol = protocols.find((candidate) => candidate.claims(wire))
  if (!protocol) return undefined
  let fallback: WireRequest | undefined
  for (const variant of [SCENARIO_VARIANTS[protocol.id], ...protocol.variants]) {
    const signed = resignRequest(wire, { ...options, variants: { [protocol.id]: variant } })
    if (!signed) return undefined
    fallback ??= signed
    if (signed.method === wire.method && bodyType(signed) === bodyType(wire)) return signed
  }
  return fallback
}

const bodyType = (request: WireRequest) =>
  request.body.length === 0 ? '' : (fieldValue(request, 'content-type') ?? '').split(';')[0]!.trim()

// The proxy's body parsers have already run: JSON and forms arrive as objects, the rest as bytes.
function bodyOf(body: unknown, contentType: string): Buffer {
  if (Buffer.isBuffer(body)) return body
  if (body === undefined || body === null || typeof body !== 'object') return Buffer.alloc(0)
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Buffer.from(new URLSearchParams(body as Record<string, string>).toString())
  }
  return Object.keys(body).length === 0 && !contentType.includes('json')
    ? Buffer.alloc(0)
    : Buffer.from(JSON.stringify(body))
}

/** Copies what the proxy writes to the verifier, and hands it over when the answer ends. */
function captureAnswer(res: ServerResponse, done: (response: WireResponse) => void): void {
  const chunks: Buffer[] = []
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk))
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk))
  }
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk)
    return write(chunk, ...rest)
  }) as ServerResponse['write']
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') keep(chunk)
    const headers: WireResponse['headers'] = {}
    for (const [name, value] of Object.entries(res.getHeaders()))
      if (value !== undefined) headers[name] = Array.isArray(value) ? value : String(value)
    done({ status: res.statusCode, headers, body: Buffer.concat(chunks) })
    return end(chunk, ...rest)
  }) as ServerResponse['end']
}
