/** `createReplayHandlers`: the replay engine as MSW handlers (its own file: MSW and nock both patch fetch). */
import { setupServer } from 'msw/node'
import { afterEach, expect, it } from 'vitest'
import { sendWire } from '../src/client/index.ts'
import { createReplayHandlers } from '../src/replay/create-replay-handlers.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})
const item = (Title: string) => [{ ImageId: 'vod-image-01', Title }]

it('createReplayHandlers serves a tape through MSW on the real vendor host', async () => {
  const tape = buildTape([[imageRequest(item('a')), okResponse('from-msw')]])
  const server = setupServer(...createReplayHandlers([tape]))
  server.listen({ onUnhandledRequest: 'error' })
  cleanups.push(() => server.close())
  const hit = await sendWire('https://vod.cn-shanghai.aliyuncs.com', imageRequest(item('a')))
  expect(JSON.parse(hit.body)).toMatchObject({ RequestId: 'from-msw' })
  const miss = await sendWire('https://vod.cn-shanghai.aliyuncs.com', imageRequest(item('b')))
  expect(JSON.parse(miss.body)).toMatchObject({ Code: 'TapedeckNoRecording' })
})
