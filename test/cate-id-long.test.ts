import { afterEach, beforeEach, expect, it } from 'vitest'
import { sendWire } from '../src/client/index.ts'
import { acs3StringToSign } from '../src/protocols/alibaba-signature.ts'
import { hmac, sha256Hex } from '../src/protocols/crypto.ts'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(() => server.close())

// CateId is a Java Long (VOD 2017-03-21, IMS 2020-11-09): a double holds it exactly only to 2^53.
const LONGS = [
  '9007199254740991', // 2^53 - 1
  '9007199254740992', // 2^53
  '9007199254740993', // 2^53 + 1: rounds to 2^53 as a double
  '9223372036854775807', // Long max
  '-9223372036854775808', // Long min
]
const PAST_LONG = ['9223372036854775808', '-9223372036854775809', '18446744073709551616']

const stateOf = async () => (await server.admin('GET', 'state')).json
const imageCateId = async () =>
  (await stateOf()).vodImages.find((i: { imageId: string }) => i.imageId === SAMPLE_IDS.vodImage)
    .cateId

/** UpdateContent written by hand, so that a JSON number keeps all its digits on the wire. */
const updateContent = (cateId: string, as: 'string' | 'number') =>
  `[{"ImageId":"${SAMPLE_IDS.vodImage}","CateId":${as === 'string' ? `"${cateId}"` : cateId}}]`

for (const as of ['string', 'number'] as const) {
  it.each(LONGS)(`keeps the VOD CateId %s sent as a JSON ${as} digit for digit`, async (cateId) => {
    const out = await server.client.updateImageInfos({ UpdateContent: updateContent(cateId, as) })
    expect(out).toMatchObject({ ok: true, status: 200 })
    expect(await imageCateId()).toBe(cateId)
    const [entry] = (await server.admin('GET', 'requests')).json.requests
    expect(entry.params.UpdateContent).toContain(cateId)
  })

  it.each(PAST_LONG)(
    `refuses the VOD CateId %s (past a Long) sent as a JSON ${as}`,
    async (cateId) => {
      const out = await server.client.updateImageInfos({ UpdateContent: updateContent(cateId, as) })
      expect(out).toMatchObject({
        ok: false,
        status: 400,
        code: 'InvalidParameter',
        message: expect.stringContaining('UpdateContent[0].CateId must be a Long'),
      })
      expect(await imageCateId()).toBeUndefined()
    },
  )
}

it.each(LONGS)('keeps the VOD UpdateVideoInfos CateId %s digit for digit', async (cateId) => {
  const content = `[{"VideoId":"vod-video-01","CateId":${cateId}}]`
  expect(await server.client.updateVideoInfos({ UpdateContent: content })).toMatchObject({
    ok: true,
  })
  const video = (await stateOf()).vodVideos.find(
    (v: { videoId: string }) => v.videoId === 'vod-video-01',
  )
  expect(video.cateId).toBe(cateId)
})

it.each(LONGS)('keeps the IMS CateId %s digit for digit', async (cateId) => {
  const out = await server.client.updateMediaInfo({ MediaId: 'ice-media-01', CateId: cateId })
  expect(out).toMatchObject({ ok: true, status: 200 })
  const media = (await stateOf()).iceMedia.find(
    (m: { mediaId: string }) => m.mediaId === 'ice-media-01',
  )
  expect(media.cateId).toBe(cateId)
})

it.each(PAST_LONG)(
  'refuses the IMS CateId %s (past a Long) as InvalidParameter',
  async (cateId) => {
    const out = await server.client.updateMediaInfo({ MediaId: 'ice-media-01', CateId: cateId })
    expect(out).toMatchObject({ ok: false, status: 400, code: 'InvalidParameter' })
  },
)

it('still refuses a CateId that is not an integer', async () => {
  for (const bad of ['"abc"', '1.5', '"1e3"', 'true']) {
    const content = `[{"ImageId":"${SAMPLE_IDS.vodImage}","CateId":${bad}}]`
    const out = await server.client.updateImageInfos({ UpdateContent: content })
    expect(out, bad).toMatchObject({ ok: false, code: 'InvalidParameter' })
  }
})

/** An ACS3 call with its parameters as a JSON body (Tea's reqBodyType json), written by hand. */
async function acs3JsonBody(body: string) {
  const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
  const headers: Record<string, string> = {
    host: new URL(server.url).host,
    'content-type': 'application/json',
    'x-acs-action': 'UpdateMediaInfo',
    'x-acs-version': '2020-11-09',
    'x-acs-date': new Date(server.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': `nonce-${body.length}-${Math.random()}`,
    'x-acs-content-sha256': sha256Hex(body),
  }
  const signed = Object.keys(headers).sort()
  const request = { method: 'POST', path: '/', query: '', headers, body: Buffer.from(body) }
  const signature = hmac('sha256', accessKeySecret, acs3StringToSign(request, signed)).toString(
    'hex',
  )
  headers['authorization'] =
    `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`
  return sendWire(server.url, request)
}

for (const as of ['string', 'number'] as const) {
  it.each(LONGS)(
    `keeps the IMS CateId %s sent as a JSON ${as} in an ACS3 JSON body`,
    async (cateId) => {
      const value = as === 'string' ? `"${cateId}"` : cateId
      const out = await acs3JsonBody(`{"MediaId":"ice-media-02","CateId":${value}}`)
      expect(out.status, out.body).toBe(200)
      const media = (await stateOf()).iceMedia.find(
        (m: { mediaId: string }) => m.mediaId === 'ice-media-02',
      )
      expect(media.cateId).toBe(cateId)
    },
  )

  it.each(PAST_LONG)(
    `refuses the IMS CateId %s sent as a JSON ${as} in an ACS3 JSON body`,
    async (cateId) => {
      const value = as === 'string' ? `"${cateId}"` : cateId
      const out = await acs3JsonBody(`{"MediaId":"ice-media-02","CateId":${value}}`)
      expect(out.status).toBe(400)
      expect(JSON.parse(out.body)).toMatchObject({ Code: 'InvalidParameter' })
    },
  )
}
