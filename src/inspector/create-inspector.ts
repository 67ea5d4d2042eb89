import { computeCoverage } from '../coverage/index.ts'
import type { Reply } from '../http/index.ts'
import { type SeenTrace, STEPS } from '../pipeline/index.ts'
import {
  builtInRegistry,
  type Registry,
  type TextResponse,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'
import { createEventFeed, type InspectorHello } from './create-event-feed.ts'
import { createPageFiles } from './create-page-files.ts'
import { keepRequest } from './keep-request.ts'
import { redactRequest, toCurl } from './redact-exchange.ts'
import { summarize } from './summarize-trace.ts'

/** The journal as the inspector reads it. */
type JournalView = { list(): { dropped: number; requests: readonly SeenTrace[] } }

/** One exchange kept whole for the detail view (the last `EXCHANGES` requests). */
/** `response` is absent when an injected reset or hang kept it from the client. */
type Exchange = {
  trace: SeenTrace
  request: WireRequest
  response: TextResponse | undefined
  latencyMs: number
}

/** Requests kept with their bodies for the detail view; older ones show their trace only. */
const EXCHANGES = 256
/** Journal entries a newly opened page receives before the live ones. */
const BACKLOG = 500

/** What a page on `serve` shows: every view, and the pipeline step that refused as the outcome. */
const HELLO: InspectorHello = {
  server: 'serve',
  views: ['requests', 'state', 'faults', 'coverage'],
  outcomes: ['ok', 'route', ...STEPS.filter((step) => step !== 'route')],
}

const json = (status: number, value: unknown): WireResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
})

export type Inspector = {
  /**
   * Keeps one request for the detail view, and tells open pages about it: the trace as the client
   * saw it, and no response when none reached the client.
   */
  record(
    trace: SeenTrace,
    request: WireRequest,
    response: TextResponse | undefined,
    latencyMs: number,
  ): void
  /** The page's own files (no token needed: they hold no data); false when not one of them. */
  servePage(request: WireRequest, reply: Reply): boolean
  /** The inspector's data routes, behind the admin token; false when not one of them. */
  serveData(request: WireRequest, reply: Reply): boolean
}

/**
 * The inspector at `/__tapedeck/`: its page, a live event stream of the journal, one request in
 * detail and the coverage report. With no page open, `record` stores a reference in a ring and
 * returns: no event is built.
 */
export function createInspector(
  journal: JournalView,
  registry: Registry = builtInRegistry,
): Inspector {
  const ring: (Exchange | undefined)[] = new Array(EXCHANGES)
  let next = 0
  const feed = createEventFeed(HELLO)
  const servePage = createPageFiles()

  function find(id: string): Exchange | undefined {
    return ring.find((exchange) => exchange?.trace.requestId === id)
  }

  function latencyOf(trace: SeenTrace): number | undefined {
    return find(trace.requestId)?.latencyMs
  }

  return {
    record(trace, request, response, latencyMs) {
      ring[next] = { trace, request: keepRequest(request), response, latencyMs }
      next = (next + 1) % EXCHANGES
      if (feed.watching()) feed.publish(summarize(trace, latencyMs))
    },

    servePage,

    serveData(request, reply) {
      if (request.method !== 'GET') return false
      const route = request.path.slice(12)
      if (route === 'events') {
        const { requests } = journal.list()
        const backlog = requests.slice(-BACKLOG).map((trace) => summarize(trace, latencyOf(trace)))
        feed.open(reply, backlog)
        return true
      }
      if (route === 'coverage') {
        reply.send(json(200, computeCoverage(journal.list(), registry)))
        return true
      }
      if (route.startsWith('requests/')) {
        reply.send(detail(decodeURIComponent(route.slice(9)), request))
        return true
      }
      return false
    },
  }

  function detail(id: string, asked: WireRequest): WireResponse {
    const exchange = find(id)
    const trace = exchange?.trace ?? journal.list().requests.find((t) => t.requestId === id)
    if (!trace) {
      return json(404, {
        code: 'E_REQUEST_NOT_FOUND',
        message: `Failed to find request "${id}": it is not in the journal (cleared, or older than its capacity)`,
      })
    }
    if (!exchange) return json(200, { summary: summarize(trace, undefined), trace })
    const shown = redactRequest(exchange.request)
    const origin = `http://${asked.headers['host'] ?? 'localhost'}`
    return json(200, {
      summary: summarize(trace, exchange.latencyMs),
      trace,
      request: shown,
      ...(exchange.response ? { response: exchange.response } : {}),
      curl: toCurl(shown, origin),
    })
  }
}
