import { InvalidOptionError } from '../errors.ts'
import type { WireRequest } from '../protocols/index.ts'
import { isLoopback, serveAdmin } from '../server/index.ts'
import { createReplayJournal, type ReplayJournal } from './create-replay-journal.ts'
import {
  createReplayer,
  type ReplayAnswer,
  type Replayer,
  type ReplayOptions,
} from './create-replayer.ts'
import { createRequestLog, type RequestTally } from './create-request-log.ts'
import { type Listening, type ListenOptions, listenEngine } from './listen-engine.ts'

export type ReplayServerOptions = ReplayOptions &
  ListenOptions & {
    /** Required for `/__tapedeck/*` when set; binding beyond loopback requires one. */
    adminToken?: string
    /** Host names `/__tapedeck/*` answers to besides loopback and `host` (`--allowed-host`). */
    allowedHosts?: readonly string[]
  }

export type ReplayServer = Listening & {
  replayer: Replayer
  /** Every request answered (the newest 1,000), for `/__tapedeck/requests` and the inspector. */
  journal: ReplayJournal
  /** Requests answered so far, by outcome; only when there is a `log` (a quiet server counts nothing). */
  tally?: () => RequestTally
}

/**
 * Serves tapes on a port (`tapedeck replay`): the replay engine behind the `node:http` door on
 * 127.0.0.1, with the journal, the inspector and its admin routes under `/__tapedeck/`. In
 * `replay` mode nothing ever leaves the machine.
 */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host) && !options.adminToken) {
    throw new InvalidOptionError(
      '--host',
      `binding ${host} exposes the admin API beyond this machine: give --admin-token (or TAPEDECK_ADMIN_TOKEN)`,
    )
  }
  // The request log's one line per request carries what the engine would log (a miss's report).
  const { log, ...engine } = options
  const replayer = createReplayer(engine)
  const journal = createReplayJournal()
  // Decided once here, so a quiet server's hot path has no logging branch at all.
  const requestLog = log ? createRequestLog(log) : undefined
  const done = requestLog
    ? (request: WireRequest, answer: ReplayAnswer, started: number) => {
        const ms = performance.now() - started
        journal.add(request, answer, ms)
        requestLog.note(request, answer, ms)
        return answer.response
      }
    : (request: WireRequest, answer: ReplayAnswer, started: number) => {
        journal.add(request, answer, performance.now() - started)
        return answer.response
      }
  const handle = (request: WireRequest) => {
    const started = performance.now()
    const answered = replayer.handle(request)
    return answered instanceof Promise
      ? answered.then((answer) => done(request, answer, started))
      : done(request, answered, started)
  }
  const access = { listen: host, allowed: options.allowedHosts, token: options.adminToken }
  const routes = { page: journal.servePage, data: journal.serveData }
  const listening = await listenEngine(handle, options, (request, reply) =>
    serveAdmin(request, reply, access, routes),
  )
  return { ...listening, replayer, journal, ...(requestLog ? { tally: requestLog.tally } : {}) }
}
