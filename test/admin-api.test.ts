import { afterEach, beforeEach, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(() => server.close())

it('answers health', async () => {
  expect(await server.admin('GET', 'health')).toEqual({ status: 200, json: { status: 'ok' } })
})

it('replaces the state with PUT and returns it with GET', async () => {
  const state = (await server.admin('GET', 'state')).json
  state.vodImages = [{ account: 'demo', imageId: 'only-one', title: 'solo' }]
  expect((await server.admin('PUT', 'state', state)).status).toBe(200)
  expect((await server.admin('GET', 'state')).json.vodImages).toEqual(state.vodImages)
  const out = await server.client.updateImageInfos({
    UpdateContent: [{ ImageId: 'vod-image-01' }, { ImageId: 'only-one' }],
  })
  expect(out).toMatchObject({ ok: true, result: { NonExistImageIds: ['vod-image-01'] } })
})

it('refuses an invalid state naming each JSON path, and changes nothing', async () => {
  const before = (await server.admin('GET', 'state')).json
  const broken = structuredClone(before)
  broken.vodImages[2].title = 42
  broken.cvmImages.push({ ...broken.cvmImages[0] })
  broken.unknown = true
  const answer = await server.admin('PUT', 'state', broken)
  expect(answer.status).toBe(400)
  expect(answer.json.code).toBe('E_INVALID_STATE')
  expect(answer.json.issues).toEqual([
    'vodImages[2].title: Invalid input: expected string, received number',
    '(root): Unrecognized key: "unknown"',
  ])
  const dup = structuredClone(before)
  dup.cvmImages.push({ ...dup.cvmImages[0] })
  expect((await server.admin('PUT', 'state', dup)).json.issues).toEqual([
    'cvmImages[29].imageId: duplicates cvmImages[0].imageId within the same owner',
    'cvmImages[29].name: duplicates cvmImages[0].name within the same owner',
  ])
  expect((await server.admin('PUT', 'state', '{not json')).status).toBe(400)
  expect((await server.admin('GET', 'state')).json).toEqual(before)
})

it('resets to the seed', async () => {
  await server.client.updateImageInfos({
    UpdateContent: [{ ImageId: 'vod-image-01', Title: 'changed' }],
  })
  expect((await server.admin('POST', 'reset')).status).toBe(200)
  const image = (await server.admin('GET', 'state')).json.vodImages.find(
    (i: { imageId: string }) => i.imageId === 'vod-image-01',
  )
  expect(image.title).toBe('Image 01')
})

it('journals each request with the verdict of each step, without secrets, and clears it', async () => {
  await server.client.updateImageInfos({ UpdateContent: [{ ImageId: 'vod-image-01', Title: 't' }] })
  await server.client.updateImageInfos({ UpdateContent: '[]' })
  const { json } = await server.admin('GET', 'requests')
  expect(json.requests).toHaveLength(2)
  expect(json.requests[0]).toMatchObject({
    requestId: 'REQ-000001',
    protocol: 'alibaba-rpc',
    operation: 'alibaba-vod.UpdateImageInfos',
    keyId: 'testAccessKeyId',
    account: 'demo',
    format: 'json',
    status: 200,
    params: { UpdateContent: '[{"ImageId":"vod-image-01","Title":"t"}]' },
  })
  expect(json.requests[0].steps.map((s: { step: string }) => s.step)).toEqual([
    'route',
    'parse',
    'resolve',
    'authenticate',
    'throttle',
    'validate',
    'execute',
  ])
  expect(json.requests[1]).toMatchObject({
    status: 400,
    code: 'InvalidParameter',
    steps: expect.arrayContaining([expect.objectContaining({ step: 'validate', ok: false })]),
  })
  const text = JSON.stringify(json)
  expect(text).not.toContain('testAccessKeySecret')
  expect(text).not.toMatch(/Signature"?:/)
  await server.admin('DELETE', 'requests')
  expect((await server.admin('GET', 'requests')).json.requests).toEqual([])
})

it('answers an unknown admin route with 404 listing the routes', async () => {
  const answer = await server.admin('GET', 'nope')
  expect(answer.status).toBe(404)
  expect(answer.json.message).toContain('GET /__tapedeck/health')
})

it('switches the response profile at run time with PUT config, and refuses an unknown one', async () => {
  const call = () => server.client.updateImageInfos({ UpdateContent: [{ ImageId: 'missing-one' }] })
  expect(await server.admin('PUT', 'config', { profile: 'documented' })).toEqual({
    status: 200,
    json: { profile: 'documented' },
  })
  expect(await call()).toMatchObject({ ok: true, result: { NonExistImageIds: ['missing-one'] } })
  const raw = (await server.admin('GET', 'requests')).json.requests.length
  expect(raw).toBe(1)
  const bad = await server.admin('PUT', 'config', { profile: 'fancy' })
  expect(bad.status).toBe(400)
  expect(bad.json.code).toBe('E_INVALID_CONFIG')
  expect((await server.admin('GET', 'config')).json).toEqual({ profile: 'documented' })
})

it('requires the admin token when one is set, and never echoes it', async () => {
  const guarded = await startTestServer({ adminToken: 's3cret-admin' })
  try {
    const denied = await fetch(`${guarded.url}/__tapedeck/state`)
    expect(denied.status).toBe(401)
    expect(await denied.text()).not.toContain('s3cret-admin')
    const bearer = await fetch(`${guarded.url}/__tapedeck/health`, {
      headers: { authorization: 'Bearer s3cret-admin' },
    })
    expect(bearer.status).toBe(200)
    const header = await fetch(`${guarded.url}/__tapedeck/health`, {
      headers: { 'x-tapedeck-admin-token': 's3cret-admin' },
    })
    expect(header.status).toBe(200)
    // The vendor APIs stay open: clients sign their own requests.
    expect(
      (await guarded.client.updateImageInfos({ UpdateContent: [{ ImageId: 'vod-image-01' }] })).ok,
    ).toBe(true)
  } finally {
    await guarded.close()
  }
})

it('refuses to bind beyond loopback without an admin token', async () => {
  await expect(startTestServer({ host: '0.0.0.0' })).rejects.toMatchObject({
    code: 'E_INVALID_OPTION',
    message: expect.stringContaining('--admin-token'),
  })
})
