import { createReplayer, type Replayer, type ReplayOptions } from './create-replayer.ts'
import { createRequestLog, type RequestTally } from './create-request-log.ts'
import { type Listening, type ListenOptions, listenEngine } from './listen-engine.ts'

export type ReplayServerOptions = ReplayOptions & ListenOptions

export type ReplayServer = Listening & {
  replayer: Replayer
  /** Requests answered so far, by outcome; only when there is a `log` (a quiet server counts nothing). */
  tally?: () => RequestTally
}

/**
 * Serves tapes on a port (`tapedeck replay`): the replay engine behind the `node:http` door on
 * 127.0.0.1. In `replay` mode nothing ever leaves the machine.
 */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  // The request log's one line per request carries what the engine would log (a miss's report).
  const { log, ...engine } = options
  const replayer = createReplayer(engine)
  // Decided once here, so a quiet server's hot path has no logging branch at all.
  const requestLog = log ? createRequestLog(replayer.handle, log) : undefined
  const handle =
    requestLog?.handle ??
    ((request) => {
      const answer = replayer.handle(request)
      return answer instanceof Promise ? answer.then(({ response }) => response) : answer.response
    })
  const listening = await listenEngine(handle, options)
  return { ...listening, replayer, ...(requestLog ? { tally: requestLog.tally } : {}) }
}
