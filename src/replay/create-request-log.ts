import type { WireRequest } from '../protocols/index.ts'
import type { ReplayAnswer, ReplayOutcome } from './create-replayer.ts'

/** How many requests a replay or record server answered, by outcome. */
export type RequestTally = { requests: number } & Record<ReplayOutcome, number>

export type RequestLog = {
  /** Logs one line for an answered request and counts its outcome. */
  note(request: WireRequest, answer: ReplayAnswer, latencyMs: number): void
  tally(): RequestTally
}

/**
 * Logs each answered request in one line in the shape of `serve`'s:
 * `<time> POST / tencent-cvm.ModifyImageAttribute → 200 hit 0.3ms` (a miss adds its near-miss
 * report: `: UpdateContent[0].Title: recorded "a", got "b"`). Like serve's, a line never
 * carries a query string, header, key or signature. Only built when there is a log: a quiet
 * server does no counting at all.
 */
export function createRequestLog(log: (line: string) => void): RequestLog {
  const tally: RequestTally = {
    requests: 0,
    hit: 0,
    miss: 0,
    forwarded: 0,
    recorded: 0,
    refused: 0,
  }
  return {
    note(request, answer, latencyMs) {
      tally.requests += 1
      tally[answer.outcome] += 1
      log(renderLogLine(request, answer, latencyMs))
    },
    tally: () => ({ ...tally }),
  }
}

/** The exit summary: `5 requests: 3 hits, 1 miss, 1 recorded` (forwards and refusals when any). */
export function renderTally(tally: RequestTally): string {
  const parts = [
    plural(tally.hit, 'hit', 'hits'),
    plural(tally.miss, 'miss', 'misses'),
    `${tally.recorded} recorded`,
    ...(tally.forwarded ? [`${tally.forwarded} forwarded`] : []),
    ...(tally.refused ? [`${tally.refused} refused`] : []),
  ]
  return `${plural(tally.requests, 'request', 'requests')}: ${parts.join(', ')}`
}

function renderLogLine(request: WireRequest, answer: ReplayAnswer, latencyMs: number): string {
  const ms = latencyMs.toFixed(1)
  const { status } = answer.response
  const code = answer.code ? ` ${answer.code}` : ''
  const what = answer.operation ?? 'unrouted'
  const detail = answer.detail ? `: ${answer.detail}` : ''
  return `${new Date().toISOString()} ${request.method} ${request.path} ${what} → ${status}${code} ${answer.outcome} ${ms}ms${detail}`
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}
