/**
 * The admin API against the web pages a user visits, over real sockets: a Host that is not this
 * machine's (DNS rebinding) is refused, and so is a browser's cross-site write; curl-like clients,
 * the inspector page (same origin) and names allowed with --allowed-host pass. On serve and replay.
 */
import { request as httpRequest } from 'node:http'
import { afterEach, expect, it } from 'vitest'
import { startReplayServer } from '../src/replay/index.ts'
import { buildTape, imageRequest, okResponse } from './support/build-tape.ts'
import { startTestServer } from './support/start-test-server.ts'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** One request with the exact headers given (Host included, which fetch will not let us set). */
function send(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body = '',
): Promise<{
  status: number
  json: { code?: string; message?: string } & Record<string, unknown>
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => {
        let json = {}
        try {
          json = JSON.parse(text)
        } catch {
          json = { text }
        }
        resolve({ status: res.statusCode ?? 0, json })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function serve(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options)
  closers.push(() => server.close())
  return server
}

it('refuses an admin request whose Host is not a loopback name or the listen address (DNS rebinding)', async () => {
  const server = await serve()
  const refused = await send(server.url, 'GET', '/__tapedeck/state', {
    host: `rebind.attacker.example:${server.port}`,
  })
  expect(refused.status).toBe(403)
  expect(refused.json.code).toBe('E_ADMIN_HOST')
  expect(refused.json.message).toMatchInlineSnapshot(
    `"Failed to authorize "GET /__tapedeck/state": Host "rebind.attacker.example:${server.port}" is neither a loopback name nor the listen address 127.0.0.1 (a web page can reach a local server under its own name by DNS rebinding); if this server is reached by that name, start it with --allowed-host rebind.attacker.example"`,
  )
  expect(JSON.stringify(refused.json)).not.toContain('secretKey')
  // The page's own files and the event stream are admin paths too.
  for (const path of ['/__tapedeck/', '/__tapedeck/events', '/__tapedeck/requests']) {
    const answer = await send(server.url, 'GET', path, { host: 'rebind.attacker.example' })
    expect([path, answer.status]).toEqual([path, 403])
  }
  // Loopback names pass, with or without a port, in any case.
  for (const host of [
    `127.0.0.1:${server.port}`,
    `localhost:${server.port}`,
    'LOCALHOST',
    'app.localhost',
    '127.8.9.10',
    `[::1]:${server.port}`,
  ]) {
    const answer = await send(server.url, 'GET', '/__tapedeck/health', { host })
    expect([host, answer.status]).toEqual([host, 200])
  }
  // Vendor routes are not admin: any Host reaches them (the SDKs send the vendor's).
  const vendor = await send(server.url, 'POST', '/', { host: 'cvm.tencentcloudapi.com' })
  expect(vendor.json.code).not.toBe('E_ADMIN_HOST')
})

it('answers a name given with allowedHosts (--allowed-host)', async () => {
  const server = await serve({ allowedHosts: ['tapedeck.internal'] })
  const answer = await send(server.url, 'GET', '/__tapedeck/health', {
    host: 'tapedeck.internal:8080',
  })
  expect(answer.status).toBe(200)
  const other = await send(server.url, 'GET', '/__tapedeck/health', { host: 'other.internal' })
  expect(other.status).toBe(403)
})

it("refuses a browser's cross-site admin write and changes nothing; same-origin and non-browser writes pass", async () => {
  const server = await serve()
  await server.admin('PUT', 'faults', { seed: 1, operations: { '*': { errorRate: 1 } } })
  const before = (await server.admin('GET', 'state')).json
  const host = `127.0.0.1:${server.port}`
  // A form on another site posting to loopback: a simple request, sent without a preflight.
  for (const headers of [
    { host, origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
    { host, origin: 'https://attacker.example' },
    { host, 'sec-fetch-site': 'cross-site' },
    // Another port of localhost is the same site but not the same origin.
    { host, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' },
    { host, origin: 'null' },
  ]) {
    const refused = await send(server.url, 'DELETE', '/__tapedeck/faults', headers)
    expect([headers, refused.status, refused.json.code]).toEqual([headers, 403, 'E_ADMIN_ORIGIN'])
  }
  const refused = await send(server.url, 'POST', '/__tapedeck/reset', {
    host,
    origin: 'https://attacker.example',
    'sec-fetch-site': 'cross-site',
    'content-type': 'text/plain',
  })
  expect(refused.json.message).toMatchInlineSnapshot(
    `"Failed to authorize "POST /__tapedeck/reset": a browser sent it from another origin (Origin https://attacker.example, Sec-Fetch-Site cross-site); change state from the inspector page on this server, or from a client that is not a browser (curl, a test's fetch, tapedeck)"`,
  )
  expect((await server.admin('GET', 'faults')).json).not.toBe(null)
  expect((await server.admin('GET', 'state')).json).toEqual(before)
  // A GET is not a write: a cross-site page cannot read the answer (no CORS), and it changes nothing.
  const read = await send(server.url, 'GET', '/__tapedeck/health', {
    host,
    origin: 'https://attacker.example',
    'sec-fetch-site': 'cross-site',
  })
  expect(read.status).toBe(200)
  // The inspector page (same origin) and clients that are not browsers may write.
  const page = await send(server.url, 'DELETE', '/__tapedeck/faults', {
    host,
    origin: `http://${host}`,
    'sec-fetch-site': 'same-origin',
  })
  expect(page.status).toBe(200)
  expect((await send(server.url, 'POST', '/__tapedeck/reset', { host })).status).toBe(200)
})

it('guards the replay server the same way', async () => {
  const server = await startReplayServer({
    tapes: [buildTape([[imageRequest([{ ImageId: 'x', Title: 'a' }]), okResponse('a')]])],
  })
  closers.push(() => server.close())
  const refused = await send(server.url, 'GET', '/__tapedeck/requests', {
    host: 'rebind.attacker.example',
  })
  expect([refused.status, refused.json.code]).toEqual([403, 'E_ADMIN_HOST'])
  const write = await send(server.url, 'DELETE', '/__tapedeck/requests', {
    host: `127.0.0.1:${server.port}`,
    origin: 'https://attacker.example',
    'sec-fetch-site': 'cross-site',
  })
  expect([write.status, write.json.code]).toEqual([403, 'E_ADMIN_ORIGIN'])
  expect((await send(server.url, 'GET', '/__tapedeck/health')).status).toBe(200)
})
