import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// Updates are applied atomically: concurrent read-modify-write updates (appending tags) lose nothing.
let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ rateLimits: { 'alibaba-vod.UpdateVideoInfos': 0 } })
})
afterAll(() => server.close())

it('keeps every one of 225 concurrent tag appends across 15 media, none lost', async () => {
  const media = Array.from({ length: 15 }, (_, i) => `ice-media-${String(i + 1).padStart(2, '0')}`)
  const calls = media.flatMap((MediaId) =>
    Array.from({ length: 15 }, (_, n) =>
      server.client.updateMediaInfo(
        { MediaId, MediaTags: `tag-${n}`, AppendTags: 'true' },
        { variant: n % 2 ? 'GET' : 'ACS3' },
      ),
    ),
  )
  const results = await Promise.all(calls)
  expect(results.filter((r) => !r.ok)).toEqual([])
  const state = (await server.admin('GET', 'state')).json
  for (const id of media) {
    const tags = state.iceMedia.find((m: { mediaId: string }) => m.mediaId === id).tags
    expect([...tags].sort()).toEqual(Array.from({ length: 15 }, (_, n) => `tag-${n}`).sort())
  }
})

it('lets exactly one of many concurrent claims of a ReferenceId win', async () => {
  const claims = Array.from({ length: 40 }, (_, i) =>
    server.client.updateVideoInfos({
      UpdateContent: [
        {
          VideoId: `vod-video-${String((i % 20) + 1).padStart(2, '0')}`,
          ReferenceId: 'contested-ref',
        },
      ],
    }),
  )
  const results = await Promise.all(claims)
  const winners = results.filter((r) => r.ok)
  const holders = (await server.admin('GET', 'state')).json.vodVideos.filter(
    (v: { referenceId?: string }) => v.referenceId === 'contested-ref',
  )
  expect(holders).toHaveLength(1)
  // The winner may be re-sent by the same video: every success is that one video's claim.
  expect(winners.length).toBeGreaterThanOrEqual(1)
  expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'InvalidParameter')).toBe(
    true,
  )
})
