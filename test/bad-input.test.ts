import { connect } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { updateImageInfos } from '../src/catalog/index.ts'
import { sendWire, signCall, testCredentials } from '../src/client/index.ts'
import { rawRequest, startTestServer, type TestServer } from './support/start-test-server.ts'

// Bad input never crashes or hangs the server and always gets a vendor-shaped error.
let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 512 * 1024 })
})
afterAll(() => server.close())

const signedImages = (UpdateContent: string, variant = 'GET') =>
  sendWire(
    server.url,
    signCall(
      { endpoint: server.url, credentials: testCredentials(), now: server.now },
      updateImageInfos,
      { UpdateContent },
      { variant },
    ),
  )
const alibabaError = (text: string) =>
  JSON.parse(text) as { Code: string; Message: string; RequestId: string }

it.each([
  ['malformed JSON', '[{"ImageId":'],
  ['a JSON object instead of an array', '{"ImageId":"a"}'],
  ['a JSON string', '"[]"'],
  ['null', 'null'],
  ['an array of numbers', '[1,2,3]'],
  ['an item with a wrong type', '[{"ImageId":"a","Title":["x"]}]'],
  [
    '10,000 items',
    JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ ImageId: `i${i}` }))),
  ],
  ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
])('answers %s in UpdateContent with a vendor error', async (_name, content) => {
  const response = await signedImages(content, 'POST')
  expect(response.status).toBe(400)
  expect(alibabaError(response.body).Code).toMatch(/^(InvalidParameter|CountExceededMax)$/)
})

it('answers an unknown action with UnsupportedOperation', async () => {
  const request = signCall(
    { endpoint: server.url, credentials: testCredentials(), now: server.now },
    { ...updateImageInfos, action: 'DeleteEverything' },
    {},
  )
  const response = await sendWire(server.url, request)
  expect(response.status).toBe(400)
  expect(alibabaError(response.body)).toMatchObject({ Code: 'UnsupportedOperation' })
})

it('answers a wrong version with InvalidVersion', async () => {
  const request = signCall(
    { endpoint: server.url, credentials: testCredentials(), now: server.now },
    { ...updateImageInfos, version: '2099-01-01' },
    { UpdateContent: '[{"ImageId":"a"}]' },
  )
  expect(alibabaError((await sendWire(server.url, request)).body).Code).toBe('InvalidVersion')
})

it('answers a body over the limit with the vendor error and closes the connection', async () => {
  const response = await rawRequest(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `Action=UpdateImageInfos&UpdateContent=${'a'.repeat(600 * 1024)}`,
  })
  expect(response.status).toBe(413)
  expect(alibabaError(response.text).Code).toBe('RequestEntityTooLarge')
  const huawei = await rawRequest(server.url, {
    method: 'PUT',
    path: '/v1/p/i/image',
    body: `{"path":"${'a'.repeat(600 * 1024)}"}`,
  })
  expect(JSON.parse(huawei.text)).toMatchObject({ error_code: 'IS.0006' })
})

it('answers broken percent-encoding and invalid UTF-8 with InvalidParameter', async () => {
  const broken = await rawRequest(server.url, {
    path: '/?Action=UpdateImageInfos&UpdateContent=%E4%B8',
  })
  expect(alibabaError(broken.text).Code).toBe('InvalidParameter')
  const latin1 = await rawRequest(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from([0x41, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x3d, 0xff, 0xfe]),
  })
  expect(latin1.status).toBe(400)
  const tencentJson = await rawRequest(server.url, {
    method: 'POST',
    headers: {
      'x-tc-action': 'ModifyImageAttribute',
      'content-type': 'application/json',
      'x-tc-region': 'ap-guangzhou',
    },
    body: Buffer.from([0x7b, 0xff, 0x7d]),
  })
  expect(JSON.parse(tencentJson.text).Response.Error.Code).toBe('InvalidParameter')
})

it('answers unsigned and half-signed requests with the vendor authentication errors', async () => {
  const noKey = await rawRequest(server.url, {
    path: '/?Action=UpdateImageInfos&Version=2017-03-21&Format=JSON',
  })
  expect(alibabaError(noKey.text).Code).toBe('MissingAccessKeyId')
  const noSignature = await rawRequest(server.url, {
    path: '/?Action=UpdateImageInfos&Version=2017-03-21&Format=JSON&AccessKeyId=testAccessKeyId',
  })
  expect(alibabaError(noSignature.text).Code).toBe('IncompleteSignature')
  const tc3 = await rawRequest(server.url, {
    method: 'POST',
    headers: {
      'x-tc-action': 'ModifyImageAttribute',
      'x-tc-version': '2017-03-12',
      'x-tc-region': 'ap-guangzhou',
      'content-type': 'application/json',
    },
    body: '{"ImageId":"img-12345678"}',
  })
  expect(tc3.status).toBe(200)
  expect(JSON.parse(tc3.text).Response.Error.Code).toMatch(/^AuthFailure\./)
  const legacy = await rawRequest(server.url, {
    path: '/v2/index.php?Action=ModifyImageAttributes&imageId=img-12345678',
  })
  expect(JSON.parse(legacy.text)).toMatchObject({ code: 4000 })
  const huawei = await rawRequest(server.url, { method: 'PUT', path: '/v1/p/i/image', body: '{}' })
  expect(huawei.status).toBe(401)
  expect(JSON.parse(huawei.text)).toMatchObject({ error_code: 'APIGW.0301' })
})

it('answers wrong methods and unknown paths in the envelope of the scheme the path belongs to', async () => {
  expect(
    alibabaError(
      (await rawRequest(server.url, { method: 'DELETE', path: '/?Action=UpdateImageInfos' })).text,
    ).Code,
  ).toBe('UnsupportedHTTPMethod')
  expect(
    JSON.parse((await rawRequest(server.url, { method: 'GET', path: '/v1/p/i/image' })).text),
  ).toMatchObject({ error_code: 'IS.0010' })
  expect(
    JSON.parse((await rawRequest(server.url, { method: 'GET', path: '/v1/p/other' })).text),
  ).toMatchObject({ error_code: 'APIGW.0101' })
  const nowhere = await rawRequest(server.url, { path: '/favicon.ico' })
  expect(nowhere.status).toBe(404)
  const { message } = JSON.parse(nowhere.text) as { message: string }
  expect(message).toContain('no API served here takes this request')
  expect(message).toContain('"/v2/index.php"')
})

it('survives a garbage HTTP request and keeps serving', async () => {
  await new Promise<void>((resolve) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'))
    socket.on('close', () => resolve())
    socket.on('error', () => resolve())
    socket.resume()
  })
  expect((await server.admin('GET', 'health')).json).toEqual({ status: 'ok' })
})

it('applies 200 concurrent updates of one image atomically, none lost', async () => {
  const titles = Array.from({ length: 200 }, (_, i) => `title-${i}`)
  const results = await Promise.all(
    titles.map((Title, i) =>
      server.client.updateImageInfos(
        { UpdateContent: [{ ImageId: 'vod-image-07', Title, Tags: `t${i}` }] },
        { variant: i % 2 ? 'GET' : 'POST' },
      ),
    ),
  )
  expect(results.every((r) => r.ok)).toBe(true)
  const image = (await server.admin('GET', 'state')).json.vodImages.find(
    (i: { imageId: string }) => i.imageId === 'vod-image-07',
  )
  // Each update writes Title and Tags together, so the final state is exactly one of them.
  const winner = titles.indexOf(image.title)
  expect(winner).toBeGreaterThanOrEqual(0)
  expect(image.tags).toEqual([`t${winner}`])
  const journal = (await server.admin('GET', 'requests')).json.requests
  expect(
    journal.filter(
      (t: { operation?: string; status: number }) =>
        t.operation === 'alibaba-vod.UpdateImageInfos' && t.status === 200,
    ).length,
  ).toBeGreaterThanOrEqual(200)
})

it('answers an oversize body on a path no scheme claims in tapedeck JSON, naming the limit, not in one vendor envelope picked by position', async () => {
  const response = await fetch(`${server.url}/no/such/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'x'.repeat(600 * 1024),
  })
  expect(response.status).toBe(413)
  expect(await response.json()).toEqual({
    code: 'E_BODY_TOO_LARGE',
    message: `Failed to take "POST /no/such/api": its body is over the ${512 * 1024}-byte limit, and no API served here takes this path.`,
  })
  const [trace] = (await server.admin('GET', 'requests')).json.requests.slice(-1)
  expect(trace).toMatchObject({ path: '/no/such/api', status: 413 })
  expect(trace.protocol).toBeUndefined()
})
