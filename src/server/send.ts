import type { IncomingMessage, ServerResponse } from 'node:http'
// Bound at import: a test that fakes the global timers must not hold every response back.
import { setImmediate } from 'node:timers'
import type { WireResponse } from '../protocols/index.ts'

/** Responses whose headers already carry their exact `content-length` (see `prepareResponse`). */
const prepared = new WeakSet<WireResponse>()

/**
 * A response made ready to be sent many times (a replayed tape entry): its `content-length` is
 * computed once, here, and `send` writes it without copying its headers. Any `content-length`
 * the response carried is replaced, so a recorded length can never disagree with the body.
 */
export function prepareResponse(wire: WireResponse): WireResponse {
  const ready = { ...wire, headers: headersWithLength(wire) }
  prepared.add(ready)
  return ready
}

/** A response's headers with the body's exact `content-length`, replacing any it carried. */
function headersWithLength(wire: WireResponse): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const name in wire.headers) {
    if (name.toLowerCase() !== 'content-length') headers[name] = wire.headers[name]!
  }
  headers['content-length'] = String(Buffer.byteLength(wire.body))
  return headers
}

type Reply = ServerResponse<IncomingMessage>

let queued: Array<{ response: Reply; wire: WireResponse }> = []

/**
 * Writes a wire response to `node:http`, with its length, at the end of this event-loop turn.
 * Responses answered in one turn (every request that arrived together) are written back to back,
 * after all of them were computed: a client waiting on many connections is woken once per burst
 * instead of once per response, which on loopback can cost more than the request itself (the
 * README's Benchmark section). Order per connection is kept (Node queues pipelined responses in order).
 */
export function send(response: Reply, wire: WireResponse): void {
  if (queued.push({ response, wire }) === 1) setImmediate(flush)
}

function flush(): void {
  const batch = queued
  queued = []
  for (const { response, wire } of batch) write(response, wire)
}

const UNWRITABLE = JSON.stringify({
  code: 'E_INTERNAL',
  message: 'Failed to write the response: a header was not valid HTTP; check the tape or handler',
})

/** One response on the wire; one that Node refuses (an invalid header) becomes a 500, never a crash. */
function write(response: Reply, wire: WireResponse): void {
  try {
    response.writeHead(wire.status, prepared.has(wire) ? wire.headers : headersWithLength(wire))
    response.end(wire.body)
  } catch {
    if (response.headersSent) return void response.destroy()
    response.removeHeader('content-length')
    response.writeHead(500, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(UNWRITABLE),
    })
    response.end(UNWRITABLE)
  }
}
