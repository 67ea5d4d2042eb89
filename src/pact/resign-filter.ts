import type { IncomingMessage } from 'node:http'
import type { ResignOptions } from '../client/index.ts'
import { resignRequest } from '../client/index.ts'
import {
  type CredentialKind,
  fieldValue,
  protocols,
  type SigningCredentials,
  type WireRequest,
} from '../protocols/index.ts'
import { SCENARIO_VARIANTS } from '../scenarios/index.ts'
import { toWireRequest } from './to-wire-request.ts'

/** The Express request the verifier's proxy hands a request filter: a `node:http` message plus its parsed body. */
type ProxiedRequest = IncomingMessage & { body?: unknown }

/**
 * A Pact `requestFilter` that re-signs every request with the given credentials, a fresh timestamp
 * and nonce, for the provider's host: the contract's recorded signatures are stale by design.
 */
export function createResignFilter(
  providerUrl: string,
  credentials: Partial<Record<CredentialKind, SigningCredentials>>,
) {
  return (req: ProxiedRequest, _res: unknown, next: () => void) => {
    const wire = toWireRequest(req, bodyOf(req.body, String(req.headers['content-type'] ?? '')))
    const signed = resignKeepingShape(wire, { endpoint: providerUrl, credentials })
    if (signed) {
      req.url = signed.query ? `${signed.path}?${signed.query}` : signed.path
      req.headers = { ...signed.headers, 'content-length': String(signed.body.length) }
      req.body = signed.body.length > 0 ? signed.body : undefined
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
