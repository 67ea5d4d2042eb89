/**
 * The admin routes as a user meets them, over real sockets: an unknown route names every route
 * (the inspector's included), and `/__tapedeck` without its slash leads to the page instead of
 * reaching the vendor router.
 */
import { afterEach, expect, it } from 'vitest'
import { startReplayServer } from '../src/replay/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { startTestServer } from './support/start-test-server.ts'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

it('names every admin route, the inspector page and its data routes included, for an unknown one', async () => {
  const server = await startTestServer()
  closers.push(() => server.close())
  const { status, json } = await server.admin('GET', 'nothing-here')
  expect(status).toBe(404)
  expect(json.code).toBe('E_ADMIN_ROUTE')
  expect(json.message).toMatchInlineSnapshot(
    `"Failed to find admin route "GET nothing-here": use one of GET /__tapedeck/ (the inspector page), GET /__tapedeck/health, GET /__tapedeck/state, PUT /__tapedeck/state, POST /__tapedeck/reset, GET /__tapedeck/requests, DELETE /__tapedeck/requests, GET /__tapedeck/requests/{id}, GET /__tapedeck/events, GET /__tapedeck/coverage, GET /__tapedeck/config, PUT /__tapedeck/config, GET /__tapedeck/faults, PUT /__tapedeck/faults, DELETE /__tapedeck/faults, GET /__tapedeck/provider-states, POST /__tapedeck/provider-states, DELETE /__tapedeck/provider-states"`,
  )
})

it('redirects /__tapedeck to /__tapedeck/ on serve and replay, never to the vendor router', async () => {
  const serve = await startTestServer()
  closers.push(() => serve.close())
  const replay = await startReplayServer({
    tapes: [buildTape([[imageRequest([{ ImageId: 'x', Title: 'a' }]), okResponse('a')]])],
  })
  closers.push(() => replay.close())
  for (const url of [serve.url, replay.url]) {
    const moved = await fetch(`${url}/__tapedeck`, { redirect: 'manual' })
    expect([url, moved.status, moved.headers.get('location')]).toEqual([url, 308, '/__tapedeck/'])
    const page = await fetch(`${url}/__tapedeck`)
    expect([url, page.status, page.headers.get('content-type')]).toEqual([
      url,
      200,
      'text/html; charset=utf-8',
    ])
  }
})
