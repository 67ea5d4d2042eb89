import type { WireRequest } from '../protocols/index.ts'

/** What stands where a secret or a signature was. */
const REDACTED = '<redacted>'

// Header and parameter names whose values are credentials or signatures, whatever the scheme:
// Authorization keeps its structure (algorithm, key id, signed headers) with the signature cut.
const SECRET_HEADER = /authorization|cookie|token|secret|signature/i
const SECRET_PARAM = /^signature$|token|secret|password/i
const SIGNATURE_FIELD = /(Signature=)[^,\s]+/g

/** A request as the inspector shows it: no secret, no signature. */
export type ShownRequest = {
  method: string
  path: string
  query: string
  headers: Record<string, string>
  body: string
}

/** A header value with any credential cut: a signed Authorization keeps all but its signature. */
function redactHeader(name: string, value: string): string {
  if (!SECRET_HEADER.test(name)) return value
  if (name === 'authorization' && /Signature=/.test(value)) {
    return value.replace(SIGNATURE_FIELD, `$1${REDACTED}`)
  }
  return REDACTED
}

/** A `name=value&…` text with each secret parameter's value cut; the rest byte for byte. */
function redactPairs(text: string): string {
  if (text === '') return text
  return text
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=')
      const name = decodeName(at < 0 ? pair : pair.slice(0, at))
      return at >= 0 && SECRET_PARAM.test(name) ? `${pair.slice(0, at)}=${REDACTED}` : pair
    })
    .join('&')
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '))
  } catch {
    return name
  }
}

/** Header fields with every credential and signature replaced by `<redacted>` (a list joined). */
export function redactHeaders(
  fields: Readonly<Record<string, string | readonly string[]>>,
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(fields)) {
    headers[name] = redactHeader(name, typeof value === 'string' ? value : value.join(', '))
  }
  return headers
}

/** The request with every signature, token and secret-bearing field replaced by `<redacted>`. */
export function redactRequest(request: WireRequest): ShownRequest {
  const headers = redactHeaders(request.headers)
  const text = request.body.toString('utf8')
  const form = request.headers['content-type']?.includes('application/x-www-form-urlencoded')
  return {
    method: request.method,
    path: request.path,
    query: redactPairs(request.query),
    headers,
    body: form ? redactPairs(text) : text,
  }
}

// Fields curl writes itself, or that belong to one connection.
const CURL_SKIPS = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive'])

/** Quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/**
 * A `curl` command that sends the shown request to `origin` (the server it was received by): the
 * same method, path, query, headers and body, the signature redacted, so it carries no secret
 * (and, unsigned, is refused until re-signed or sent to a server with `--auth off`).
 */
export function toCurl(shown: ShownRequest, origin: string): string {
  const url = `${origin}${shown.path}${shown.query ? `?${shown.query}` : ''}`
  const parts = ['curl', '-X', shown.method, shellQuote(url)]
  for (const [name, value] of Object.entries(shown.headers)) {
    if (!CURL_SKIPS.has(name)) parts.push('-H', shellQuote(`${name}: ${value}`))
  }
  if (shown.body !== '') parts.push('--data-binary', shellQuote(shown.body))
  return parts.join(' ')
}
