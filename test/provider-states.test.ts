import { afterEach, beforeEach, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// `POST /__tapedeck/provider-states`, Pact's state-change URL, in each shape a verifier sends.
let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(() => server.close())

const cvmImage = async (imageId: string) =>
  (await server.admin('GET', 'state')).json.cvmImages.find(
    (i: { imageId: string }) => i.imageId === imageId,
  )

it('sets up a fact from the Rust verifier shape {state, params, action}', async () => {
  expect(await cvmImage('img-12345678')).toBeDefined()
  const answer = await server.admin('POST', 'provider-states', {
    state: 'CVM image does not exist',
    params: { imageId: 'img-12345678' },
    action: 'setup',
  })
  expect(answer).toEqual({
    status: 200,
    json: { action: 'setup', states: ['CVM image does not exist'], profile: 'live' },
  })
  expect(await cvmImage('img-12345678')).toBeUndefined()
  // The simulator answers accordingly.
  const out = await server.client.modifyImageAttribute({ ImageId: 'img-12345678', ImageName: 'x' })
  expect(out).toMatchObject({ ok: false, code: 'InvalidImageId.NotFound' })
})

it('sets up a fact from the Ruby verifier shape {consumer, state, states, params}', async () => {
  const answer = await server.admin('POST', 'provider-states', {
    consumer: 'someone',
    state: 'CVM image is shared',
    states: ['CVM image is shared'],
    params: { imageId: 'img-newshare' },
  })
  expect(answer.status).toBe(200)
  expect(await cvmImage('img-newshare')).toMatchObject({ shared: true })
})

it('sets up a fact from the query string (--state-change-as-query)', async () => {
  const response = await fetch(
    `${server.url}/__tapedeck/provider-states?state=VOD+image+exists&imageId=img-q1&action=setup`,
    { method: 'POST' },
  )
  expect(response.status).toBe(200)
  const images = (await server.admin('GET', 'state')).json.vodImages
  expect(images.some((i: { imageId: string }) => i.imageId === 'img-q1')).toBe(true)
})

it('resets to the seed and sets the response profile for "the response profile is …"', async () => {
  await server.admin('POST', 'provider-states', {
    state: 'CVM image does not exist',
    params: { imageId: 'img-12345678' },
  })
  const answer = await server.admin('POST', 'provider-states', {
    state: 'the response profile is documented',
    params: {},
    action: 'setup',
  })
  expect(answer.json).toEqual({
    action: 'setup',
    states: ['the response profile is documented'],
    profile: 'documented',
  })
  expect(await cvmImage('img-12345678')).toBeDefined()
  expect((await server.admin('GET', 'config')).json).toEqual({ profile: 'documented' })
})

it('changes nothing on teardown', async () => {
  const before = (await server.admin('GET', 'state')).json
  const answer = await server.admin('POST', 'provider-states', {
    state: 'CVM image does not exist',
    params: { imageId: 'img-12345678' },
    action: 'teardown',
  })
  expect(answer.json).toEqual({
    action: 'teardown',
    states: ['CVM image does not exist'],
    changed: false,
  })
  const deleted = await fetch(`${server.url}/__tapedeck/provider-states`, {
    method: 'DELETE',
    body: JSON.stringify({ state: 'the response profile is documented' }),
  })
  expect(await deleted.json()).toMatchObject({ action: 'teardown', changed: false })
  expect((await server.admin('GET', 'state')).json).toEqual(before)
  expect((await server.admin('GET', 'config')).json).toEqual({ profile: 'live' })
})

it('refuses an unknown state with 400 naming the known ones, and changes nothing', async () => {
  const before = (await server.admin('GET', 'state')).json
  const answer = await server.admin('POST', 'provider-states', {
    states: ['VOD image exists', 'CVM image exist'],
    params: { imageId: 'x' },
  })
  expect(answer.status).toBe(400)
  expect(answer.json.code).toBe('E_PROVIDER_STATE')
  expect(answer.json.message).toMatch(
    /^Failed to set provider state "CVM image exist": unknown state; use one of "the response profile is live", "the response profile is documented", "VOD image exists", .*"CVM image exists"/,
  )
  expect(answer.json.known).toContain('CVM image name is taken')
  expect((await server.admin('GET', 'state')).json).toEqual(before)
})

it('refuses a missing param, a body that is not JSON and one without a state', async () => {
  const missing = await server.admin('POST', 'provider-states', { state: 'VOD video exists' })
  expect(missing.status).toBe(400)
  expect(missing.json.message).toBe(
    'Failed to set provider state "VOD video exists": missing params "videoId"',
  )
  const broken = await server.admin('POST', 'provider-states', '{not json')
  expect(broken.status).toBe(400)
  expect(broken.json.message).toMatch(/^Failed to set provider state \(request body\): not JSON/)
  const empty = await server.admin('POST', 'provider-states', { params: {} })
  expect(empty.json.message).toBe('Failed to set provider state (request body): no "state" given')
  const nested = await server.admin('POST', 'provider-states', {
    state: 'VOD video exists',
    params: { videoId: { deep: 1 } },
  })
  expect(nested.status).toBe(400)
  expect(nested.json.message).toMatch(/params\.videoId/)
})

it('lists every state with the params it reads', async () => {
  const { json } = await server.admin('GET', 'provider-states')
  expect(json.states).toContainEqual({ name: 'the response profile is live', params: [] })
  expect(json.states).toContainEqual({
    name: 'IMS media is registered with an InputURL',
    params: ['mediaId', 'inputURL'],
  })
  expect(json.states).toHaveLength(18)
})

it('is protected by the admin token like every /__tapedeck/ route', async () => {
  const guarded = await startTestServer({ adminToken: 's3cret-admin' })
  try {
    const body = JSON.stringify({ state: 'the response profile is documented' })
    const url = `${guarded.url}/__tapedeck/provider-states`
    const refused = await fetch(url, { method: 'POST', body })
    expect(refused.status).toBe(401)
    expect((await guarded.admin('GET', 'config')).status).toBe(401)
    const allowed = await fetch(url, {
      method: 'POST',
      body,
      headers: { authorization: 'Bearer s3cret-admin' },
    })
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).not.toContain('s3cret')
  } finally {
    await guarded.close()
  }
})
