/**
 * RFC 3986 percent-encoding as the signing schemes use it: unreserved `A-Z a-z 0-9 - _ . ~` kept,
 * everything else `%XY` in upper-case hex over UTF-8, space as `%20`, `*` as `%2A`.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** Form-encodes a parameter set in its own order: `name=value` joined by `&`, both sides `percentEncode`d. */
export function encodeParams(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&')
}
