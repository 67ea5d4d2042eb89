import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WireResponse } from '../protocols/index.ts'

/** Responses whose headers already carry their exact `content-length` (see `prepareResponse`). */
const prepared = new WeakSet<WireResponse>()

/**
 * A response made ready to be sent many times (a replayed tape entry): its `content-length` is
 * computed once, here, and `send` writes it without copying its headers. Any `content-length`
 * the response carried is replaced, so a recorded length can never disagree with the body.
 */
export function prepareResponse(wire: WireResponse): WireResponse {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(wire.headers)) {
    if (name.toLowerCase() !== 'content-length') headers[name] = value
  }
  headers['content-length'] = String(Buffer.byteLength(wire.body))
  const ready = { ...wire, headers }
  prepared.add(ready)
  return ready
}

/** Writes a wire response to `node:http`, with its length. */
export function send(response: ServerResponse<IncomingMessage>, wire: WireResponse): void {
  if (prepared.has(wire)) {
    response.writeHead(wire.status, wire.headers)
  } else {
    const headers: Record<string, string | number> = {}
    for (const name in wire.headers) {
      if (name.toLowerCase() !== 'content-length') headers[name] = wire.headers[name]!
    }
    headers['content-length'] = Buffer.byteLength(wire.body)
    response.writeHead(wire.status, headers)
  }
  response.end(wire.body)
}
