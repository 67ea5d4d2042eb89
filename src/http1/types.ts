// Types shared inside src/http1: what a handler gets, the limits, and what connections share.
import type { WireRequest, WireResponse } from '../protocols/index.ts'

/** The answer to one request: send it once (later calls are ignored), or drop the connection. */
export type Reply = {
  /** The body was over `maxBodyBytes`: the request's body is empty, and the connection closes after the answer. */
  readonly bodyTooLarge: boolean
  send(response: WireResponse): void
  /** Drops the connection with a TCP reset (fault injection). */
  reset(): void
}

/** Receives every request; answers through `reply`, now or later, in any order. */
export type Http1Handler = (request: WireRequest, reply: Reply) => void

export type ConnectionLimits = {
  /** Time allowed to send the request headers (default 10 s). */
  headersTimeoutMs: number
  /** Time allowed for the whole request (default 30 s). */
  requestTimeoutMs: number
  /** Time an idle keep-alive connection stays open (default 5 s, as `node:http`). */
  keepAliveTimeoutMs: number
  /**
   * Largest request head (default 16 KiB), counted as `node:http` counts it: the target, field
   * names and values; the raw head, separators included, may take twice as many bytes.
   */
  maxHeaderBytes: number
  /** Open connections at once; more are refused (default 1024). */
  maxConnections: number
}

/** What the connections of one server share. */
export type DoorContext = {
  handler: Http1Handler
  limits: ConnectionLimits
  maxBodyBytes: number
  /** Flushes the connection at the end of this event-loop turn (see `listenHttp1`). */
  schedule(connection: Connection): void
}

export type Connection = {
  /** Writes every answer that is ready, in request order; `date` is the current `Date` line. */
  flush(date: string): void
  /** Enforces the timeouts at `now` (a `performance.now()` reading). */
  sweep(now: number): void
  destroy(): void
}
