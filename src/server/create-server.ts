import { fault } from '../catalog/index.ts'
import { InvalidOptionError } from '../errors.ts'
import {
  type ConnectionLimits,
  DEFAULT_MAX_BODY_BYTES,
  type HttpOptions,
  INTERNAL_ERROR,
  listenHttp,
  type Reply,
} from '../http/index.ts'
import { createInspector } from '../inspector/index.ts'
import { createPipeline, type DoorOptions, type Pipeline, type Trace } from '../pipeline/index.ts'
import { builtInRegistry, type Registry, type WireRequest } from '../protocols/index.ts'
import { createSimulator, type Simulator, type SimulatorOptions } from '../simulator/index.ts'
import { handleAdmin, type RuntimeConfig } from './admin-api.ts'
import { isLoopback } from './check-admin-access.ts'
import { createJournal, type Journal } from './create-journal.ts'
import { serveAdmin } from './serve-admin.ts'

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
  /** Host names `/__tapedeck/*` answers to besides loopback and `host` (`--allowed-host`). */
  allowedHosts?: readonly string[]
  /** Limits on connections: slow clients, oversize headers and floods cannot hold the server. */
  limits?: Partial<ConnectionLimits>
  /** PEM certificate and key: serve HTTPS. */
  tls?: HttpOptions['tls']
  /** The schemes and operations served; the built-in ones by default. */
  registry?: Registry
} & Pick<SimulatorOptions, 'executors' | 'keys'>

export type TapedeckServer = {
  url: string
  host: string
  port: number
  simulator: Simulator
  journal: Journal
  pipeline: Pipeline
  close(): Promise<void>
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
    ...pick(options, ['executors', 'keys']),
  })
  const journal = createJournal()
  const registry = options.registry ?? builtInRegistry
  const inspector = createInspector(journal, registry)
  const config: RuntimeConfig = { profile: options.profile ?? 'live' }
  const pipeline = createPipeline({
    engine: simulator,
    keys: simulator.keys,
    defaultPrincipal: (protocol) => simulator.defaultAccount(protocol.credentialKind),
    profile: () => config.profile,
    faultInjection: simulator.faultInjection,
    registry,
    ...pick(options, ['now', 'requestId', 'auth', 'windows', 'rateLimits']),
  })
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const log = options.log
  const access = { listen: host, allowed: options.allowedHosts, token: options.adminToken }

  const handle = (request: WireRequest, reply: Reply) => {
    const started = performance.now()
    try {
      answer(request, reply, started)
    } catch (error) {
      log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`)
      reply.send(INTERNAL_ERROR)
    }
  }

  function answer(request: WireRequest, reply: Reply, started: number): void {
    const admin = serveAdmin(request, reply, access, {
      page: inspector.servePage,
      data: (asked, replyTo) => {
        if (!inspector.serveData(asked, replyTo))
          replyTo.send(handleAdmin(asked, simulator, journal, config))
      },
    })
    if (admin) return
    const handled = reply.bodyTooLarge
      ? pipeline.reject(request, fault('BodyTooLarge', { max: String(maxBody) }))
      : pipeline.handle(request)
    const { effect } = handled
    const seen = journal.add(handled.trace, effect?.drop)
    inspector.record(
      seen,
      request,
      effect?.drop ? undefined : handled.response,
      performance.now() - started + (effect?.delayMs ?? 0),
    )
    const deliver = () => {
      if (log) log(logLine(handled.trace, performance.now() - started, effect?.drop))
      if (effect?.drop === 'reset') return reply.reset()
      // A hung answer stays open until the client gives up (or the server closes).
      if (effect?.drop === 'hang') return
      reply.send(handled.response)
    }
    if (effect?.delayMs) setTimeout(deliver, effect.delayMs)
    else deliver()
  }

  const listening = await listenHttp(handle, {
    port: options.port ?? 8080,
    host,
    maxBodyBytes: maxBody,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.tls === undefined ? {} : { tls: options.tls }),
  })
  return { ...listening, host, simulator, journal, pipeline }
}

/**
 * One log line per request: no query string, no headers, so no signature or key ever appears. An
 * injected reset or hang is logged as what the client saw, not as the status it never received.
 */
function logLine(trace: Trace, ms: number, drop: 'reset' | 'hang' | undefined): string {
  const what = trace.operation ?? trace.protocol ?? 'unrouted'
  const outcome = drop
    ? `${drop} (injected)`
    : `${trace.status}${trace.code ? ` ${trace.code}` : ''}`
  return `${trace.receivedAt} ${trace.method} ${trace.path} ${what} → ${outcome} ${ms.toFixed(1)}ms`
}

function pick<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key]
  return out
}
