import { afterEach, beforeEach, expect, it } from 'vitest'
import { updateImageInfos, updateMediaInfo, updateVideoInfos } from '../src/catalog/index.ts'
import { createClient } from '../src/client/index.ts'
import { SAMPLE_IDS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(() => server.close())

const stateOf = async () => (await server.admin('GET', 'state')).json

it('updates an image and lists the sample non-existent id (live shape, wrapped)', async () => {
  const out = await server.client.updateImageInfos({
    UpdateContent: [
      {
        ImageId: SAMPLE_IDS.vodImage,
        Title: 'Title',
        Description: 'Description',
        Tags: 'Tag 1,Tag 2',
      },
      { ImageId: SAMPLE_IDS.vodImageMissing, Title: 'x' },
    ],
  })
  expect(out).toMatchObject({
    ok: true,
    status: 200,
    result: { NonExistImageIds: [SAMPLE_IDS.vodImageMissing] },
  })
  const image = (await stateOf()).vodImages.find(
    (i: { imageId: string }) => i.imageId === SAMPLE_IDS.vodImage,
  )
  expect(image).toMatchObject({
    title: 'Title',
    description: 'Description',
    tags: ['Tag 1', 'Tag 2'],
  })
})

it('leaves fields that are absent from the update untouched', async () => {
  await server.client.updateImageInfos({
    UpdateContent: [{ ImageId: 'vod-image-01', Description: 'only this' }],
  })
  const image = (await stateOf()).vodImages.find(
    (i: { imageId: string }) => i.imageId === 'vod-image-01',
  )
  expect(image).toEqual({
    account: 'demo',
    imageId: 'vod-image-01',
    title: 'Image 01',
    description: 'only this',
  })
})

it('renders the live JSON list wrapped and the documented one flat', async () => {
  const sign = { UpdateContent: JSON.stringify([{ ImageId: SAMPLE_IDS.vodImageMissing }]) }
  const live = await rawCall(server.url, sign)
  expect(JSON.parse(live.body)).toEqual({
    RequestId: 'REQ-000001',
    NonExistImageIds: { ImageId: [SAMPLE_IDS.vodImageMissing] },
  })
  const documented = await startTestServer({ profile: 'documented' })
  try {
    const flat = await rawCall(documented.url, sign)
    expect(JSON.parse(flat.body)).toEqual({
      RequestId: 'REQ-000001',
      NonExistImageIds: [SAMPLE_IDS.vodImageMissing],
    })
  } finally {
    await documented.close()
  }
})

it('renders XML when Format=XML, wrapped for live and bare for documented', async () => {
  const out = await server.client.updateImageInfos(
    { UpdateContent: [{ ImageId: SAMPLE_IDS.vodImageMissing }] },
    { format: 'xml' },
  )
  expect(out).toMatchObject({
    ok: true,
    result: { NonExistImageIds: [SAMPLE_IDS.vodImageMissing] },
  })
  const raw = await rawCall(
    server.url,
    { UpdateContent: JSON.stringify([{ ImageId: SAMPLE_IDS.vodImageMissing }]) },
    'xml',
  )
  expect(raw.headers['content-type']).toBe('text/xml;charset=utf-8')
  expect(raw.body).toBe(
    `<?xml version="1.0" encoding="UTF-8"?><UpdateImageInfosResponse><RequestId>REQ-000002</RequestId><NonExistImageIds><ImageId>${SAMPLE_IDS.vodImageMissing}</ImageId></NonExistImageIds></UpdateImageInfosResponse>`,
  )
})

it('reproduces the documented samples exactly under the documented profile', async () => {
  const documented = await startTestServer({ profile: 'documented' })
  try {
    const image = await rawCall(documented.url, {
      UpdateContent: JSON.stringify([
        { ImageId: SAMPLE_IDS.vodImage },
        { ImageId: SAMPLE_IDS.vodImageMissing },
      ]),
    })
    const imageSample = JSON.parse(
      updateImageInfos.samples.find((s) => s.name === 'documented JSON sample')!.body,
    )
    expect(JSON.parse(image.body)).toEqual({ ...imageSample, RequestId: 'REQ-000001' })
    const video = await rawCall(
      documented.url,
      {
        UpdateContent: JSON.parse(
          JSON.stringify(updateVideoInfos.sampleRequests[0]!.params),
        ).UpdateContent.replace(']', ',{"ReferenceId":"123-123"}]'),
      },
      'json',
      'UpdateVideoInfos',
    )
    const videoSample = JSON.parse(updateVideoInfos.samples[0]!.body)
    expect(JSON.parse(video.body)).toEqual({ ...videoSample, RequestId: 'REQ-000002' })
  } finally {
    await documented.close()
  }
})

it('lists missing and forbidden videos as in the sample, and changes only the others', async () => {
  const out = await server.client.updateVideoInfos({
    UpdateContent: [
      { VideoId: SAMPLE_IDS.vodVideoMissing, Title: 'a' },
      { VideoId: SAMPLE_IDS.vodVideoForbidden, Title: 'b' },
      { VideoId: 'vod-video-01', Title: 'changed' },
      { ReferenceId: SAMPLE_IDS.vodReferenceMissing, Title: 'c' },
    ],
  })
  expect(out).toMatchObject({
    ok: true,
    result: {
      NonExistVideoIds: [SAMPLE_IDS.vodVideoMissing],
      ForbiddenVideoIds: [SAMPLE_IDS.vodVideoForbidden],
      NonExistReferenceIds: [SAMPLE_IDS.vodReferenceMissing],
    },
  })
  const videos = (await stateOf()).vodVideos
  expect(videos.find((v: { videoId: string }) => v.videoId === 'vod-video-01').title).toBe(
    'changed',
  )
  expect(
    videos.find((v: { videoId: string }) => v.videoId === SAMPLE_IDS.vodVideoForbidden).title,
  ).toBe('Locked video')
})

it('locates a video by ReferenceId and keeps ReferenceIds unique per account', async () => {
  const byRef = await server.client.updateVideoInfos({
    UpdateContent: [{ ReferenceId: 'video-ref-02', Title: 'by ref' }],
  })
  expect(byRef).toMatchObject({ ok: true, result: { NonExistReferenceIds: [] } })
  const taken = await server.client.updateVideoInfos({
    UpdateContent: [{ VideoId: 'vod-video-03', ReferenceId: 'video-ref-02', Title: 'no' }],
  })
  expect(taken).toMatchObject({ ok: false, status: 400, code: 'InvalidParameter' })
  const videos = (await stateOf()).vodVideos
  expect(videos.find((v: { videoId: string }) => v.videoId === 'vod-video-02').title).toBe('by ref')
  expect(videos.find((v: { videoId: string }) => v.videoId === 'vod-video-03').title).toBe(
    'Video 03',
  )
  const moved = await server.client.updateVideoInfos({
    UpdateContent: [{ VideoId: 'vod-video-03', ReferenceId: 'new-ref-03' }],
  })
  expect(moved.ok).toBe(true)
  const again = await server.client.updateVideoInfos({
    UpdateContent: [{ ReferenceId: 'new-ref-03', Title: 'found' }],
  })
  expect(again).toMatchObject({ ok: true, result: { NonExistReferenceIds: [] } })
})

it('throttles UpdateVideoInfos at 30 calls per second per account with Throttling.User', async () => {
  const call = () =>
    server.client.updateVideoInfos({ UpdateContent: [{ VideoId: 'vod-video-01' }] })
  for (let i = 0; i < 30; i++) expect((await call()).ok).toBe(true)
  expect(await call()).toMatchObject({ ok: false, status: 400, code: 'Throttling.User' })
  const other = createClient({
    endpoint: server.url,
    credentials: { alibaba: { keyId: 'otherAccessKeyId', secret: 'otherAccessKeySecret' } },
    now: server.now,
  })
  expect(
    (await other.updateVideoInfos({ UpdateContent: [{ VideoId: 'other-account-video' }] })).ok,
  ).toBe(true)
  server.advance(1000)
  expect((await call()).ok).toBe(true)
})

it("does not let one account see another account's assets", async () => {
  const out = await server.client.updateImageInfos({
    UpdateContent: [{ ImageId: 'other-account-image', Title: 'mine now' }],
  })
  expect(out).toMatchObject({ ok: true, result: { NonExistImageIds: ['other-account-image'] } })
  const image = (await stateOf()).vodImages.find(
    (i: { imageId: string }) => i.imageId === 'other-account-image',
  )
  expect(image.title).toBe('Not yours')
})

it('answers CountExceededMax for 21 items and changes nothing', async () => {
  const items = Array.from({ length: 21 }, (_, i) => ({
    ImageId: `vod-image-${String(i + 1).padStart(2, '0')}`,
    Title: 'bulk',
  }))
  const out = await server.client.updateImageInfos({ UpdateContent: items })
  expect(out).toMatchObject({ ok: false, status: 400, code: 'CountExceededMax' })
  const twenty = await server.client.updateImageInfos({ UpdateContent: items.slice(0, 20) })
  expect(twenty).toMatchObject({ ok: true, result: { NonExistImageIds: [] } })
})

it('updates media by MediaId, by InputURL, and by MediaId when both are sent', async () => {
  const byId = await server.client.updateMediaInfo({
    MediaId: SAMPLE_IDS.iceMedia,
    Title: 'defaultTitle',
    BusinessType: 'video',
  })
  expect(byId).toMatchObject({ ok: true, result: { MediaId: SAMPLE_IDS.iceMedia } })
  const byUrl = await server.client.updateMediaInfo({
    InputURL: 'oss://example-bucket/media-04.mp4',
    Title: 'via url',
  })
  expect(byUrl).toMatchObject({ ok: true, result: { MediaId: 'ice-media-04' } })
  const other = await server.client.updateMediaInfo({
    MediaId: 'ice-media-04',
    InputURL: 'oss://elsewhere/x.mp4',
  })
  expect(other).toMatchObject({ ok: true, result: { MediaId: 'ice-media-04' } })
  const same = await server.client.updateMediaInfo({
    MediaId: 'ice-media-04',
    InputURL: 'oss://example-bucket/media-04.mp4',
    Title: 'same url',
  })
  expect(same.ok).toBe(true)
})

it('prefers MediaId over InputURL to locate media', async () => {
  const out = await server.client.updateMediaInfo({
    MediaId: 'ice-media-05',
    InputURL: 'oss://example-bucket/media-06.mp4',
    Title: 'x',
  })
  expect(out).toMatchObject({ ok: true, result: { MediaId: 'ice-media-05' } })
  const good = await server.client.updateMediaInfo({
    MediaId: 'ice-media-05',
    InputURL: 'oss://unknown/none.mp4'.replace('unknown/none', 'example-bucket/media-05'),
    Title: 'x',
  })
  expect(good).toMatchObject({ ok: true, result: { MediaId: 'ice-media-05' } })
})

it('answers ResourceNotFound (404) for unknown media', async () => {
  expect(await server.client.updateMediaInfo({ MediaId: 'nope' })).toMatchObject({
    ok: false,
    status: 404,
    code: 'ResourceNotFound',
  })
  expect(await server.client.updateMediaInfo({ InputURL: 'oss://none/x.mp4' })).toMatchObject({
    ok: false,
    status: 404,
    code: 'ResourceNotFound',
  })
})

it('appends tags without duplicates, overwrites by default, and keeps the 16-tag cap', async () => {
  const tagsOf = async () =>
    (await stateOf()).iceMedia.find((m: { mediaId: string }) => m.mediaId === SAMPLE_IDS.iceMedia)
      .tags
  await server.client.updateMediaInfo({
    MediaId: SAMPLE_IDS.iceMedia,
    MediaTags: 'original,new',
    AppendTags: 'true',
  })
  expect(await tagsOf()).toEqual(['original', 'new'])
  await server.client.updateMediaInfo({ MediaId: SAMPLE_IDS.iceMedia, MediaTags: 'only' })
  expect(await tagsOf()).toEqual(['only'])
  const fifteen = Array.from({ length: 15 }, (_, i) => `t${i}`).join(',')
  expect(
    (
      await server.client.updateMediaInfo({
        MediaId: SAMPLE_IDS.iceMedia,
        MediaTags: fifteen,
        AppendTags: 'true',
      })
    ).ok,
  ).toBe(true)
  const over = await server.client.updateMediaInfo({
    MediaId: SAMPLE_IDS.iceMedia,
    MediaTags: 'one-more',
    AppendTags: 'true',
  })
  expect(over).toMatchObject({ ok: false, status: 400, code: 'InvalidParameter' })
  expect(await tagsOf()).toHaveLength(16)
})

it('keeps media ReferenceIds unique per account', async () => {
  expect(
    (await server.client.updateMediaInfo({ MediaId: 'ice-media-01', ReferenceId: 'shared-ref' }))
      .ok,
  ).toBe(true)
  const dup = await server.client.updateMediaInfo({
    MediaId: 'ice-media-02',
    ReferenceId: 'shared-ref',
  })
  expect(dup).toMatchObject({ ok: false, code: 'InvalidParameter' })
  expect(dup.ok === false && dup.message).toContain('already used by media ice-media-01')
})

it('serves the same operations signed with ACS3-HMAC-SHA256 and with everything in the query of a POST', async () => {
  for (const variant of ['ACS3', 'POST-query', 'POST', 'GET']) {
    const out = await server.client.updateMediaInfo(
      { MediaId: SAMPLE_IDS.iceMedia, Title: `via ${variant}` },
      { variant },
    )
    expect(out, variant).toMatchObject({ ok: true, result: { MediaId: SAMPLE_IDS.iceMedia } })
  }
})

/** Sends a signed UpdateImageInfos (or another VOD action) and returns the raw response. */
async function rawCall(
  url: string,
  params: Record<string, string>,
  format: 'json' | 'xml' = 'json',
  action = 'UpdateImageInfos',
) {
  const { signCall, sendWire, testCredentials } = await import('../src/client/index.ts')
  const operation =
    action === 'UpdateImageInfos'
      ? updateImageInfos
      : action === 'UpdateVideoInfos'
        ? updateVideoInfos
        : updateMediaInfo
  const request = signCall(
    { endpoint: url, credentials: testCredentials(), now: server.now },
    operation,
    params,
    { format },
  )
  return sendWire(url, request)
}
