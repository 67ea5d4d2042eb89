import { afterEach, beforeEach, expect, it } from 'vitest'
import { SAMPLE_IDS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// Nothing stricter than the vendor without a reason: each case is a value the operation's own page
// does not refuse, sent over a real server, and found stored as sent.
let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(() => server.close())

// biome-ignore lint/suspicious/noExplicitAny: admin JSON is asserted on by shape.
const stateRow = async (table: string, key: string, id: string): Promise<any> =>
  (await server.admin('GET', 'state')).json[table].find(
    (row: Record<string, string>) => row[key] === id,
  )

// A signed CDN URL: far past the 128 bytes UpdateMediaInfo's page allows its own CoverURL.
const SIGNED_COVER = `https://cdn.example.com/covers/v-01.jpg?auth_key=1767225600-0-0-${'a1b2c3d4'.repeat(8)}&Expires=1767225600&Signature=${'Zm9v'.repeat(40)}`

it('stores a signed CoverURL of any length on UpdateVideoInfos (its page states no limit)', async () => {
  expect(SIGNED_COVER.length).toBeGreaterThan(300)
  const content = [{ VideoId: 'vod-video-01', CoverURL: SIGNED_COVER }]
  const out = await server.client.updateVideoInfos({ UpdateContent: JSON.stringify(content) })
  expect(out).toMatchObject({ ok: true, status: 200 })
  expect(await stateRow('vodVideos', 'videoId', 'vod-video-01')).toMatchObject({
    coverURL: SIGNED_COVER,
  })
})

it('stores a long, emoji-bearing Title and Description on UpdateVideoInfos (no rule on its page)', async () => {
  const Title = `🎬 ${'é'.repeat(80)}`
  const Description = `${'中'.repeat(400)} 👍`
  const content = [{ VideoId: 'vod-video-01', Title, Description, Tags: 'ok,🎥' }]
  const out = await server.client.updateVideoInfos({ UpdateContent: JSON.stringify(content) })
  expect(out).toMatchObject({ ok: true, status: 200 })
  expect(await stateRow('vodVideos', 'videoId', 'vod-video-01')).toMatchObject({
    title: Title,
    description: Description,
    tags: ['ok', '🎥'],
  })
})

it('still refuses what the UpdateVideoInfos page states: a tag over 32 bytes, 17 tags', async () => {
  const call = (Tags: string) =>
    server.client.updateVideoInfos({
      UpdateContent: JSON.stringify([{ VideoId: 'vod-video-01', Tags }]),
    })
  expect(await call('t'.repeat(33))).toMatchObject({ ok: false, status: 400 })
  expect(await call(Array.from({ length: 17 }, (_, i) => `t${i}`).join(','))).toMatchObject({
    ok: false,
    status: 400,
  })
})

it('keeps the CoverURL limit UpdateMediaInfo states (128 bytes)', async () => {
  const out = await server.client.updateMediaInfo({
    MediaId: 'ice-media-04',
    CoverURL: SIGNED_COVER,
  })
  expect(out).toMatchObject({ ok: false, status: 400 })
})

it('locates UpdateMediaInfo by MediaId and ignores a different InputURL (MediaId "is preferentially used")', async () => {
  const before = await stateRow('iceMedia', 'mediaId', 'ice-media-06')
  const out = await server.client.updateMediaInfo({
    MediaId: 'ice-media-05',
    InputURL: before.inputURL,
    Title: 'by id',
  })
  expect(out).toMatchObject({ ok: true, status: 200, result: { MediaId: 'ice-media-05' } })
  expect(await stateRow('iceMedia', 'mediaId', 'ice-media-05')).toMatchObject({
    title: 'by id',
    inputURL: 'oss://example-bucket/media-05.mp4',
  })
  expect(await stateRow('iceMedia', 'mediaId', 'ice-media-06')).toEqual(before)
  const unknownUrl = await server.client.updateMediaInfo({
    MediaId: 'ice-media-05',
    InputURL: 'oss://never-registered/x.mp4',
  })
  expect(unknownUrl).toMatchObject({ ok: true, result: { MediaId: 'ice-media-05' } })
})

it('clears the description on an empty API 3.0 ImageDescription; an empty 2.0 imageDescription keeps it', async () => {
  const description = async (id: string) => (await stateRow('cvmImages', 'imageId', id)).description
  const v3 = (ImageDescription: string) =>
    server.client.modifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3, ImageDescription })
  expect(await v3('set-by-v3')).toMatchObject({ ok: true })
  expect(await description(SAMPLE_IDS.cvmImageV3)).toBe('set-by-v3')
  expect(await v3('')).toMatchObject({ ok: true })
  expect(await description(SAMPLE_IDS.cvmImageV3)).toBe('')

  const v2 = (imageDescription: string) =>
    server.client.modifyImageAttributes({ imageId: SAMPLE_IDS.cvmImageV2, imageDescription })
  expect(await v2('set-by-v2')).toMatchObject({ ok: true })
  expect(await v2('')).toMatchObject({ ok: true })
  expect(await description(SAMPLE_IDS.cvmImageV2)).toBe('set-by-v2')
})

it('accepts an empty API 3.0 ImageName (unchanged) and a long ImageFamily: no source limits either', async () => {
  const name = async () => (await stateRow('cvmImages', 'imageId', SAMPLE_IDS.cvmImageV3)).name
  const before = await name()
  const empty = await server.client.modifyImageAttribute({
    ImageId: SAMPLE_IDS.cvmImageV3,
    ImageName: '',
  })
  expect(empty).toMatchObject({ ok: true })
  expect(await name()).toBe(before)
  const family = await server.client.modifyImageAttribute({
    ImageId: SAMPLE_IDS.cvmImageV3,
    ImageFamily: 'family-'.repeat(12),
  })
  expect(family).toMatchObject({ ok: true })
})

it('stores Huawei tag values of any JSON type (the SDK model types tags as a bare object)', async () => {
  const state = (await server.admin('GET', 'state')).json
  const instance = state.imagesearchInstances.find((i: { images: { path: string }[] }) =>
    i.images.some((image) => image.path === SAMPLE_IDS.imagesearchPath),
  )
  const tags = { [instance.tagKeys[0]]: 7 }
  const out = await server.client.modifyImage(
    { path: SAMPLE_IDS.imagesearchPath, tags },
    { pathParams: { instance_name: instance.name } },
  )
  expect(out).toMatchObject({ ok: true, status: 200 })
  const after = (await server.admin('GET', 'state')).json.imagesearchInstances
    .find((i: { name: string }) => i.name === instance.name)
    .images.find((image: { path: string }) => image.path === SAMPLE_IDS.imagesearchPath)
  expect(after.tags).toEqual(tags)
})
