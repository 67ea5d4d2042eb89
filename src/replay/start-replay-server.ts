import { createReplayer, type Replayer, type ReplayOptions } from './create-replayer.ts'
import { type Listening, type ListenOptions, listenEngine } from './listen-engine.ts'

export type ReplayServerOptions = ReplayOptions & ListenOptions

export type ReplayServer = Listening & { replayer: Replayer }

/**
 * Serves tapes on a port (`tapedeck replay`): the replay engine behind the `node:http` door on
 * 127.0.0.1. In `replay` mode nothing ever leaves the machine.
 */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const replayer = createReplayer(options)
  const listening = await listenEngine((request) => {
    const answer = replayer.handle(request)
    return answer instanceof Promise ? answer.then(({ response }) => response) : answer.response
  }, options)
  return { ...listening, replayer }
}
