import type { IncomingMessage } from 'node:http'

/** What `readBody` hands over: the body, or `undefined` when it is larger than the limit. */
export type BodyCallback = (body: Buffer | undefined) => void

/** The body of a request that has none (shared: nothing ever writes into it). */
export const EMPTY_BODY = Buffer.alloc(0)

/**
 * Reads a request body up to `limit` bytes and calls `done` once with it. Past the limit it stops
 * buffering and calls `done(undefined)`, so an oversize body never fills memory. Chunked bodies
 * (the Tea clients) work too. A request that fails while its body is read (the client went away)
 * never calls `done`: there is no one left to answer. Callbacks, not a promise: this runs on every
 * request, and a promise per request costs the hot path a measurable share of its throughput.
 */
export function readBody(message: IncomingMessage, limit: number, done: BodyCallback): void {
  const declared = Number(message.headers['content-length'] ?? 0)
  if (declared > limit) {
    message.resume()
    done(undefined)
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  let over = false
  message.on('data', (chunk: Buffer) => {
    if (over) return
    size += chunk.length
    if (size > limit) {
      over = true
      chunks.length = 0
      done(undefined)
      return
    }
    chunks.push(chunk)
  })
  message.on('end', () => {
    if (over) return
    done(
      chunks.length === 1
        ? chunks[0]!
        : chunks.length === 0
          ? EMPTY_BODY
          : Buffer.concat(chunks, size),
    )
  })
  // Without a listener an aborted upload would be an uncaught error; the socket is gone anyway.
  message.on('error', () => undefined)
}
