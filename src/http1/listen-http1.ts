import { createServer } from 'node:net'
// Bound at import: a test that fakes the global timers must not hold every answer back.
import { setImmediate } from 'node:timers'
import { createConnection } from './create-connection.ts'
import type { Connection, ConnectionLimits, DoorContext, Http1Handler } from './types.ts'

export type Http1Options = {
  /** Default 0 (a free port). */
  port?: number
  /** Default 127.0.0.1 (loopback only). */
  host?: string
  /** Largest request body accepted, bytes (default 2 MiB); larger ones reach the handler empty, flagged. */
  maxBodyBytes?: number
  limits?: Partial<ConnectionLimits>
}

/** A server listening: its URL and port, and how to close it. */
export type Listening = { url: string; port: number; close(): Promise<void> }

/** The largest request body a handler gets whole, unless `maxBodyBytes` says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024

export const DEFAULT_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 1024,
}

/**
 * An HTTP/1.1 server over `node:net` that hands each request to `handler` as a `WireRequest`:
 * keep-alive, pipelining, chunked bodies, `Expect: 100-continue`, HEAD, and the limits a public
 * port needs (header and request timeouts → 408, head size → 431, malformed → 400, connection
 * cap). Answers computed in one event-loop turn are written after all of them, one write per
 * connection: a client waiting on many connections is woken once per burst instead of once per
 * answer, which on loopback costs more than the request itself (the README's Benchmark section).
 * Resolves once bound; rejects with the bind error.
 */
export async function listenHttp1(
  handler: Http1Handler,
  options: Http1Options = {},
): Promise<Listening> {
  const host = options.host ?? '127.0.0.1'
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const connections = new Set<Connection>()
  let batch: Connection[] = []
  const flush = () => {
    const due = batch
    batch = []
    const date = `Date: ${new Date().toUTCString()}\r\n`
    for (const connection of due) connection.flush(date)
  }
  const context: DoorContext = {
    handler,
    limits,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    schedule(connection) {
      if (batch.push(connection) === 1) setImmediate(flush)
    },
  }
  const server = createServer({ noDelay: true, allowHalfOpen: true }, (socket) => {
    const connection = createConnection(socket, context)
    connections.add(connection)
    socket.once('close', () => connections.delete(connection))
  })
  server.maxConnections = limits.maxConnections
  // One timer for every connection, as `node:http` checks its timeouts.
  const sweep = setInterval(
    () => {
      const now = performance.now()
      for (const connection of connections) connection.sweep(now)
    },
    Math.max(
      10,
      Math.min(
        1000,
        limits.headersTimeoutMs / 2,
        limits.requestTimeoutMs / 2,
        limits.keepAliveTimeoutMs / 2,
      ),
    ),
  )
  sweep.unref()
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      clearInterval(sweep)
      reject(error)
    })
    server.listen(options.port ?? 0, host, () => resolve())
  })
  server.removeAllListeners('error')
  // Once bound, an accept that fails (out of file descriptors) drops that one connection only.
  server.on('error', () => undefined)
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve()
        clearInterval(sweep)
        server.close((error) => (error ? reject(error) : resolve()))
        for (const connection of connections) connection.destroy()
      }),
  }
}
