import { bodyText } from './body-text.ts'
import type { ParsedResponse, WireResponse } from './protocol.ts'

/**
 * What the reference client reports for a body it cannot read as the vendor's envelope: the HTTP
 * status, code `UnreadableResponse` and the body's first 200 characters as the message.
 */
export function unreadableResponse(response: WireResponse): ParsedResponse {
  return {
    ok: false,
    requestId: undefined,
    status: response.status,
    code: 'UnreadableResponse',
    message: bodyText(response.body).slice(0, 200),
  }
}

/** A response body parsed as a JSON object; undefined when it is not JSON or not an object. */
export function readJsonObject(body: string | Buffer): Record<string, unknown> | undefined {
  let value: unknown
  try {
    value = JSON.parse(bodyText(body))
  } catch {
    return undefined
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}
