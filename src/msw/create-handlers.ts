import { HttpResponse, http, type RequestHandler } from 'msw'
import { createPipeline, type DoorOptions, type Trace } from '../pipeline/index.ts'
import {
  builtInRegistry,
  type Registry,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'
import { createSimulator, type Simulator } from '../simulator/index.ts'
import { fromFetchRequest } from './from-fetch-request.ts'
import { vendorHostPattern } from './host-pattern.ts'

export type HandlerOptions = DoorOptions & {
  /** The simulator to serve (inspect or change its state from the test); a fresh one by default. */
  simulator?: Simulator
  /** Called with the trace of every request handled (the server's journal entry). */
  onRequest?: (trace: Trace) => void
  /** The schemes and operations served, on their operations' hosts; the built-in ones by default. */
  registry?: Registry
}

/**
 * MSW handlers for the real hosts of every operation served (`vod.<region>.aliyuncs.com`, …),
 * backed by the same pipeline as `tapedeck serve`: stateful and signature-checking, with no port.
 * @example
 * const simulator = createSimulator()
 * const server = setupServer(...createHandlers({ simulator }))
 */
export function createHandlers(options: HandlerOptions = {}): RequestHandler[] {
  const simulator = options.simulator ?? createSimulator()
  const { onRequest, simulator: _, ...pipelineOptions } = options
  const pipeline = createPipeline({
    engine: simulator,
    keys: simulator.keys,
    defaultPrincipal: (protocol) => simulator.defaultAccount(protocol.credentialKind),
    faultInjection: simulator.faultInjection,
    ...pipelineOptions,
  })
  const hosts = (options.registry ?? builtInRegistry).operations.flatMap((op) => op.hostTemplates)
  return handlersFor(async (request) => {
    const { response, trace, effect } = pipeline.handle(request)
    onRequest?.(trace)
    if (effect?.delayMs) await new Promise((resolve) => setTimeout(resolve, effect.delayMs))
    if (effect?.drop === 'reset') return 'network-error'
    // A hung answer never settles: the client's timeout (or abort signal) must fire.
    if (effect?.drop === 'hang') return new Promise<never>(() => {})
    return response
  }, hosts)
}

/** Wraps any request → response function (the simulator's pipeline, a replay engine) as MSW handlers. */
export function handlersFor(
  handle: (request: WireRequest) => HandlerAnswer | Promise<HandlerAnswer>,
  hosts?: readonly string[],
): RequestHandler[] {
  return [
    http.all(vendorHostPattern(hosts), async ({ request }) => {
      const wire = await handle(await fromFetchRequest(request))
      if (wire === 'network-error') return HttpResponse.error()
      const headers = new Headers()
      for (const [name, value] of Object.entries(wire.headers))
        for (const one of typeof value === 'string' ? [value] : value) headers.append(name, one)
      return new HttpResponse(wire.body, { status: wire.status, headers })
    }),
  ]
}

/** A response, or `network-error` for a connection that fails (an injected reset). */
export type HandlerAnswer = WireResponse | 'network-error'
