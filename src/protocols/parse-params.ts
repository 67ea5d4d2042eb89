import { isUtf8 } from 'node:buffer'
import { type Fault, fault } from '../catalog/index.ts'

/**
 * Parses `application/x-www-form-urlencoded` text (a query string or a form body) strictly: broken
 * percent-encoding, invalid UTF-8 and a name given twice are faults, never a silent guess, because
 * the signature covers exactly these values.
 */
export function parseParams(
  raw: string,
  into: Record<string, string> = {},
): Record<string, string> | Fault {
  if (raw.length === 0) return into
  for (const pair of raw.split('&')) {
    if (pair.length === 0) continue
    const eq = pair.indexOf('=')
    const rawName = eq === -1 ? pair : pair.slice(0, eq)
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1)
    const name = decodeFormComponent(rawName)
    const value = decodeFormComponent(rawValue)
    if (name === undefined)
      return fault('MalformedBody', { param: rawName.slice(0, 64), reason: 'bad percent-encoding' })
    if (value === undefined)
      return fault('MalformedBody', {
        param: name,
        reason: 'bad percent-encoding or invalid UTF-8',
      })
    if (Object.hasOwn(into, name))
      return fault('InvalidParameter', { param: name, reason: `${name} is given more than once` })
    into[name] = value
  }
  return into
}

/** Decodes one form component, `+` as a space; undefined for broken percent-encoding or invalid UTF-8. */
function decodeFormComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.includes('+') ? text.replaceAll('+', ' ') : text)
  } catch {
    return undefined
  }
}

/**
 * The name/value pairs of a query string in order, each side decoded (`+` as a space) where its
 * escapes are valid and kept as sent where not: canonical-query builders sign whatever arrived and
 * leave refusing it to the signature check.
 */
export function decodeQueryPairs(query: string): [name: string, value: string][] {
  return query
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = eq === -1 ? pair : pair.slice(0, eq)
      const value = eq === -1 ? '' : pair.slice(eq + 1)
      return [decodeFormComponent(name) ?? name, decodeFormComponent(value) ?? value]
    })
}

/** Decodes one path segment (`+` stays a plus); undefined for broken percent-encoding. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** Decodes a request body as UTF-8, refusing invalid byte sequences. */
export function decodeUtf8(body: Buffer): string | undefined {
  if (!isUtf8(body)) return undefined
  const text = body.toString('utf8')
  // Like TextDecoder, drop a byte-order mark.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export const FORM_TYPE = 'application/x-www-form-urlencoded'

/** Whether a body of this Content-Type carries form parameters: a form, or a body with no type. */
function readsAsForm(contentType: string | undefined): boolean {
  const type = mediaType(contentType)
  return type === FORM_TYPE || type === ''
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Reads the form parameters of a request: its query plus an url-encoded body. */
export function parseQueryAndForm(
  query: string,
  body: Buffer,
  contentType: string | undefined,
): Record<string, string> | Fault {
  const params = parseParams(query)
  if ('kind' in params) return params as Fault
  if (body.length === 0) return params
  if (!readsAsForm(contentType)) return params
  const text = decodeUtf8(body)
  if (text === undefined)
    return fault('MalformedBody', { param: 'body', reason: 'the body is not valid UTF-8' })
  return parseParams(text, params)
}

/** The parameters not named in `omitted`: a scheme's business parameters, its common ones removed. */
export function omitParams(
  params: Readonly<Record<string, string>>,
  omitted: ReadonlySet<string>,
): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(params)) if (!omitted.has(name)) kept[name] = value
  return kept
}
