import { computeCoverage } from '../coverage/index.ts'
import type { Reply, ReplyStream } from '../http/index.ts'
import type { Trace } from '../pipeline/index.ts'
import type { TextResponse, WireRequest, WireResponse } from '../protocols/index.ts'
import { loadPageAssets, type PageAssets } from './load-page-assets.ts'
import { redactRequest, toCurl } from './redact-exchange.ts'
import { summarize } from './summarize-trace.ts'

/** The journal as the inspector reads it. */
type JournalView = { list(): { dropped: number; requests: readonly Trace[] } }

/** One exchange kept whole for the detail view (the last `EXCHANGES` requests). */
type Exchange = { trace: Trace; request: WireRequest; response: TextResponse; latencyMs: number }

/** Requests kept with their bodies for the detail view; older ones show their trace only. */
const EXCHANGES = 256
/** Request bodies kept for the detail view up to this size; a larger one is shown as its size. */
const KEPT_BODY_BYTES = 64 * 1024
/** Journal entries a newly opened page receives before the live ones. */
const BACKLOG = 500

/**
 * No script, style, image or connection from anywhere but this server, no inline script, no
 * framing: the page works offline and a request's contents cannot run in it.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const PAGE_FILES = ['index.html', 'inspector.js', 'inspector.css', 'favicon.svg']

const PAGE_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

const json = (status: number, value: unknown): WireResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
})

export type Inspector = {
  /** Keeps one answered request for the detail view, and tells open pages about it. */
  record(trace: Trace, request: WireRequest, response: TextResponse, latencyMs: number): void
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
export function createInspector(journal: JournalView): Inspector {
  const ring: (Exchange | undefined)[] = new Array(EXCHANGES)
  let next = 0
  const listeners = new Set<ReplyStream>()
  let assets: PageAssets | undefined

  function find(id: string): Exchange | undefined {
    return ring.find((exchange) => exchange?.trace.requestId === id)
  }

  function latencyOf(trace: Trace): number | undefined {
    return find(trace.requestId)?.latencyMs
  }

  return {
    record(trace, request, response, latencyMs) {
      // A reference, not a copy; only an outsized body is replaced, so the ring stays small.
      const kept =
        request.body.length > KEPT_BODY_BYTES
          ? { ...request, body: Buffer.from(`<${request.body.length} bytes, not kept>`) }
          : request
      ring[next] = { trace, request: kept, response, latencyMs }
      next = (next + 1) % EXCHANGES
      if (listeners.size === 0) return
      const event = `data: ${JSON.stringify(summarize(trace, latencyMs))}\n\n`
      for (const listener of listeners) listener.write(event)
    },

    servePage(request, reply) {
      if (request.method !== 'GET') return false
      const name = request.path === '/__tapedeck/' ? 'index.html' : request.path.slice(12)
      if (!PAGE_FILES.includes(name)) return false
      assets ??= loadPageAssets()
      const asset = assets?.[name]
      if (!asset) {
        reply.send(
          json(503, {
            code: 'E_INSPECTOR_NOT_BUILT',
            message:
              'Failed to serve the inspector: its page is not built; run "npm run build" in the tapedeck checkout',
          }),
        )
        return true
      }
      reply.send({
        status: 200,
        headers: { 'content-type': asset.type, ...PAGE_HEADERS },
        body: asset.body,
      })
      return true
    },

    serveData(request, reply) {
      if (request.method !== 'GET') return false
      const route = request.path.slice(12)
      if (route === 'events') {
        const stream = reply.stream(
          200,
          {
            'content-type': 'text/event-stream',
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          },
          () => listeners.delete(stream),
        )
        const { requests } = journal.list()
        for (const trace of requests.slice(-BACKLOG)) {
          stream.write(`data: ${JSON.stringify(summarize(trace, latencyOf(trace)))}\n\n`)
        }
        listeners.add(stream)
        return true
      }
      if (route === 'coverage') {
        reply.send(json(200, computeCoverage(journal.list())))
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
      response: exchange.response,
      curl: toCurl(shown, origin),
    })
  }
}
