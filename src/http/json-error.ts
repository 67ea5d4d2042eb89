import type { WireResponse } from '../protocols/index.ts'

/**
 * A tapedeck error as JSON `{ code, message }`: for answers no vendor envelope fits (the request
 * could not be read, or tapedeck itself failed).
 */
export function jsonError(status: number, code: string, message: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, message }),
  }
}

/** What a handler that threw answers: nothing about the error itself reaches the client. */
export const INTERNAL_ERROR = jsonError(
  500,
  'E_INTERNAL',
  'Failed to handle the request: internal error',
)
