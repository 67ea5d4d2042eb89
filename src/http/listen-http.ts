import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import { ListenError } from '../errors.ts'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { INTERNAL_ERROR, jsonError } from './json-error.ts'
import { sendResponse } from './send-response.ts'
import { toWireRequest } from './to-wire-request.ts'

/** The answer to one request: send it once (later calls are ignored), or drop the connection. */
export type Reply = {
  /** The body was over `maxBodyBytes`: the request's body is empty, and the connection closes after the answer. */
  readonly bodyTooLarge: boolean
  send(response: WireResponse): void
  /** Drops the connection with a TCP reset (fault injection). */
  reset(): void
  /**
   * Answers with a body written over time (server-sent events): the head now, then each `write`
   * as it comes; `onClose` runs once the client has gone or the server closed the connection.
   */
  stream(status: number, headers: Record<string, string>, onClose: () => void): ReplyStream
}

/** A streamed answer under way. */
export type ReplyStream = { write(chunk: string): void; end(): void }

/** Bytes a streamed answer may hold unsent (a client that stopped reading); past it, it is closed. */
const MAX_STREAM_BACKLOG = 1024 * 1024

/** Receives every request; answers through `reply`, now or later, in any order. */
export type HttpHandler = (request: WireRequest, reply: Reply) => void

/** Limits on connections, passed to `node:http`, which enforces them. */
export type ConnectionLimits = {
  /** Time allowed to send the request headers (default 10 s): then 408. */
  headersTimeoutMs: number
  /** Time allowed for the whole request (default 30 s): then 408. */
  requestTimeoutMs: number
  /** Time an idle keep-alive connection stays open (default 5 s, as `node:http`). */
  keepAliveTimeoutMs: number
  /** Largest request head, as `node:http` counts it (default 16 KiB): then 431. */
  maxHeaderBytes: number
  /** Open connections at once; more are refused (default 1024). */
  maxConnections: number
}

export type HttpOptions = {
  /** Default 0 (a free port). */
  port?: number
  /** Default 127.0.0.1 (loopback only). */
  host?: string
  /** Largest request body accepted, bytes (default 2 MiB); larger ones reach the handler empty, flagged. */
  maxBodyBytes?: number
  limits?: Partial<ConnectionLimits>
  /** PEM certificate chain and key: serve HTTPS (`node:https`) instead of HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer }
}

/** A server listening: its URL and port, and how to close it. */
export type Listening = { url: string; port: number; close(): Promise<void> }

/** The largest request body a handler gets whole, unless `maxBodyBytes` says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024

const DEFAULT_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 1024,
}

const EMPTY = Buffer.alloc(0)

/**
 * The door of `serve`, `replay` and `record`: a `node:http` (or, with `tls`, `node:https`) server
 * that hands each request to `handler` as a `WireRequest` with its body as bytes. HTTP/1.1 itself
 * (parsing, keep-alive, pipelining in order, chunked bodies, `Expect: 100-continue`, the smuggling
 * defences) is `node:http`'s and llhttp's; this adapter adds the body limit, JSON answers to
 * requests that cannot be read, and a 501 to CONNECT. Resolves once bound; rejects with the bind
 * error.
 */
export async function listenHttp(
  handler: HttpHandler,
  options: HttpOptions = {},
): Promise<Listening> {
  const host = options.host ?? '127.0.0.1'
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const settings = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    maxHeaderSize: limits.maxHeaderBytes,
    // Timeouts are checked on this interval (node's default, 30 s, would let a short limit slip).
    connectionsCheckingInterval: Math.max(
      10,
      Math.min(1000, limits.headersTimeoutMs / 2, limits.requestTimeoutMs / 2),
    ),
    joinDuplicateHeaders: true,
    noDelay: true,
  }
  const onRequest = (message: IncomingMessage, res: ServerResponse) =>
    readRequest(message, res, handler, maxBodyBytes)
  const server = options.tls
    ? createHttpsServer({ ...settings, cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(settings, onRequest)
  server.maxConnections = limits.maxConnections
  // Every field counts (node keeps 2,000 by default); the head size limit bounds them all.
  server.maxHeadersCount = 0
  server.on('checkContinue', (message: IncomingMessage, res: ServerResponse) => {
    // A body we would refuse is not asked for: the answer comes at once (RFC 9110 §10.1.1).
    if (Number(message.headers['content-length']) <= maxBodyBytes) res.writeContinue()
    onRequest(message, res)
  })
  server.on('clientError', answerClientError)
  server.on('connect', (_message: IncomingMessage, socket: Socket) =>
    refuse(
      socket,
      501,
      'CONNECT is not supported: point the client at this server as its endpoint',
    ),
  )
  await new Promise<void>((resolve, reject) => {
    // A bind error in words a user can act on (the system code kept in the message and `cause`).
    const refused = (error: Error) => reject(new ListenError(host, options.port ?? 0, error))
    server.once('error', refused)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', refused)
      resolve()
    })
  })
  // Once bound, an accept that fails (out of file descriptors) drops that one connection only.
  server.on('error', () => undefined)
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const scheme = options.tls ? 'https' : 'http'
  return {
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** Reads the body (up to the limit), then hands the request over; answers once, however called. */
function readRequest(
  message: IncomingMessage,
  res: ServerResponse,
  handler: HttpHandler,
  maxBodyBytes: number,
): void {
  const head = message.method === 'HEAD'
  let answered = false
  // A plain field, not a getter: an accessor in an object literal made every request ~20 µs
  // dearer in CPU (V8 gives each such object its own shape; measured in the bench harness).
  const reply: { -readonly [K in keyof Reply]: Reply[K] } = {
    bodyTooLarge: Number(message.headers['content-length'] ?? 0) > maxBodyBytes,
    send(response) {
      if (answered) return
      answered = true
      // The rest of an unread body would be taken for the next request: close instead.
      if (reply.bodyTooLarge) res.shouldKeepAlive = false
      try {
        sendResponse(res, response, head)
      } catch {
        res.destroy()
      }
    },
    reset() {
      answered = true
      res.socket?.resetAndDestroy()
    },
    stream(status, headers, onClose) {
      answered = true
      res.on('close', onClose)
      res.writeHead(status, headers)
      res.flushHeaders()
      return {
        write(chunk) {
          if (res.writableLength > MAX_STREAM_BACKLOG) res.destroy()
          else res.write(chunk)
        },
        end: () => void res.end(),
      }
    },
  }
  const dispatch = (body: Buffer) => {
    try {
      handler(toWireRequest(message, body), reply)
    } catch {
      reply.send(INTERNAL_ERROR)
    }
  }
  if (reply.bodyTooLarge) {
    message.resume()
    dispatch(EMPTY)
    return
  }
  // A body that came with its head (the common case: a small body in the same packet) is
  // complete once the parser has run over that packet; it is read then, in one call, without
  // switching the stream into flowing mode (the bench's ÷ floor moved with this).
  queueMicrotask(() => {
    if (message.complete && message.readableLength <= maxBodyBytes) {
      const body = message.readableLength === 0 ? EMPTY : (message.read() as Buffer)
      dispatch(body)
    } else readStreamed(message, reply, maxBodyBytes, dispatch)
  })
  // A client that goes away mid-body gets no answer; nothing else is affected.
  message.on('error', () => undefined)
}

/** Reads a body that arrives over time, up to the limit; past it, answers at once. */
function readStreamed(
  message: IncomingMessage,
  reply: { bodyTooLarge: boolean },
  maxBodyBytes: number,
  dispatch: (body: Buffer) => void,
): void {
  const chunks: Buffer[] = []
  let size = 0
  message.on('data', (chunk: Buffer) => {
    if (reply.bodyTooLarge) return
    size += chunk.length
    if (size <= maxBodyBytes) {
      chunks.push(chunk)
      return
    }
    // A chunked body grew past the limit: answer now, keep nothing more of it.
    reply.bodyTooLarge = true
    chunks.length = 0
    dispatch(EMPTY)
  })
  message.on('end', () => {
    if (!reply.bodyTooLarge)
      dispatch(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
  })
}

/** What `node:http` found unreadable gets a JSON answer naming why, then the connection closes. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) socket.destroy()
  else if (error.code === 'HPE_HEADER_OVERFLOW')
    refuse(socket, 431, 'the request headers exceed the limit')
  else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    refuse(socket, 408, 'the request did not arrive in time')
  else refuse(socket, 400, `the request is not valid HTTP/1.1 (${error.code ?? 'unreadable'})`)
}

function refuse(socket: Socket, status: number, reason: string): void {
  const answer = jsonError(status, 'E_BAD_REQUEST', `Failed to read the request: ${reason}`)
  const body = String(answer.body)
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
  501: 'Not Implemented',
}
