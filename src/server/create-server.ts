import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { fault } from '../catalog/index.ts'
import { InvalidOptionError } from '../errors.ts'
import { createPipeline, type DoorOptions, type Pipeline, type Trace } from '../pipeline/index.ts'
import type { WireResponse } from '../protocols/index.ts'
import { createSimulator, type Simulator } from '../simulator/index.ts'
import { ADMIN_PREFIX, handleAdmin, type RuntimeConfig } from './admin-api.ts'
import { checkAdminAccess, isLoopback } from './check-admin-access.ts'
import { createJournal, type Journal } from './create-journal.ts'
import { listen } from './listen.ts'
import { EMPTY_BODY, readBody } from './read-body.ts'
import { send } from './send.ts'
import { toWireRequest } from './to-wire-request.ts'

export type ServerOptions = DoorOptions & {
  /** Default 8080; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1 (loopback only). */
  host?: string
  /** A state document (validated); the built-in seed when absent. */
  seed?: unknown
  seedSource?: string
  /** Largest request body accepted, bytes (default 2 MiB). */
  maxBodyBytes?: number
  /** Receives one line per request; none when absent. */
  log?: (line: string) => void
  /** Required for `/__tapedeck/*` when set; binding beyond loopback requires one. */
  adminToken?: string
  /** Limits on connections: slow clients, oversize headers and floods cannot hold the server. */
  limits?: Partial<ConnectionLimits>
}

export type ConnectionLimits = {
  /** Time allowed to send the request headers (default 10 s). */
  headersTimeoutMs: number
  /** Time allowed for the whole request (default 30 s). */
  requestTimeoutMs: number
  /** Largest request head in bytes (default 16 KiB, Node's). */
  maxHeaderBytes: number
  /** Open connections at once; more are refused (default 1024). */
  maxConnections: number
}

const DEFAULT_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 1024,
}

export type TapedeckServer = {
  url: string
  host: string
  port: number
  simulator: Simulator
  journal: Journal
  pipeline: Pipeline
  close(): Promise<void>
}

const DEFAULT_MAX_BODY = 2 * 1024 * 1024
const INTERNAL_ERROR: WireResponse = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    code: 'E_INTERNAL',
    message: 'Failed to handle the request: internal error',
  }),
}

/** Starts the simulator on a port: every operation of the catalogue, plus the admin API. */
export async function startServer(options: ServerOptions = {}): Promise<TapedeckServer> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host) && !options.adminToken) {
    throw new InvalidOptionError(
      '--host',
      `binding ${host} exposes the admin API beyond this machine: give --admin-token (or TAPEDECK_ADMIN_TOKEN)`,
    )
  }
  const simulator = createSimulator({
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.seedSource === undefined ? {} : { seedSource: options.seedSource }),
  })
  const journal = createJournal()
  const config: RuntimeConfig = { profile: options.profile ?? 'live' }
  const pipeline = createPipeline({
    engine: simulator,
    keys: simulator.keys,
    defaultPrincipal: (protocol) => simulator.defaultAccount(protocol.credentialKind),
    profile: () => config.profile,
    faultInjection: simulator.faultInjection,
    ...pick(options, ['now', 'requestId', 'auth', 'windows', 'rateLimits']),
  })
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const log = options.log

  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node checks the two timeouts on this interval (30 s by default): keep it below them.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    (message, response) => {
      const started = log ? performance.now() : 0
      readBody(message, maxBody, (body) => {
        try {
          answer(message, response, body, started)
        } catch (error) {
          log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`)
          send(response, INTERNAL_ERROR)
        }
      })
    },
  )

  function answer(
    message: IncomingMessage,
    response: ServerResponse,
    body: Buffer | undefined,
    started: number,
  ): void {
    const request = toWireRequest(message, body ?? EMPTY_BODY)
    if (request.path.startsWith(ADMIN_PREFIX)) {
      send(
        response,
        checkAdminAccess(request, options.adminToken) ??
          handleAdmin(request, simulator, journal, config),
      )
      return
    }
    const handled =
      body === undefined
        ? pipeline.reject(request, fault('BodyTooLarge', { max: String(maxBody) }))
        : pipeline.handle(request)
    journal.add(handled.trace)
    const { effect } = handled
    const deliver = () => {
      if (log) log(logLine(handled.trace, performance.now() - started))
      if (effect?.drop === 'reset') return void message.socket.resetAndDestroy()
      // A hung answer stays open until the client gives up (or the server closes).
      if (effect?.drop === 'hang') return
      if (body === undefined) response.setHeader('connection', 'close')
      send(response, handled.response)
    }
    if (effect?.delayMs) setTimeout(deliver, effect.delayMs)
    else deliver()
  }

  server.maxConnections = limits.maxConnections
  server.on('clientError', (error: NodeJS.ErrnoException, socket) =>
    answerClientError(error, socket),
  )

  const listening = await listen(server, options.port ?? 8080, host)
  return { ...listening, host, simulator, journal, pipeline }
}

/** One log line per request: no query string, no headers, so no signature or key ever appears. */
function logLine(trace: Trace, ms: number): string {
  const what = trace.operation ?? trace.protocol ?? 'unrouted'
  const verdict = trace.code ? ` ${trace.code}` : ''
  return `${trace.receivedAt} ${trace.method} ${trace.path} ${what} → ${trace.status}${verdict} ${ms.toFixed(1)}ms`
}

function pick<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key]
  return out
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'the request headers exceed the limit'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request was not completed in time'],
}

/**
 * Answers a request Node could not parse (no vendor can be known from it yet) with a JSON error that
 * says what was wrong, then closes the connection.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy()
  const [status, reason] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'the request is not valid HTTP']
  const body = JSON.stringify({
    code: 'E_BAD_REQUEST',
    message: `Failed to read the request: ${reason}`,
  })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}
