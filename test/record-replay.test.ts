/**
 * End to end through real sockets: clients record through the redacting proxy to an HTTPS upstream
 * (a simulator with a self-signed certificate, trusted with `--ca`), then the upstream stops and
 * the tape is replayed to the same clients.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import RPCClient from '@alicloud/pop-core'
import QcloudApi from 'qcloudapi-sdk'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { modifyImage, modifyImageAttributes } from '../src/catalog/index.ts'
import { createClient, testCredentials } from '../src/client/index.ts'
import { startRecorder } from '../src/record/index.ts'
import { startReplayServer } from '../src/replay/index.ts'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { readTape } from '../src/tapes/index.ts'
import { type HttpsUpstream, startHttpsUpstream } from './support/start-https-upstream.ts'
import { TEST_CERT } from './support/test-certificate.ts'

const { accessKeyId, accessKeySecret } = DEFAULT_CREDENTIALS.alibaba
const VOD = '2017-03-21'
const closers: Array<() => Promise<void>> = []
let dir: string
let upstream: HttpsUpstream
let ca: string

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tapedeck-record-'))
  ca = join(dir, 'ca.pem')
  writeFileSync(ca, TEST_CERT)
  upstream = await startHttpsUpstream()
  closers.push(() => upstream.close())
})
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

function pop(endpoint: string) {
  return new RPCClient({
    accessKeyId,
    accessKeySecret,
    endpoint,
    apiVersion: VOD,
    opts: { timeout: 5000 },
  })
}

async function record(tape: string, credentials = testCredentials()) {
  const recorder = await startRecorder({ upstream: upstream.url, tape, ca, credentials })
  closers.push(() => recorder.close())
  return recorder
}

async function replay(tape: string) {
  const server = await startReplayServer({ tapes: [await readTape(tape)] })
  closers.push(() => server.close())
  return server
}

it('records pop-core through the proxy to an HTTPS upstream and replays the same responses with the upstream stopped', async () => {
  const tape = join(dir, 'pop-core.har')
  const recorder = await record(tape)
  const content = JSON.stringify([{ ImageId: 'vod-image-03', Title: 'recorded', Tags: 'a,b' }])
  const live = [
    await pop(recorder.url).request(
      'UpdateImageInfos',
      { UpdateContent: content },
      { method: 'POST' },
    ),
    await pop(recorder.url).request(
      'UpdateImageInfos',
      { UpdateContent: content },
      { method: 'GET' },
    ),
  ]
  await recorder.close()
  await upstream.close()
  const text = readFileSync(tape, 'utf8')
  expect(text).not.toContain(accessKeySecret)
  expect(text).not.toContain(accessKeyId)
  expect(text).not.toMatch(/Signature=(?!redacted)/)
  expect(text).toContain('redacted:AccessKeyId')
  const loaded = await readTape(tape)
  expect(loaded.tape.log.entries).toHaveLength(2)
  expect(loaded.tape.log.entries[0]!._tapedeck.redactions).toEqual(
    expect.arrayContaining(['form:AccessKeyId', 'form:Signature']),
  )

  const server = await replay(tape)
  const replayed = [
    await pop(server.url).request(
      'UpdateImageInfos',
      { UpdateContent: content },
      { method: 'POST' },
    ),
    await pop(server.url).request(
      'UpdateImageInfos',
      { UpdateContent: content },
      { method: 'GET' },
    ),
  ]
  expect(replayed).toEqual(live)
})

it('replays a request whose UpdateContent has other key order and whitespace, and misses a changed Title naming UpdateContent[0].Title', async () => {
  const tape = join(dir, 'order.har')
  const recorder = await record(tape)
  const recorded = await pop(recorder.url).request<Record<string, unknown>>(
    'UpdateImageInfos',
    { UpdateContent: JSON.stringify([{ ImageId: 'vod-image-04', Title: 'a' }]) },
    { method: 'POST' },
  )
  await recorder.close()
  await upstream.close()
  const server = await replay(tape)

  const reordered = await pop(server.url).request<Record<string, unknown>>(
    'UpdateImageInfos',
    { UpdateContent: '[ {\n "Title" : "a",  "ImageId":"vod-image-04" } ]' },
    { method: 'POST' },
  )
  expect(reordered).toEqual(recorded)

  const error = (await pop(server.url)
    .request(
      'UpdateImageInfos',
      { UpdateContent: JSON.stringify([{ ImageId: 'vod-image-04', Title: 'b' }]) },
      { method: 'POST' },
    )
    .catch((e: unknown) => e)) as Error & { code: string; data: Record<string, unknown> }
  expect(error.code).toBe('TapedeckNoRecording')
  expect(error.data['Message']).toContain('UpdateContent[0].Title: recorded "a", got "b"')
  expect(error.data['TapedeckNearMiss']).toMatchObject({
    differences: [{ path: 'UpdateContent[0].Title', recorded: 'a', got: 'b' }],
  })
})

it('records Tencent API 2.0 through the proxy, re-signing the host-bound signature, and replays it', async () => {
  const tape = join(dir, 'tencent-v2.har')
  const recorder = await record(tape)
  // Signed for the proxy's host: only a re-signed request passes the upstream's check.
  const client = createClient({ endpoint: recorder.url, credentials: testCredentials() })
  const input = {
    imageId: SAMPLE_IDS.cvmImageV2,
    imageName: 'recorded-name',
    imageDescription: 'd',
  }
  const live = await client.call(modifyImageAttributes, input as never)
  expect(live, JSON.stringify(live)).toMatchObject({ ok: true, status: 200 })
  await recorder.close()
  await upstream.close()
  const text = readFileSync(tape, 'utf8')
  expect(text).not.toContain(DEFAULT_CREDENTIALS.tencent.secretId)
  expect(text).not.toContain(DEFAULT_CREDENTIALS.tencent.secretKey)

  const server = await replay(tape)
  const replayed = await createClient({
    endpoint: server.url,
    credentials: testCredentials(),
  }).call(modifyImageAttributes, input as never)
  expect(replayed).toEqual(live)
})

it('records Huawei ImageSearch (AK/SK, host-bound) through the proxy and replays it', async () => {
  const tape = join(dir, 'huawei.har')
  const recorder = await record(tape)
  const { project, instance, ak, sk } = DEFAULT_CREDENTIALS.huawei
  const client = createClient({ endpoint: recorder.url, credentials: testCredentials() })
  const pathParams = { project_id: project, instance_name: instance }
  const input = { path: SAMPLE_IDS.imagesearchPath, tags: { 'test-tags': 'recorded' } }
  const live = await client.call(modifyImage, input as never, { pathParams })
  expect(live).toMatchObject({ status: 200 })
  await recorder.close()
  await upstream.close()
  const text = readFileSync(tape, 'utf8')
  expect(text).not.toContain(ak)
  expect(text).not.toContain(sk)
  expect(text).toContain('Access=redacted:Access')

  const server = await replay(tape)
  const replayed = await createClient({
    endpoint: server.url,
    credentials: testCredentials(),
  }).call(modifyImage, input as never, { pathParams })
  expect(replayed).toEqual(live)
})

/** qcloudapi-sdk (Tencent API 2.0) pointed at `url`; resolves to the JSON body. */
function qcloud(url: string, data: Record<string, unknown>) {
  const { secretId, secretKey } = DEFAULT_CREDENTIALS.tencent
  const api = new QcloudApi({
    SecretId: secretId,
    SecretKey: secretKey,
    Region: 'gz',
    serviceType: 'image',
    protocol: 'http',
    host: new URL(url).host,
    method: 'POST',
    signatureMethod: 'sha256',
  })
  return new Promise<Record<string, unknown>>((resolve, reject) =>
    api.request({ Action: 'ModifyImageAttributes', ...data }, (error, body) =>
      error ? reject(error) : resolve(body as Record<string, unknown>),
    ),
  )
}

it('records qcloudapi-sdk (Tencent API 2.0) through the proxy, re-signed for the upstream host, and replays it', async () => {
  const tape = join(dir, 'qcloudapi.har')
  const recorder = await record(tape)
  const data = { imageId: SAMPLE_IDS.cvmImageV2, imageName: 'sdk-recorded', imageDescription: 'd' }
  const live = await qcloud(recorder.url, data)
  expect(live).toEqual({ code: 0, message: '', codeDesc: 'Success' })
  await recorder.close()
  await upstream.close()
  expect(readFileSync(tape, 'utf8')).not.toContain(DEFAULT_CREDENTIALS.tencent.secretId)
  const server = await replay(tape)
  expect(await qcloud(server.url, data)).toEqual(live)
})

it('without upstream credentials the host-bound signature fails upstream, and the answer echoing the SecretId is recorded with it redacted', async () => {
  const tape = join(dir, 'unsigned.har')
  const recorder = await record(tape, {} as ReturnType<typeof testCredentials>)
  const body = await qcloud(recorder.url, { imageId: SAMPLE_IDS.cvmImageV2, imageName: 'x' })
  // The upstream's 4100 carries its string to sign, SecretId included: the client gets it as sent,
  // the tape with the SecretId's placeholder (README Decisions: the string to sign).
  expect(body).toMatchObject({ code: 4100 })
  await recorder.close()
  const text = readFileSync(tape, 'utf8')
  expect(text).not.toContain(DEFAULT_CREDENTIALS.tencent.secretId)
  expect(text).toContain('SecretId=redacted:SecretId')
})
