import { isUtf8 } from 'node:buffer'
import {
  builtInRegistry,
  percentEncode,
  type Registry,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'
import { MIN_SECRET_LENGTH } from './find-leaks.ts'

/**
 * Redaction by construction: every credential-bearing field a scheme can carry is replaced by a
 * stable typed placeholder (`redacted:AccessKeyId`) before a recording is built, so nothing
 * downstream ever holds the secret. What to redact is each scheme's own declaration (`secrets`);
 * every request is redacted of every registered scheme's fields, so a request no scheme claims
 * (a foreign recorder's) loses them too. Cookies and `Authorization` are redacted whatever the scheme.
 */
type SecretNames = {
  params: ReadonlySet<string>
  requestHeaders: ReadonlySet<string>
  responseHeaders: ReadonlySet<string>
}

/** The names every registered scheme declares secret, with the ones secret in any HTTP traffic. */
function secretNames(registry: Registry): SecretNames {
  const declared = registry.protocols.map((protocol) => protocol.secrets)
  return {
    params: new Set(declared.flatMap((secrets) => secrets.params)),
    requestHeaders: new Set(['cookie', ...declared.flatMap((secrets) => secrets.requestHeaders)]),
    responseHeaders: new Set([
      'set-cookie',
      'authorization',
      ...declared.flatMap((secrets) => secrets.responseHeaders),
    ]),
  }
}
/** Fields inside an `Authorization` header that carry a key id or a signature. */
const AUTHORIZATION_FIELDS = /\b(Credential|Access|Signature)=([^,\s]+)/g

/** The placeholder a redacted field gets: stable, so tapes diff cleanly. */
export function placeholder(field: string): string {
  return `redacted:${field}`
}

/**
 * A redacted value, the redactions applied, the values removed (for the leak scan) and, for a
 * request, each removed value with its placeholder (to redact its echoes in the answer).
 */
export type Redacted<T> = {
  value: T
  redactions: string[]
  secrets: string[]
  removed?: { field: string; value: string }[]
}

/**
 * Redacts a request: secret query and form parameters, credential headers and the key id and
 * signature inside `Authorization`. Returns the redactions applied and the values removed (so
 * the leak scan can prove none of them survived).
 */
export function redactRequest(
  request: WireRequest,
  registry: Registry = builtInRegistry,
): Redacted<WireRequest> {
  const names = secretNames(registry)
  const redactions: string[] = []
  const secrets: string[] = []
  const removed: { field: string; value: string }[] = []
  const query = redactPairs(request.query, 'query', names, redactions, secrets, removed)
  const form = (request.headers['content-type'] ?? '').includes('x-www-form-urlencoded')
  const body = form
    ? Buffer.from(
        redactPairs(request.body.toString('utf8'), 'form', names, redactions, secrets, removed),
      )
    : request.body
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'authorization') {
      headers[name] = redactAuthorization(value, redactions, secrets, removed)
    } else if (names.requestHeaders.has(name)) {
      headers[name] = placeholder(name)
      redactions.push(`header:${name}`)
      secrets.push(value)
      removed.push({ field: name, value })
    } else headers[name] = value
  }
  return { value: { ...request, query, headers, body }, redactions, secrets, removed }
}

/**
 * Redacts tokens and cookies from response headers, and, in a text body, every echo of a value
 * redacted from its request (a vendor's string to sign names the key id and the security token:
 * raw, percent-encoded once or twice, JSON-escaped) with that value's placeholder.
 */
export function redactResponse(
  response: WireResponse,
  removed: readonly { field: string; value: string }[] = [],
  registry: Registry = builtInRegistry,
): Redacted<WireResponse> {
  const names = secretNames(registry)
  const redactions: string[] = []
  const secrets: string[] = []
  const body = redactEchoes(response, removed, redactions)
  const headers: WireResponse['headers'] = {}
  for (const [name, value] of Object.entries(response.headers)) {
    if (names.responseHeaders.has(name)) {
      // Each value is redacted on its own: a repeated field stays as many fields.
      headers[name] =
        typeof value === 'string' ? placeholder(name) : value.map(() => placeholder(name))
      redactions.push(`response-header:${name}`)
      secrets.push(...(typeof value === 'string' ? [value] : value))
    } else headers[name] = value
  }
  return { value: { ...response, headers, body }, redactions, secrets }
}

function redactEchoes(
  response: WireResponse,
  removed: readonly { field: string; value: string }[],
  redactions: string[],
): WireResponse['body'] {
  const { body } = response
  const raw = typeof body === 'string' ? Buffer.from(body) : body
  if (removed.length === 0 || response.headers['content-encoding'] || !isUtf8(raw)) return body
  let text = raw.toString('utf8')
  for (const { field, value } of removed) {
    if (value.length < MIN_SECRET_LENGTH || value.startsWith('redacted:')) continue
    const once = percentEncode(value)
    const spellings = [percentEncode(once), once, encodeURIComponent(value), value]
    for (const spelling of [...new Set([...spellings, JSON.stringify(value).slice(1, -1)])]) {
      if (!text.includes(spelling)) continue
      text = text.replaceAll(spelling, placeholder(field))
      redactions.push(`response-body:${field}`)
    }
  }
  return typeof body === 'string' ? text : Buffer.from(text)
}

function redactPairs(
  raw: string,
  where: string,
  names: SecretNames,
  redactions: string[],
  secrets: string[],
  removed: { field: string; value: string }[],
): string {
  if (raw === '') return raw
  return raw
    .split('&')
    .map((pair) => {
      const mark = pair.indexOf('=')
      const name = decode(mark === -1 ? pair : pair.slice(0, mark))
      if (!names.params.has(name)) return pair
      redactions.push(`${where}:${name}`)
      if (mark !== -1) {
        secrets.push(decode(pair.slice(mark + 1)))
        removed.push({ field: name, value: decode(pair.slice(mark + 1)) })
      }
      return `${pair.slice(0, mark === -1 ? pair.length : mark)}=${encodeURIComponent(placeholder(name))}`
    })
    .join('&')
}

function redactAuthorization(
  value: string,
  redactions: string[],
  secrets: string[],
  removed: { field: string; value: string }[],
): string {
  let found = false
  const out = value.replace(AUTHORIZATION_FIELDS, (_, field: string, secret: string) => {
    found = true
    redactions.push(`header:authorization:${field}`)
    // A TC3 credential is `<SecretId>/<date>/<service>/tc3_request`: the id is the secret part.
    secrets.push(secret.split('/')[0]!, secret)
    removed.push({ field, value: secret.split('/')[0]! })
    return `${field}=${placeholder(field)}`
  })
  if (found) return out
  redactions.push('header:authorization')
  secrets.push(value)
  return placeholder('Authorization')
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return text
  }
}
