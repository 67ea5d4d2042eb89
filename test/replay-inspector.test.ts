/**
 * The inspector on `replay`, over real sockets: the journal (operation, hit or miss, status,
 * latency, the near-miss diff of a miss), one request in detail, the live event stream, the
 * admin token, and the same loopback rule as `serve`.
 */
import { expect, it } from 'vitest'
import { sendWire } from '../src/client/index.ts'
import { startReplayServer } from '../src/replay/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { expectAdminToken } from './support/expect-admin-token.ts'
import { readEvents } from './support/read-events.ts'
import { imageItem, replayServers } from './support/replay-servers.ts'

const serve = replayServers()
const item = imageItem
const tape = () => buildTape([[imageRequest(item('a')), okResponse('first')]], { source: 'a.har' })

it('journals each request with its operation, hit or miss, status and latency, and a miss with its near-miss diff', async () => {
  const server = await serve({ tapes: [tape()] })
  await sendWire(server.url, imageRequest(item('a')))
  await sendWire(server.url, imageRequest(item('b')))
  const response = await fetch(`${server.url}/__tapedeck/requests`)
  expect(response.status).toBe(200)
  const { dropped, requests } = await response.json()
  expect(dropped).toBe(0)
  expect(requests).toEqual([
    expect.objectContaining({
      id: '1',
      method: 'POST',
      operation: 'alibaba-vod.UpdateImageInfos',
      status: 200,
      outcome: 'hit',
      latencyMs: expect.any(Number),
    }),
    expect.objectContaining({
      id: '2',
      operation: 'alibaba-vod.UpdateImageInfos',
      status: 404,
      code: 'TapedeckNoRecording',
      outcome: 'miss',
      nearMiss: {
        closest: expect.any(String),
        source: 'a.har entry 0',
        differences: [{ path: 'UpdateContent[0].Title', recorded: 'a', got: 'b' }],
      },
    }),
  ])
  expect(requests[0].nearMiss).toBeUndefined()

  // One request in detail: the near-miss, the request with its signature redacted, the answer.
  const detail = await (await fetch(`${server.url}/__tapedeck/requests/2`)).json()
  expect(detail.summary).toMatchObject({ id: '2', outcome: 'miss' })
  expect(detail.nearMiss.differences).toHaveLength(1)
  expect(detail.request.body).toContain('Signature=<redacted>')
  expect(detail.response.body).toContain('TapedeckNoRecording')
  expect(detail.curl).toMatch(/^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/'/)
  const signature = new URLSearchParams(imageRequest(item('b')).body.toString()).get('Signature')
  expect(JSON.stringify(detail)).not.toContain(signature)

  const missing = await fetch(`${server.url}/__tapedeck/requests/99`)
  expect(missing.status).toBe(404)
  expect((await missing.json()).code).toBe('E_REQUEST_NOT_FOUND')
  await fetch(`${server.url}/__tapedeck/requests`, { method: 'DELETE' })
  expect((await (await fetch(`${server.url}/__tapedeck/requests`)).json()).requests).toEqual([])
})

it('streams the replay journal as server-sent events: a hello naming the replay server, then each request', async () => {
  const server = await serve({ tapes: [tape()] })
  await sendWire(server.url, imageRequest(item('a')))
  const controller = new AbortController()
  const response = await fetch(`${server.url}/__tapedeck/events`, { signal: controller.signal })
  expect(response.headers.get('content-type')).toBe('text/event-stream')
  const nextEvent = readEvents(response)
  expect(await nextEvent()).toBe(
    'event: hello\ndata: {"server":"replay","views":["requests"],"outcomes":["hit","miss","forwarded","recorded","refused"]}',
  )
  expect(JSON.parse((await nextEvent()).slice(6))).toMatchObject({ id: '1', outcome: 'hit' })
  await sendWire(server.url, imageRequest(item('c')))
  expect(JSON.parse((await nextEvent()).slice(6))).toMatchObject({
    id: '2',
    outcome: 'miss',
    code: 'TapedeckNoRecording',
  })
  controller.abort()
})

it('serves the inspector page on replay; behind an admin token its data needs the token', async () => {
  const server = await serve({ tapes: [tape()], adminToken: 'replay-token-5150' })
  const page = await fetch(`${server.url}/__tapedeck/`)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
  await expectAdminToken(server.url, ['events', 'requests', 'requests/1', 'health'], {
    token: 'replay-token-5150',
    allowed: 'requests',
  })
  // An admin path never reaches the tapes: an unknown one names the replay server's routes.
  const unknown = await fetch(`${server.url}/__tapedeck/state`, {
    headers: { authorization: 'Bearer replay-token-5150' },
  })
  expect(unknown.status).toBe(404)
  expect((await unknown.json()).message).toMatchInlineSnapshot(
    `"Failed to find admin route "GET state": a replay server has GET /__tapedeck/ (the inspector page), GET /__tapedeck/health, GET /__tapedeck/requests, DELETE /__tapedeck/requests, GET /__tapedeck/events, GET /__tapedeck/requests/{id}"`,
  )
})

it('refuses to bind beyond loopback without an admin token, as serve does', async () => {
  await expect(startReplayServer({ tapes: [tape()], host: '0.0.0.0' })).rejects.toMatchObject({
    code: 'E_INVALID_OPTION',
    message: expect.stringContaining('give --admin-token'),
  })
})
