import type { Reply } from '../http/index.ts'
import {
  createEventFeed,
  createPageFiles,
  type InspectorHello,
  keepRequest,
  type RequestSummary,
  redactHeaders,
  redactRequest,
  toCurl,
} from '../inspector/index.ts'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { ADMIN_PREFIX, renderAdminRoutes } from '../server/index.ts'
import type { ReplayAnswer } from './create-replayer.ts'
import type { NearMiss } from './find-near-miss.ts'

/** Requests a replay server keeps, newest last; older ones are dropped (and counted). */
const CAPACITY = 1000
/** Request bodies kept up to this size (a ring of 1,000 stays under 16 MiB of them). */
const KEPT_BODY_BYTES = 16 * 1024

/** Every admin route of a replay server as `METHOD name` under `/__tapedeck/` (`GET ` is the page). */
const REPLAY_ADMIN_ROUTES = [
  'GET ',
  'GET health',
  'GET requests',
  'DELETE requests',
  'GET events',
  'GET requests/{id}',
] as const

const HELLO: InspectorHello = {
  server: 'replay',
  views: ['requests'],
  outcomes: ['hit', 'miss', 'forwarded', 'recorded', 'refused'],
}

/** One answered request, as kept: references only, so keeping it costs no copy. */
type Entry = {
  seq: number
  at: number
  request: WireRequest
  answer: ReplayAnswer
  latencyMs: number
}

/** A journal row: the summary the page lists, and on a miss the near-miss in canonical form. */
export type ReplayRecord = RequestSummary & { nearMiss?: NearMiss }

export type ReplayJournal = {
  /** Keeps one answered request (a reference in a ring), and tells open pages about it. */
  add(request: WireRequest, answer: ReplayAnswer, latencyMs: number): void
  list(): { dropped: number; requests: ReplayRecord[] }
  clear(): void
  /** The inspector page's files. */
  servePage(request: WireRequest, reply: Reply): boolean
  /** The replay server's admin routes (behind the token, when one is set). */
  serveData(request: WireRequest, reply: Reply): void
}

const json = (status: number, value: unknown): WireResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
})

/**
 * The replay server's journal and the inspector routes over it: each request's operation,
 * outcome (hit, miss, …), status, vendor code and latency, and on a miss the near-miss diff the
 * answer carried. With no page open, `add` stores references in a ring and builds nothing.
 */
export function createReplayJournal(): ReplayJournal {
  const ring: (Entry | undefined)[] = new Array(CAPACITY)
  let seq = 0
  let cleared = 0
  const feed = createEventFeed(HELLO)

  const kept = (): Entry[] => {
    const out: Entry[] = []
    for (let i = Math.max(cleared, seq - CAPACITY); i < seq; i++) out.push(ring[i % CAPACITY]!)
    return out
  }

  const list = () => ({
    dropped: Math.max(0, seq - cleared - CAPACITY),
    requests: kept().map(record),
  })
  const clear = () => {
    cleared = seq
  }

  return {
    add(request, answer, latencyMs) {
      const stored = keepRequest(request, KEPT_BODY_BYTES)
      const entry = { seq, at: Date.now(), request: stored, answer, latencyMs }
      ring[seq % CAPACITY] = entry
      seq += 1
      if (feed.watching()) feed.publish(summarize(entry))
    },
    list,
    clear,
    servePage: createPageFiles(),
    serveData(request, reply) {
      const route = `${request.method} ${request.path.slice(ADMIN_PREFIX.length)}`
      if (route === 'GET events') return feed.open(reply, kept().map(summarize))
      if (route.startsWith('GET requests/'))
        return reply.send(detail(decodeURIComponent(route.slice(13)), request))
      switch (route) {
        case 'GET health':
          return reply.send(json(200, { status: 'ok' }))
        case 'GET requests':
          return reply.send(json(200, list()))
        case 'DELETE requests':
          clear()
          return reply.send(json(200, { status: 'cleared' }))
        default:
          return reply.send(
            json(404, {
              code: 'E_ADMIN_ROUTE',
              message: `Failed to find admin route "${route}": a replay server has ${renderAdminRoutes(REPLAY_ADMIN_ROUTES)}`,
            }),
          )
      }
    },
  }

  function detail(id: string, asked: WireRequest): WireResponse {
    const entry = kept().find((one) => String(one.seq + 1) === id)
    if (!entry)
      return json(404, {
        code: 'E_REQUEST_NOT_FOUND',
        message: `Failed to find request "${id}": it is not in the journal (cleared, or older than its ${CAPACITY} newest requests)`,
      })
    const shown = redactRequest(entry.request)
    const { response } = entry.answer
    return json(200, {
      summary: summarize(entry),
      ...(entry.answer.nearMiss ? { nearMiss: entry.answer.nearMiss } : {}),
      request: shown,
      response: {
        status: response.status,
        headers: redactHeaders(response.headers),
        body: showBody(response),
      },
      curl: toCurl(shown, `http://${asked.headers['host'] ?? 'localhost'}`),
    })
  }
}

function summarize({ seq, at, request, answer, latencyMs }: Entry): RequestSummary {
  return {
    id: String(seq + 1),
    at: new Date(at).toISOString(),
    method: request.method,
    path: request.path,
    operation: answer.operation,
    protocol: undefined,
    variant: undefined,
    account: undefined,
    status: answer.response.status,
    code: answer.code,
    outcome: answer.outcome,
    latencyMs: Math.round(latencyMs * 10) / 10,
  }
}

function record(entry: Entry): ReplayRecord {
  const summary = summarize(entry)
  return entry.answer.nearMiss ? { ...summary, nearMiss: entry.answer.nearMiss } : summary
}

/** A response body as text; compressed bytes as their size. */
function showBody(response: WireResponse): string {
  const { body } = response
  if (typeof body === 'string') return body
  const coding = response.headers['content-encoding']
  return coding && coding !== 'identity'
    ? `<${body.length} bytes, ${coding}>`
    : body.toString('utf8')
}
