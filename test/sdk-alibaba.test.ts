/**
 * Fidelity against the official Alibaba Cloud Node SDKs, unmodified and only pointed at the local
 * server: @alicloud/pop-core (RPC, HMAC-SHA1, GET and POST) and @alicloud/openapi-client (Tea)
 * generic `callApi` with the legacy `v2` signature and with ACS3-HMAC-SHA256. If an SDK cannot call
 * us, the server is wrong.
 */

import OpenApiMod, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client'
import RPCClient from '@alicloud/pop-core'
import { RuntimeOptions } from '@alicloud/tea-util'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// Node's loader gives a default import of this `__esModule` CJS package the whole `module.exports`
// (the types follow Node); vitest unwraps it to `exports.default`. Accept both.
const OpenApiClient = ((OpenApiMod as unknown as { default?: unknown }).default ??
  OpenApiMod) as typeof OpenApiMod.default

const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
const VOD = '2017-03-21'
const ICE = '2020-11-09'

let server: TestServer
beforeEach(async () => {
  // The SDKs stamp requests with the wall clock, so the server runs on real time.
  server = await startTestServer({ now: Date.now })
})
afterEach(() => server.close())

// biome-ignore lint/suspicious/noExplicitAny: admin JSON is asserted on by shape.
const stateOf = async (): Promise<any> => (await server.admin('GET', 'state')).json
const find = <T extends Record<string, unknown>>(list: T[], key: string, value: string) =>
  list.find((entry) => entry[key] === value)

type PopMethod = 'GET' | 'POST'
type PopError = Error & { code: string; data: Record<string, unknown> }

function pop(apiVersion: string, secret: string = accessKeySecret, keyId: string = accessKeyId) {
  return new RPCClient({
    accessKeyId: keyId,
    accessKeySecret: secret,
    endpoint: server.url,
    apiVersion,
    opts: { timeout: 5000 },
  })
}

/** pop-core `request` with the method under test; resolves to the parsed JSON body. */
function popCall(
  method: PopMethod,
  apiVersion: string,
  action: string,
  params: Record<string, unknown>,
  client = pop(apiVersion),
): Promise<Record<string, unknown>> {
  return client.request<Record<string, unknown>>(action, params, { method })
}

/** The error pop-core throws, or a failure when the call resolves. */
async function popError(call: Promise<unknown>): Promise<PopError> {
  try {
    const result = await call
    throw new Error(`expected the SDK to throw, it resolved with ${JSON.stringify(result)}`)
  } catch (error) {
    return error as PopError
  }
}

const updateContent = (items: unknown[]) => JSON.stringify(items)

for (const method of ['GET', 'POST'] as const) {
  it(`pop-core ${method}: UpdateImageInfos changes the image and lists the sample non-existent id wrapped`, async () => {
    const body = await popCall(method, VOD, 'UpdateImageInfos', {
      UpdateContent: updateContent([
        { ImageId: 'vod-image-03', Title: `via pop-core ${method}`, Tags: 'a, b' },
        { ImageId: SAMPLE_IDS.vodImageMissing, Title: 'x' },
      ]),
    })
    expect(body).toEqual({
      RequestId: expect.any(String),
      NonExistImageIds: { ImageId: [SAMPLE_IDS.vodImageMissing] },
    })
    const image = find((await stateOf()).vodImages, 'imageId', 'vod-image-03')
    expect(image).toMatchObject({ title: `via pop-core ${method}`, tags: ['a', 'b'] })
  })

  it(`pop-core ${method}: UpdateVideoInfos changes a video and reports the sample missing and forbidden ids`, async () => {
    const body = await popCall(method, VOD, 'UpdateVideoInfos', {
      UpdateContent: updateContent([
        { VideoId: SAMPLE_IDS.vodVideoMissing, Title: 'a' },
        { VideoId: SAMPLE_IDS.vodVideoForbidden, Title: 'b' },
        { VideoId: 'vod-video-04', Title: `video via ${method}`, Description: 'd' },
      ]),
    })
    expect(body).toMatchObject({
      RequestId: expect.any(String),
      NonExistVideoIds: [SAMPLE_IDS.vodVideoMissing],
      ForbiddenVideoIds: [SAMPLE_IDS.vodVideoForbidden],
    })
    const videos = (await stateOf()).vodVideos
    expect(find(videos, 'videoId', 'vod-video-04')).toMatchObject({
      title: `video via ${method}`,
      description: 'd',
    })
    expect(find(videos, 'videoId', SAMPLE_IDS.vodVideoForbidden)).toMatchObject({
      title: 'Locked video',
    })
  })

  it(`pop-core ${method}: UpdateMediaInfo (2020-11-09) changes the media asset and echoes its MediaId`, async () => {
    const body = await popCall(method, ICE, 'UpdateMediaInfo', {
      MediaId: 'ice-media-05',
      Title: `media via ${method}`,
      MediaTags: 't1,t2',
      BusinessType: 'general',
    })
    expect(body).toEqual({ RequestId: expect.any(String), MediaId: 'ice-media-05' })
    const media = find((await stateOf()).iceMedia, 'mediaId', 'ice-media-05')
    expect(media).toMatchObject({
      title: `media via ${method}`,
      tags: ['t1', 't2'],
      businessType: 'general',
      inputURL: 'oss://example-bucket/media-05.mp4',
    })
  })

  it(`pop-core ${method}: UpdateMediaInfo locates the asset by InputURL when MediaId is absent`, async () => {
    const body = await popCall(method, ICE, 'UpdateMediaInfo', {
      InputURL: 'oss://example-bucket/media-06.mp4',
      Description: 'found by URL',
    })
    expect(body).toEqual({ RequestId: expect.any(String), MediaId: 'ice-media-06' })
    const media = find((await stateOf()).iceMedia, 'mediaId', 'ice-media-06')
    expect(media).toMatchObject({ description: 'found by URL' })
  })

  it(`pop-core ${method}: values with reserved and non-ASCII characters are signed and stored verbatim`, async () => {
    const title = "Tïtle !'()*~ 100%+&=/? 中文"
    const body = await popCall(method, VOD, 'UpdateImageInfos', {
      UpdateContent: updateContent([{ ImageId: 'vod-image-02', Title: title, Tags: 'a b, c' }]),
    })
    expect(body).toEqual({ RequestId: expect.any(String), NonExistImageIds: { ImageId: [] } })
    const image = find((await stateOf()).vodImages, 'imageId', 'vod-image-02')
    expect(image).toMatchObject({ title, tags: ['a b', 'c'] })
  })

  it(`pop-core ${method}: UpdateVideoInfos locates videos by ReferenceId and lists unknown ones`, async () => {
    const body = await popCall(method, VOD, 'UpdateVideoInfos', {
      UpdateContent: updateContent([
        { ReferenceId: 'video-ref-11', Title: 'found by reference' },
        { ReferenceId: SAMPLE_IDS.vodReferenceMissing, Title: 'c' },
      ]),
    })
    expect(body).toMatchObject({ NonExistReferenceIds: [SAMPLE_IDS.vodReferenceMissing] })
    const video = find((await stateOf()).vodVideos, 'videoId', 'vod-video-11')
    expect(video).toMatchObject({ title: 'found by reference' })
  })

  it(`pop-core ${method}: 21 images throw CountExceededMax and change nothing`, async () => {
    const items = Array.from({ length: 21 }, (_, i) => ({
      ImageId: `vod-image-${String(i + 1).padStart(2, '0')}`,
      Title: 'too many',
    }))
    const error = await popError(
      popCall(method, VOD, 'UpdateImageInfos', { UpdateContent: updateContent(items) }),
    )
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('CountExceededMaxError')
    expect(error.code).toBe('CountExceededMax')
    expect(error.data).toMatchObject({ Code: 'CountExceededMax', RequestId: expect.any(String) })
    const image = find((await stateOf()).vodImages, 'imageId', 'vod-image-01')
    expect(image).toMatchObject({ title: 'Image 01' })
  })

  it(`pop-core ${method}: 21 videos throw CountExceededMax`, async () => {
    const items = Array.from({ length: 21 }, (_, i) => ({
      VideoId: `vod-video-${String(i + 1).padStart(2, '0')}`,
      Title: 'too many',
    }))
    const error = await popError(
      popCall(method, VOD, 'UpdateVideoInfos', { UpdateContent: updateContent(items) }),
    )
    expect(error.code).toBe('CountExceededMax')
  })

  it(`pop-core ${method}: a wrong secret throws SignatureDoesNotMatch`, async () => {
    const client = pop(VOD, 'not-the-secret')
    const error = await popError(
      popCall(
        method,
        VOD,
        'UpdateImageInfos',
        { UpdateContent: updateContent([{ ImageId: 'vod-image-01', Title: 'no' }]) },
        client,
      ),
    )
    expect(error.code).toBe('SignatureDoesNotMatch')
    expect(error.name).toBe('SignatureDoesNotMatchError')
    const image = find((await stateOf()).vodImages, 'imageId', 'vod-image-01')
    expect(image).toMatchObject({ title: 'Image 01' })
  })

  it(`pop-core ${method}: an unknown AccessKeyId throws InvalidAccessKeyId.NotFound`, async () => {
    const client = pop(ICE, accessKeySecret, 'unknownAccessKeyId')
    const error = await popError(
      popCall(method, ICE, 'UpdateMediaInfo', { MediaId: 'ice-media-01', Title: 'no' }, client),
    )
    expect(error.code).toBe('InvalidAccessKeyId.NotFound')
  })

  it(`pop-core ${method}: a Title over 128 bytes throws InvalidParameter`, async () => {
    const error = await popError(
      popCall(method, VOD, 'UpdateImageInfos', {
        UpdateContent: updateContent([{ ImageId: 'vod-image-01', Title: 'x'.repeat(129) }]),
      }),
    )
    expect(error.code).toBe('InvalidParameter')
    const ice = await popError(
      popCall(method, ICE, 'UpdateMediaInfo', { MediaId: 'ice-media-01', Title: 'é'.repeat(65) }),
    )
    expect(ice.code).toBe('InvalidParameter')
  })

  it(`pop-core ${method}: an unknown MediaId throws ResourceNotFound`, async () => {
    const error = await popError(
      popCall(method, ICE, 'UpdateMediaInfo', { MediaId: 'no-such-media', Title: 'x' }),
    )
    expect(error.code).toBe('ResourceNotFound')
    expect(error.data).toMatchObject({ Code: 'ResourceNotFound' })
  })
}

it('pop-core: 31 concurrent UpdateVideoInfos calls in one second are throttled with Throttling.User', async () => {
  const client = pop(VOD)
  const outcomes = await Promise.allSettled(
    Array.from({ length: 31 }, (_, i) =>
      popCall(
        i % 2 === 0 ? 'GET' : 'POST',
        VOD,
        'UpdateVideoInfos',
        { UpdateContent: updateContent([{ VideoId: 'vod-video-07', Title: `call ${i}` }]) },
        client,
      ),
    ),
  )
  const codes = outcomes.map((outcome) =>
    outcome.status === 'fulfilled' ? 'ok' : (outcome.reason as PopError).code,
  )
  expect(codes).toContain('Throttling.User')
  expect(codes.filter((code) => code !== 'ok' && code !== 'Throttling.User')).toEqual([])
  expect(codes.filter((code) => code === 'ok').length).toBeGreaterThan(0)
  expect(codes.filter((code) => code === 'ok').length).toBeLessThanOrEqual(30)
})

// ---------------------------------------------------------------------------------------------
// @alicloud/openapi-client (Tea) generic callApi

type Signature = 'v2' | 'ACS3-HMAC-SHA256'
type TeaError = Error & { code: string; statusCode: number; data: Record<string, unknown> }

function tea(signatureAlgorithm: Signature, secret: string = accessKeySecret) {
  return new OpenApiClient(
    new Config({
      accessKeyId,
      accessKeySecret: secret,
      endpoint: `127.0.0.1:${server.port}`,
      protocol: 'http',
      signatureAlgorithm,
    }),
  )
}

/** A generic RPC-style call; `where` picks whether the business params go in the query or the form body. */
async function teaCall(
  signatureAlgorithm: Signature,
  action: string,
  version: string,
  params: Record<string, string>,
  {
    method = 'POST',
    where = 'query',
    reqBodyType = 'formData',
    client = tea(signatureAlgorithm),
  }: {
    method?: string
    where?: 'query' | 'body'
    reqBodyType?: 'formData' | 'json'
    client?: InstanceType<typeof OpenApiClient>
  } = {},
): Promise<{ statusCode: number; body: Record<string, unknown> }> {
  const request = new OpenApiRequest(where === 'query' ? { query: params } : { body: params })
  const apiParams = new Params({
    action,
    version,
    protocol: 'HTTP',
    pathname: '/',
    method,
    authType: 'AK',
    style: 'RPC',
    reqBodyType,
    bodyType: 'json',
  })
  return (await client.callApi(apiParams, request, new RuntimeOptions({}))) as {
    statusCode: number
    body: Record<string, unknown>
  }
}

async function teaError(call: Promise<unknown>): Promise<TeaError> {
  try {
    const result = await call
    throw new Error(`expected the SDK to throw, it resolved with ${JSON.stringify(result)}`)
  } catch (error) {
    return error as TeaError
  }
}

it('Tea callApi ACS3-HMAC-SHA256 with a JSON body (reqBodyType json): UpdateMediaInfo changes the media', async () => {
  const res = await teaCall(
    'ACS3-HMAC-SHA256',
    'UpdateMediaInfo',
    ICE,
    { MediaId: 'ice-media-10', Title: 'tea json body', AppendTags: 'true', MediaTags: 'a,b' },
    { where: 'body', reqBodyType: 'json' },
  )
  expect(res).toMatchObject({ statusCode: 200, body: { MediaId: 'ice-media-10' } })
  expect(find((await stateOf()).iceMedia, 'mediaId', 'ice-media-10')).toMatchObject({
    title: 'tea json body',
    tags: ['a', 'b'],
  })
})

for (const signature of ['v2', 'ACS3-HMAC-SHA256'] as const) {
  for (const where of ['query', 'body'] as const) {
    it(`Tea callApi ${signature}, params in the ${where}: UpdateImageInfos changes the image`, async () => {
      const res = await teaCall(
        signature,
        'UpdateImageInfos',
        VOD,
        {
          UpdateContent: updateContent([
            { ImageId: 'vod-image-08', Title: `tea ${signature} ${where}`, Tags: 'x,y' },
            { ImageId: SAMPLE_IDS.vodImageMissing },
          ]),
        },
        { where },
      )
      expect(res.statusCode).toBe(200)
      expect(res.body).toEqual({
        RequestId: expect.any(String),
        NonExistImageIds: { ImageId: [SAMPLE_IDS.vodImageMissing] },
      })
      const image = find((await stateOf()).vodImages, 'imageId', 'vod-image-08')
      expect(image).toMatchObject({ title: `tea ${signature} ${where}`, tags: ['x', 'y'] })
    })

    it(`Tea callApi ${signature}, params in the ${where}: UpdateMediaInfo changes the media asset`, async () => {
      const res = await teaCall(
        signature,
        'UpdateMediaInfo',
        ICE,
        { MediaId: 'ice-media-09', Title: `tea ${signature}`, Description: 'déjà vu: 100% (ok)*' },
        { where },
      )
      expect(res.statusCode).toBe(200)
      expect(res.body).toEqual({ RequestId: expect.any(String), MediaId: 'ice-media-09' })
      const media = find((await stateOf()).iceMedia, 'mediaId', 'ice-media-09')
      expect(media).toMatchObject({
        title: `tea ${signature}`,
        description: 'déjà vu: 100% (ok)*',
      })
    })
  }

  it(`Tea callApi ${signature}, GET: UpdateVideoInfos changes the video and lists the sample ids`, async () => {
    const res = await teaCall(
      signature,
      'UpdateVideoInfos',
      VOD,
      {
        UpdateContent: updateContent([
          { VideoId: 'vod-video-10', Title: `tea GET ${signature}` },
          { VideoId: SAMPLE_IDS.vodVideoMissing },
          { VideoId: SAMPLE_IDS.vodVideoForbidden },
        ]),
      },
      { method: 'GET' },
    )
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatchObject({
      NonExistVideoIds: [SAMPLE_IDS.vodVideoMissing],
      ForbiddenVideoIds: [SAMPLE_IDS.vodVideoForbidden],
    })
    const video = find((await stateOf()).vodVideos, 'videoId', 'vod-video-10')
    expect(video).toMatchObject({ title: `tea GET ${signature}` })
  })

  it(`Tea callApi ${signature}: 21 items throw CountExceededMax with statusCode 400`, async () => {
    const items = Array.from({ length: 21 }, (_, i) => ({
      ImageId: `vod-image-${String(i + 1).padStart(2, '0')}`,
    }))
    const error = await teaError(
      teaCall(signature, 'UpdateImageInfos', VOD, { UpdateContent: updateContent(items) }),
    )
    expect(error).toBeInstanceOf(Error)
    expect(error.code).toBe('CountExceededMax')
    expect(error.statusCode).toBe(400)
    expect(error.data).toMatchObject({ Code: 'CountExceededMax', statusCode: 400 })
    expect(error.message).toMatch(/^CountExceededMax: code: 400, .* request id: \S+/)
  })

  it(`Tea callApi ${signature}: a wrong secret throws SignatureDoesNotMatch with statusCode 400`, async () => {
    const error = await teaError(
      teaCall(
        signature,
        'UpdateMediaInfo',
        ICE,
        { MediaId: 'ice-media-01', Title: 'no' },
        { client: tea(signature, 'not-the-secret') },
      ),
    )
    expect(error.code).toBe('SignatureDoesNotMatch')
    expect(error.statusCode).toBe(400)
    const media = find((await stateOf()).iceMedia, 'mediaId', 'ice-media-01')
    expect(media).toMatchObject({ title: 'Media 01' })
  })

  it(`Tea callApi ${signature}: an unknown MediaId throws ResourceNotFound with statusCode 404`, async () => {
    const error = await teaError(
      teaCall(signature, 'UpdateMediaInfo', ICE, { MediaId: 'no-such-media', Title: 'x' }),
    )
    expect(error.code).toBe('ResourceNotFound')
    expect(error.statusCode).toBe(404)
  })
}
