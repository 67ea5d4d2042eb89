import { resignRequest } from '../client/index.ts'
import type { CredentialKind, SigningCredentials, WireRequest } from '../protocols/index.ts'
import { SCENARIO_VARIANTS } from '../scenarios/index.ts'

/** The parts of an Express request the verifier's proxy hands a request filter. */
type ProxiedRequest = {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  body?: unknown
}

/**
 * A Pact `requestFilter` that re-signs every request with the given credentials, a fresh timestamp
 * and nonce, for the provider's host: the contract's recorded signatures are stale by design.
 */
export function createResignFilter(
  providerUrl: string,
  credentials: Partial<Record<CredentialKind, SigningCredentials>>,
) {
  return (req: ProxiedRequest, _res: unknown, next: () => void) => {
    const signed = resignRequest(toWire(req), {
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

function toWire(req: ProxiedRequest): WireRequest {
  const mark = req.url.indexOf('?')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return {
    method: req.method,
    path: mark === -1 ? req.url : req.url.slice(0, mark),
    query: mark === -1 ? '' : req.url.slice(mark + 1),
    headers,
    body: bodyOf(req.body, headers['content-type'] ?? ''),
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
