import { randomUUID } from 'node:crypto'
import { isFault, vendorErrorFor } from '../catalog/index.ts'
import { TapedeckError } from '../errors.ts'
import { prepareResponse } from '../http/index.ts'
import { createNonceStore } from '../pipeline/index.ts'
import {
  builtInRegistry,
  fingerprint,
  type KeyRing,
  type Registry,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'
import { canonicalKey, type LoadedTape, type ReadRequest, readRequest } from '../tapes/index.ts'
import { type Candidate, findNearMiss, type NearMiss, renderNearMiss } from './find-near-miss.ts'
import { fitContentCoding } from './fit-content-coding.ts'
import { type ReplayTape, toReplayTape } from './load-replay-tape.ts'
import { MISS_CODE, renderMiss } from './render-miss.ts'
import { actionFor, needsUpstream, type ReplayMode } from './replay-modes.ts'

export type ReplayOptions = {
  /** Tapes as read (`readTape`) or reduced for replay (`loadReplayTape`, lighter for big tapes). */
  tapes: readonly (LoadedTape | ReplayTape)[]
  /** Default `replay`: a miss is an error and the network is never called. */
  mode?: ReplayMode
  /** Sends a request to the upstream (every mode but `replay` needs one). */
  forward?: (request: WireRequest) => Promise<WireResponse>
  /** Stores a forwarded interaction (`record-missing`, `record-all`). */
  record?: (request: WireRequest, response: WireResponse, durationMs: number) => Promise<void>
  /** Check each request's signature against these keys (`--verify-signatures`). */
  verifySignatures?: KeyRing
  /** Fail at load when a tape is older than this (`--max-age`), milliseconds. */
  maxAgeMs?: number
  /** The schemes requests are read with; the built-in ones by default. */
  registry?: Registry
  now?: () => number
  requestId?: () => string
  /**
   * One line per miss (its near-miss report) and per refusal, for in-process use; a replay server
   * logs one line per request instead (`createRequestLog`), the report on a miss's line.
   */
  log?: (line: string) => void
}

/** What the engine did with a request: the per-request log line and the exit summary count these. */
export type ReplayOutcome = 'hit' | 'miss' | 'forwarded' | 'recorded' | 'refused'

/**
 * The answer to one request: what was done, the operation (when known), the vendor error code of
 * a miss or a refusal, and the near-miss report when it missed.
 */
export type ReplayAnswer = {
  response: WireResponse
  outcome: ReplayOutcome
  operation?: string | undefined
  code?: string
  nearMiss?: NearMiss
  /** A miss's near-miss report in words (`UpdateContent[0].Title: recorded "a", got "b"`). */
  detail?: string
}

export type Replayer = {
  /** Answers one request: synchronously on a hit (the hot path), as a promise when it must wait. */
  handle(request: WireRequest): ReplayAnswer | Promise<ReplayAnswer>
  /** How many recorded responses each match key has left to serve before repeating its last. */
  unplayed(): Array<{ key: string; remaining: number }>
}

type Slot = { responses: WireResponse[]; served: number; operation: string }

/** Fingerprints remembered at most, and the longest one remembered (a big body is not kept twice). */
const MEMO_ENTRIES = 10_000
const MEMO_FINGERPRINT_CHARS = 16 * 1024

/**
 * Creates the replay engine: tapes are indexed by canonical match key once, at load, so a hit costs
 * one parse and one `Map` lookup whatever the tape size. Identical requests get the recorded
 * responses in order; after the last, the last repeats. A miss answers in the vendor's error
 * envelope with a near-miss report.
 */
export function createReplayer(options: ReplayOptions): Replayer {
  // Closures below hold only these, never `options`: the parsed tapes are garbage once indexed.
  const { forward, record, log, verifySignatures } = options
  const registry = options.registry ?? builtInRegistry
  const { protocols } = registry
  const mode = options.mode ?? 'replay'
  const now = options.now ?? Date.now
  const nextRequestId = options.requestId ?? (() => randomUUID().toUpperCase())
  if (needsUpstream(mode) && !forward) {
    throw new TapedeckError(
      'E_INVALID_OPTION',
      `Failed to use option "--mode": ${mode} calls the upstream; give --upstream`,
    )
  }
  const tapes = options.tapes.map((tape) => ('interactions' in tape ? tape : toReplayTape(tape)))
  if (options.maxAgeMs !== undefined)
    for (const tape of tapes) assertFresh(tape, options.maxAgeMs, now())
  const index = new Map<string, Slot>()
  const byOperation = new Map<string, Candidate[]>()
  for (const { source, interactions } of tapes) {
    interactions.forEach(({ key, operation, response }, i) => {
      const slot = index.get(key)
      if (slot) {
        slot.responses.push(response)
        return
      }
      index.set(key, { responses: [response], served: 0, operation })
      const list = byOperation.get(operation) ?? []
      list.push({ key, tape: source, entry: i })
      byOperation.set(operation, list)
    })
  }
  // Keys are parsed on a miss only and not cached: a miss on a huge tape costs time, not memory.
  const parseKey = (key: string): unknown => JSON.parse(key)
  const nonces = createNonceStore()
  // Fingerprint → match key, filled as requests arrive: a call seen before (whatever its
  // timestamp, nonce and signature) skips routing, parsing and key building.
  const memo = new Map<string, string>()

  function handle(request: WireRequest): ReplayAnswer | Promise<ReplayAnswer> {
    if (verifySignatures) return answer(request, undefined)
    const protocol = protocols.find((candidate) => candidate.claims(request))
    const print = protocol ? fingerprint(request, protocol.volatile) : undefined
    const key = print === undefined ? undefined : memo.get(print)
    const slot = key === undefined ? undefined : index.get(key)
    if (slot && actionFor(mode, true) === 'serve')
      return {
        response: fitContentCoding(request, next(slot)),
        outcome: 'hit',
        operation: slot.operation,
      }
    return answer(request, print)
  }

  function next(slot: Slot): WireResponse {
    const at = Math.min(slot.served, slot.responses.length - 1)
    let response = slot.responses[at]!
    if (slot.served <= at) {
      // Prepared the first time it is served (not at load, where a huge tape would pay for all).
      response = prepareResponse(response)
      slot.responses[at] = response
    }
    slot.served += 1
    return response
  }

  async function answer(request: WireRequest, print: string | undefined): Promise<ReplayAnswer> {
    // Routed and parsed once, for the key, the signature check and a miss's answer.
    const read = readRequest(request, registry)
    const key = canonicalKey(request, read)
    if (key !== undefined && print !== undefined && print.length <= MEMO_FINGERPRINT_CHARS) {
      if (memo.size >= MEMO_ENTRIES) memo.clear()
      memo.set(print, key)
    }
    if (verifySignatures) {
      const refused = verify(request, read, verifySignatures)
      if (refused) return { ...refused, outcome: 'refused', operation: read?.operation?.id }
    }
    const slot = key === undefined ? undefined : index.get(key)
    const action = actionFor(mode, slot !== undefined)
    switch (action) {
      case 'serve':
        return {
          response: fitContentCoding(request, next(slot!)),
          outcome: 'hit',
          operation: slot!.operation,
        }
      case 'miss':
        return miss(request, key, read)
      case 'forward':
        return {
          response: await forward!(request),
          outcome: 'forwarded',
          operation: read?.operation?.id,
        }
      case 'forward-and-record': {
        const started = now()
        const response = await forward!(request)
        await record?.(request, response, now() - started)
        // In record-missing, the next identical request replays what was just recorded.
        const operation = read?.operation?.id
        if (key !== undefined && !index.has(key))
          index.set(key, { responses: [response], served: 1, operation: operation ?? 'unknown' })
        return { response, outcome: 'recorded', operation }
      }
    }
  }

  function miss(
    request: WireRequest,
    key: string | undefined,
    read: ReadRequest | undefined,
  ): ReplayAnswer {
    const operation =
      key === undefined ? undefined : (parseKey(key) as { operation: string }).operation
    const nearMiss =
      key === undefined
        ? { closest: undefined, source: undefined, differences: [] }
        : findNearMiss(
            key,
            byOperation.get(operation!) ?? [...byOperation.values()].flat(),
            parseKey,
          )
    const text =
      key === undefined ? 'the request is not a call tapedeck knows' : renderNearMiss(nearMiss)
    log?.(`miss ${request.method} ${request.path} ${operation ?? 'unknown'}: ${text}`)
    return {
      response: renderMiss(request, text, nearMiss, nextRequestId(), read),
      outcome: 'miss',
      operation,
      code: MISS_CODE,
      nearMiss,
      detail: text,
    }
  }

  function verify(
    request: WireRequest,
    read: ReadRequest | undefined,
    keys: KeyRing,
  ): { response: WireResponse; code: string } | undefined {
    if (!read) return undefined
    const { protocol, call, operation } = read
    const principal = protocol.authenticate(call, request, {
      now,
      keys,
      nonces,
      windowSeconds: protocol.windowSeconds,
    })
    if (!isFault(principal)) return undefined
    const { code } = vendorErrorFor(protocol.errors, principal.kind, operation)
    log?.(`refused ${request.method} ${request.path}: ${code}`)
    const response = protocol.render(
      { ok: false, fault: principal },
      {
        requestId: nextRequestId(),
        profile: 'live',
        format: call.format,
        host: request.headers['host'] ?? '',
        operation,
      },
    )
    return { response, code }
  }

  return {
    handle,
    unplayed: () =>
      [...index].map(([key, slot]) => ({
        key,
        remaining: Math.max(0, slot.responses.length - slot.served),
      })),
  }
}

function assertFresh(tape: ReplayTape, maxAgeMs: number, nowMs: number): void {
  let oldest = tape.createdAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(tape.createdAt)
  for (const { recordedAt } of tape.interactions) oldest = Math.min(oldest, Date.parse(recordedAt))
  if (!Number.isFinite(oldest) || nowMs - oldest <= maxAgeMs) return
  const upstream = tape.upstream ?? '<URL>'
  throw new TapedeckError(
    'E_TAPE_EXPIRED',
    `Failed to replay "${tape.source}": recorded ${new Date(oldest).toISOString()} (${formatAge(nowMs - oldest)} ago), older than the maximum age; re-record it with: tapedeck record --upstream ${upstream} --tape ${tape.source}`,
  )
}

const AGE_UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
] as const

/** An age in the largest unit that fits, rounded down: `45 days`, `1 hour`, `12 seconds`. */
function formatAge(ms: number): string {
  for (const [unit, size] of AGE_UNITS) {
    const count = Math.floor(ms / size)
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`
  }
  return `${Math.max(0, Math.round(ms))} ms`
}
