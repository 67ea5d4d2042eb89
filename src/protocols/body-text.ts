import type { WireResponse } from './protocol.ts'

/** A response body as text: bytes are read as UTF-8 (what every vendor envelope is). */
export function bodyText(body: string | Buffer): string {
  return typeof body === 'string' ? body : body.toString('utf8')
}

/** A response field's value; a repeated field's values joined with `, ` (RFC 9110 §5.3). */
export function fieldValue(
  response: Pick<WireResponse, 'headers'>,
  name: string,
): string | undefined {
  const value = response.headers[name]
  return value === undefined || typeof value === 'string' ? value : value.join(', ')
}
