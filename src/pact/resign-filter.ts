import type { IncomingMessage, ServerResponse } from 'node:http'
import { resignRequest } from '../client/index.ts'
import type {
  CredentialKind,
  Registry,
  SigningCredentials,
  WireRequest,
  WireResponse,
} from '../protocols/index.ts'
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
  registry?: Registry,
) {
  return (req: ProxiedRequest, res: ServerResponse, next: () => void) => {
    const wire = toWireRequest(req, bodyOf(req.body, String(req.headers['content-type'] ?? '')))
    // Re-signed with the request's own signing variant: a POST form interaction stays a POST form.
    const signed = resignRequest(wire, {
      endpoint: providerUrl,
      credentials,
      ...(registry ? { registry } : {}),
    })
    if (signed) {
      req.url = signed.query ? `${signed.path}?${signed.query}` : signed.path
      req.headers = { ...signed.headers, 'content-length': String(signed.body.length) }
      req.body = signed.body.length > 0 ? signed.body : undefined
      if (onExchange) captureAnswer(res, (response) => onExchange({ request: signed, response }))
    }
    next()
  }
}

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
