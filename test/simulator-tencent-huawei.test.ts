import { afterEach, beforeEach, expect, it } from 'vitest'
import type { CallOptions } from '../src/client/index.ts'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../src/simulator/index.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(() => server.close())

const cvmImage = async (id: string) =>
  (await server.admin('GET', 'state')).json.cvmImages.find(
    (i: { imageId: string }) => i.imageId === id,
  )
const { project, instance } = DEFAULT_CREDENTIALS.huawei
const huawei: CallOptions = { pathParams: { project_id: project, instance_name: instance } }

it('runs the legacy sample: renames img-12345678 and answers code 0 with codeDesc', async () => {
  const out = await server.client.modifyImageAttributes({
    imageId: 'img-12345678',
    imageName: 'testName',
    imageDescription: 'descrip',
  })
  expect(out).toMatchObject({ ok: true, status: 200 })
  expect(await cvmImage('img-12345678')).toMatchObject({ name: 'testName', description: 'descrip' })
})

it('modifies the same images through API 2.0 and API 3.0', async () => {
  await server.client.modifyImageAttribute({ ImageId: 'img-12345678', ImageName: 'from-v3' })
  const v2 = await server.client.modifyImageAttributes({
    imageId: 'img-12345678',
    imageName: 'bulk-image-01',
  })
  expect(v2).toMatchObject({ ok: false, status: 200, code: '4000' })
  expect(await cvmImage('img-12345678')).toMatchObject({ name: 'from-v3' })
})

it('answers the legacy errors as HTTP 200 with a non-zero code', async () => {
  expect(await server.client.modifyImageAttributes({ imageId: 'img-00000000' })).toMatchObject({
    ok: false,
    status: 200,
    code: '5000',
  })
  expect(
    await server.client.modifyImageAttributes({
      imageId: SAMPLE_IDS.cvmImageShared,
      imageName: 'x',
    }),
  ).toMatchObject({ code: '5100' })
  expect(
    await server.client.modifyImageAttributes({
      imageId: 'img-12345678',
      imageName: 'a'.repeat(17),
    }),
  ).toMatchObject({ code: '4000' })
})

it('throttles ModifyImageAttribute at 10 calls per second per account with RequestLimitExceeded', async () => {
  const call = () => server.client.modifyImageAttribute({ ImageId: SAMPLE_IDS.cvmImageV3 })
  const answers = await Promise.all(Array.from({ length: 20 }, call))
  expect(answers.filter((a) => a.ok)).toHaveLength(10)
  expect(answers.filter((a) => !a.ok)).toEqual(
    Array.from({ length: 10 }, () =>
      expect.objectContaining({ status: 200, code: 'RequestLimitExceeded' }),
    ),
  )
  server.advance(1_000)
  expect(await call()).toMatchObject({ ok: true })
})

it('answers the API 3.0 errors as HTTP 200 with Response.Error', async () => {
  const call = (input: Parameters<TestServer['client']['modifyImageAttribute']>[0]) =>
    server.client.modifyImageAttribute(input)
  expect(await call({ ImageId: 'img-00000000' })).toMatchObject({
    ok: false,
    status: 200,
    code: 'InvalidImageId.NotFound',
  })
  expect(await call({ ImageId: 'bad-id' })).toMatchObject({ code: 'InvalidImageId.Malformed' })
  expect(await call({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'bulk-image-02' })).toMatchObject({
    code: 'InvalidImageName.Duplicate',
  })
  expect(await call({ ImageId: SAMPLE_IDS.cvmImageShared, ImageName: 'mine' })).toMatchObject({
    code: 'InvalidImageId.IncorrectState',
  })
  expect(await call({ ImageId: SAMPLE_IDS.cvmImageV3, ImageName: 'n'.repeat(21) })).toMatchObject({
    code: 'InvalidParameterValue.TooLarge',
  })
  expect(await call({ ImageId: 'img-others01', ImageName: 'stolen' })).toMatchObject({
    code: 'InvalidImageId.NotFound',
  })
})

it('serves every API 3.0 signing variant', async () => {
  for (const variant of ['TC3', 'TC3-GET', 'HmacSHA256', 'HmacSHA1']) {
    const out = await server.client.modifyImageAttribute(
      { ImageId: SAMPLE_IDS.cvmImageV3, ImageDescription: variant },
      { variant },
    )
    expect(out, variant).toMatchObject({ ok: true })
  }
  expect(await cvmImage(SAMPLE_IDS.cvmImageV3)).toMatchObject({ description: 'HmacSHA1' })
})

it('replaces Huawei image tags with AK/SK and with an IAM token', async () => {
  const path = SAMPLE_IDS.imagesearchPath
  expect(
    await server.client.modifyImage({ path, tags: { 'test-tags': 'test-image' } }, huawei),
  ).toMatchObject({ ok: true, status: 200 })
  const token = {
    ...huawei,
    variant: 'TOKEN',
    credentials: { keyId: DEFAULT_CREDENTIALS.huawei.token },
  }
  expect(
    await server.client.modifyImage({ path, tags: { 'test-tags': 'by-token' } }, token),
  ).toMatchObject({ ok: true })
  const state = (await server.admin('GET', 'state')).json
  expect(state.imagesearchInstances[0].images[0]).toEqual({
    path,
    tags: { 'test-tags': 'by-token' },
  })
})

it('answers a Huawei "path": null as the documented IS.0003, like a missing or empty path', async () => {
  // The seed's documented error sample: 400 IS.0003 "Arguments of path can not be null."
  const missing = { status: 400, code: 'IS.0003', message: 'Arguments of path can not be null.' }
  const call = (input: Record<string, unknown>) =>
    server.client.modifyImage(input as { path: string; tags: Record<string, string> }, huawei)
  expect(await call({ path: null, tags: {} })).toMatchObject(missing)
  expect(await call({ tags: {} })).toMatchObject(missing)
  expect(await call({ path: '', tags: {} })).toMatchObject(missing)
  expect(await call({ path: SAMPLE_IDS.imagesearchPath, tags: null })).toMatchObject({
    status: 400,
    code: 'IS.0003',
    message: 'Arguments of tags can not be null.',
  })
  expect(await call({ path: 42, tags: {} })).toMatchObject({ status: 400, code: 'IS.0002' })
})

it('answers the Huawei errors with IS codes and HTTP 400, gateway ones with 401', async () => {
  const call = (input: { path: string; tags: Record<string, string> }, options = huawei) =>
    server.client.modifyImage(input, options)
  expect(await call({ path: '', tags: {} })).toMatchObject({
    status: 400,
    code: 'IS.0003',
    message: 'Arguments of path can not be null.',
  })
  expect(await call({ path: 'https://x/none.jpg', tags: {} })).toMatchObject({
    status: 400,
    code: 'IS.0016',
  })
  expect(await call({ path: SAMPLE_IDS.imagesearchPath, tags: { color: 'red' } })).toMatchObject({
    status: 400,
    code: 'IS.0001',
  })
  const elsewhere = { pathParams: { project_id: project, instance_name: 'no-such-instance' } }
  expect(await call({ path: SAMPLE_IDS.imagesearchPath, tags: {} }, elsewhere)).toMatchObject({
    status: 400,
    code: 'IS.0007',
  })
  const badToken = { ...huawei, variant: 'TOKEN', credentials: { keyId: 'forged' } }
  expect(
    await server.client.modifyImage({ path: SAMPLE_IDS.imagesearchPath, tags: {} }, badToken),
  ).toMatchObject({ status: 401, code: 'APIGW.0301' })
  const otherProject = {
    pathParams: { project_id: 'ffffffffffffffffffffffffffffffff', instance_name: instance },
  }
  expect(await call({ path: SAMPLE_IDS.imagesearchPath, tags: {} }, otherProject)).toMatchObject({
    ok: false,
    code: 'IS.0011',
  })
})

it('sends the Huawei request id in X-Request-Id', async () => {
  const response = await fetch(`${server.url}/v1/${project}/${instance}/image`, {
    method: 'PUT',
    headers: {
      'x-auth-token': DEFAULT_CREDENTIALS.huawei.token,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ path: SAMPLE_IDS.imagesearchPath, tags: { 'test-tags': 'x' } }),
  })
  expect(response.headers.get('x-request-id')).toBe('REQ-000001')
  expect(await response.json()).toEqual({ result: 'Success' })
})

it("answers the Huawei gateway's own errors with its headers (server: api-gateway, X-Request-Id), service errors without", async () => {
  const put = (
    headers: Record<string, string>,
    body: unknown,
    path = `/v1/${project}/${instance}/image`,
  ) =>
    fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  const sample = { path: SAMPLE_IDS.imagesearchPath, tags: { 'test-tags': 'x' } }
  const forged = await put({ 'x-auth-token': 'forged-token-000' }, sample)
  expect(forged.status).toBe(401)
  expect(forged.headers.get('server')).toBe('api-gateway')
  expect(forged.headers.get('x-request-id')).toMatch(/^REQ-/)
  expect(await forged.json()).toMatchObject({ error_code: 'APIGW.0301' })
  const unsigned = await put({}, sample)
  expect([unsigned.status, unsigned.headers.get('server')]).toEqual([401, 'api-gateway'])
  const service = await put({ 'x-auth-token': DEFAULT_CREDENTIALS.huawei.token }, { tags: {} })
  expect(service.status).toBe(400)
  expect(service.headers.get('server')).toBeNull()
  expect(service.headers.get('x-request-id')).toMatch(/^REQ-/)
})
