import { afterEach } from 'vitest'
import { type ReplayServer, startReplayServer } from '../../src/replay/index.ts'

/**
 * A replay server starter for one test file: each server started is closed after its test. Call it
 * at the top of the file (it registers the `afterEach`).
 */
export function replayServers(): (
  options: Parameters<typeof startReplayServer>[0],
) => Promise<ReplayServer> {
  const closers: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
  })
  return async (options) => {
    const server = await startReplayServer(options)
    closers.push(() => server.close())
    return server
  }
}

/** An `UpdateContent` of one image with this title. */
export const imageItem = (Title: string) => [{ ImageId: 'vod-image-01', Title }]
