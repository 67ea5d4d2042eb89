import type { IncomingMessage } from 'node:http'
import { resignRequest } from '../client/index.ts'
import type { CredentialKind, SigningCredentials } from '../protocols/index.ts'
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
    const signed = resignRequest(wire, {
      endpoint: providerUrl,
      credentials,
      variants: SCENARIO_VARIANTS,
    })
    if (signed) {
      req.url = signed.query ? `${signed.path}?${signed.query}` : signed.path
      req.headers = { ...signed.headers, 'content-length': String(signed.body.length) }
      req.body = signed.body.length > 0 ? signed.body : undefined
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
