import type { RequestHandler } from 'msw'
import { handlersFor } from '../msw/index.ts'
import type { LoadedTape } from '../tapes/index.ts'
import { createReplayer, type ReplayOptions } from './create-replayer.ts'

/**
 * Serves tapes in-process through MSW, on the real vendor hosts, with the same engine as
 * `tapedeck replay` (canonical matching, sequences, near-miss answers). Its own entry point
 * (`tapedeck/replay/msw`) so that `tapedeck/replay` does not load msw.
 * @example
 * const server = setupServer(...createReplayHandlers([await readTape('recordings/vod.har')]))
 */
export function createReplayHandlers(
  tapes: readonly LoadedTape[],
  options: Omit<ReplayOptions, 'tapes'> = {},
): RequestHandler[] {
  const replayer = createReplayer({ ...options, tapes })
  const hosts = options.registry?.operations.flatMap((op) => op.hostTemplates)
  return handlersFor(async (request) => (await replayer.handle(request)).response, hosts)
}
