/**
 * The inspector's server side over real sockets: the page and its headers, the admin token, the
 * live event stream, one request in detail with nothing secret in it, and each scheme's variants
 * named from the wire.
 */
import { once } from 'node:events'
import { connect } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { operations } from '../src/catalog/index.ts'
import { type CredentialSet, signCall, testCredentials } from '../src/client/index.ts'
import { protocols, type WireRequest } from '../src/protocols/index.ts'
import { scenarios } from '../src/scenarios/index.ts'
import { DEFAULT_CREDENTIALS } from '../src/simulator/index.ts'
import { expectAdminToken } from './support/expect-admin-token.ts'
import { readEvents } from './support/read-events.ts'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

let server: TestServer
afterEach(() => server?.close())

const send = (request: WireRequest) =>
  fetch(`${server.url}${request.path}${request.query ? `?${request.query}` : ''}`, {
    method: request.method,
    headers: Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => name !== 'host'),
    ),
    ...(request.body.length > 0 ? { body: new Uint8Array(request.body) } : {}),
  })

/** A scenario's request for an operation, signed with a variant (and a wrong secret if asked). */
function signed(operationId: string, variant?: string, secret?: string): WireRequest {
  const scenario = scenarios.find(
    (s) => s.operation.id === operationId && s.expect.code === undefined,
  )!
  const operation = scenario.operation
  const protocol = protocols.find((p) => p.id === operation.protocol)!
  const kind = variant === 'TOKEN' ? 'huawei-token' : protocol.credentialKind
  const credentials = (testCredentials() as CredentialSet)[kind]!
  return signCall(
    { endpoint: server.url, credentials: testCredentials(), now: server.now },
    operation,
    scenario.request.params,
    {
      ...(variant ? { variant } : {}),
      ...(scenario.request.pathParams ? { pathParams: scenario.request.pathParams } : {}),
      credentials: secret ? { ...credentials, secret } : credentials,
    },
  )
}

it('serves the page with a strict Content-Security-Policy and no inline script, without the admin token', async () => {
  server = await startTestServer({ adminToken: 'page-token-1234' })
  const page = await fetch(`${server.url}/__tapedeck/`)
  expect(page.status).toBe(200)
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
  const csp = page.headers.get('content-security-policy') ?? ''
  expect(csp).toContain("default-src 'none'")
  expect(csp).toContain("script-src 'self'")
  expect(csp).toContain("connect-src 'self'")
  expect(csp).not.toContain('unsafe')
  const html = await page.text()
  // Every script is a file of this server; none is inline.
  expect(html.match(/<script[^>]*>/g)).toEqual([
    '<script type="module" src="/__tapedeck/inspector.js">',
  ])
  expect(html).not.toMatch(/<script[^>]*>[^<]/)
  expect(html).not.toMatch(/https?:\/\//)
  const script = await fetch(`${server.url}/__tapedeck/inspector.js`)
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  expect(await script.text()).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i)
  // The data needs the token.
  await expectAdminToken(server.url, ['events', 'coverage', 'requests/REQ-000001', 'state'], {
    token: 'page-token-1234',
    allowed: 'coverage',
  })
})

it('streams the journal as server-sent events: the backlog, then each request as it is answered', async () => {
  server = await startTestServer()
  await send(signed('alibaba-vod.UpdateVideoInfos'))
  const controller = new AbortController()
  const response = await fetch(`${server.url}/__tapedeck/events`, { signal: controller.signal })
  expect(response.headers.get('content-type')).toBe('text/event-stream')
  const events: Record<string, unknown>[] = []
  const nextEvent = readEvents(response)
  // First the hello: which server this is and the views and outcomes it has.
  expect(JSON.parse((await nextEvent()).replace(/^event: hello\ndata: /, ''))).toEqual({
    server: 'serve',
    views: ['requests', 'state', 'faults', 'coverage'],
    outcomes: expect.arrayContaining(['ok', 'authenticate']),
  })
  const nextData = async () => {
    const event = await nextEvent()
    expect(event.startsWith('data: ')).toBe(true)
    events.push(JSON.parse(event.slice(6)))
  }
  await nextData()
  await send(signed('tencent-cvm.ModifyImageAttribute', 'HmacSHA1', 'wrong-secret'))
  await nextData()
  controller.abort()
  expect(events).toEqual([
    expect.objectContaining({
      method: 'GET',
      operation: 'alibaba-vod.UpdateVideoInfos',
      protocol: 'alibaba-rpc',
      variant: 'GET',
      account: 'demo',
      status: 200,
      outcome: 'ok',
      latencyMs: expect.any(Number),
    }),
    expect.objectContaining({
      operation: 'tencent-cvm.ModifyImageAttribute',
      protocol: 'tencent-v3',
      variant: 'HmacSHA1',
      code: 'AuthFailure.SignatureFailure',
      outcome: 'authenticate',
    }),
  ])
})

it('shows one request with its steps, the redacted request, the response and a curl with no signature or secret', async () => {
  server = await startTestServer()
  const sent = signed('alibaba-vod.UpdateVideoInfos', 'POST', 'wrong-alibaba-secret')
  const signature = new URLSearchParams(sent.body.toString()).get('Signature')!
  expect(signature).toMatch(/\S{20,}/)
  await send(sent)
  const [trace] = (await server.admin('GET', 'requests')).json.requests
  const { status, json } = await server.admin('GET', `requests/${trace.requestId}`)
  expect(status).toBe(200)
  expect(json.trace.steps.at(-1)).toMatchObject({ step: 'authenticate', ok: false })
  expect(json.trace.steps.at(-1).fault.stringToSign).toMatch(/^POST&%2F&/)
  expect(json.request.body).toContain('Signature=<redacted>')
  expect(json.request.body).toContain('Action=UpdateVideoInfos')
  expect(json.response.body).toContain('SignatureDoesNotMatch')
  expect(json.curl).toMatch(/^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/' /)
  expect(json.curl).toContain("--data-binary '")
  const text = JSON.stringify(json)
  expect(text).not.toContain(encodeURIComponent(signature))
  expect(text).not.toContain(signature)
  expect(text).not.toContain('wrong-alibaba-secret')
  expect(text).not.toContain(DEFAULT_CREDENTIALS.alibaba.accessKeySecret)

  // An IAM token is itself the secret: the header is cut whole.
  const token = signed('huawei-imagesearch.ModifyImage', 'TOKEN')
  expect(token.headers['x-auth-token']).toBeTruthy()
  await send(token)
  const last = (await server.admin('GET', 'requests')).json.requests.at(-1)
  const tokenDetail = (await server.admin('GET', `requests/${last.requestId}`)).json
  expect(tokenDetail.summary.variant).toBe('TOKEN')
  expect(tokenDetail.request.headers['x-auth-token']).toBe('<redacted>')
  expect(JSON.stringify(tokenDetail)).not.toContain(token.headers['x-auth-token'])

  const missing = await server.admin('GET', 'requests/NOPE')
  expect(missing).toMatchObject({ status: 404, json: { code: 'E_REQUEST_NOT_FOUND' } })
})

it("names every scheme's every variant from the wire, as the journal and the coverage matrix show it", async () => {
  server = await startTestServer()
  const seen: string[] = []
  const expected: string[] = []
  for (const operation of operations) {
    const protocol = protocols.find((p) => p.id === operation.protocol)!
    for (const variant of protocol.variants) {
      expected.push(`${operation.id} ${variant}`)
      const request = signed(operation.id, variant)
      seen.push(`${operation.id} ${protocol.variantOf?.(request)}`)
    }
  }
  expect(seen).toEqual(expected)
})

it('keeps a large request body out of the detail view, naming its size', async () => {
  server = await startTestServer()
  const body = `UpdateContent=${'x'.repeat(100_000)}`
  await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  })
  const [trace] = (await server.admin('GET', 'requests')).json.requests
  const detail = (await server.admin('GET', `requests/${trace.requestId}`)).json
  expect(detail.request.body).toBe(`<${body.length} bytes, not kept>`)
  expect(detail.response.status).toBeGreaterThanOrEqual(400)
})

it('closes the event stream of a client that stopped reading instead of buffering without end', async () => {
  server = await startTestServer()
  const { port } = server
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  socket.write(`GET /__tapedeck/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
  await once(socket, 'data')
  // Stop reading: whatever the server writes now piles up in the kernel and then in node.
  socket.pause()
  const path = `/${'p'.repeat(8000)}`
  for (let sent = 0; sent < 1500; sent += 50) {
    await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${server.url}${path}`).then((r) => r.arrayBuffer())),
    )
  }
  // Reading again drains what was sent, then the end: the server gave up on this client.
  const closed = once(socket, 'close')
  socket.resume()
  await closed
  expect(socket.bytesRead).toBeLessThan(1500 * 8000)
}, 30_000)

it('shows a request whose answer an injected reset dropped as the client saw it: no status, no response', async () => {
  server = await startTestServer()
  const operation = 'alibaba-vod.UpdateVideoInfos'
  await server.admin('PUT', 'faults', { operations: { [operation]: { resetRate: 1 } } })
  await expect(send(signed(operation))).rejects.toThrow()
  const [trace] = (await server.admin('GET', 'requests')).json.requests
  expect(trace).toMatchObject({ status: null, noAnswer: 'reset' })
  const { json } = await server.admin('GET', `requests/${trace.requestId}`)
  expect(json.summary).toMatchObject({ status: null, outcome: 'reset' })
  expect(json.response).toBeUndefined()
  // The live feed's backlog shows the same row.
  const events = await fetch(`${server.url}/__tapedeck/events`)
  const reader = events.body!.getReader()
  let text = ''
  while (!text.includes(trace.requestId))
    text += new TextDecoder().decode((await reader.read()).value)
  await reader.cancel()
  expect(text).toContain('"status":null')
  expect(text).toContain('"outcome":"reset"')
})
