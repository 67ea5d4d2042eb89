import { connect, type Socket } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './support/start-test-server.ts'

// A client that sends headers slowly, sends huge headers or opens too many connections cannot hold
// the server: each gets a clear answer (or a refused connection), and the server keeps serving.
let server: TestServer | undefined
afterEach(() => server?.close())

/** Writes raw bytes and resolves with everything the server sends until it closes the connection. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    socket.on('data', (chunk) => {
      text += chunk
    })
    socket.on('close', () => resolve(text))
    socket.on('error', () => resolve(text))
  })
}

it('answers 408 to a client that never finishes its headers, once the headers timeout passes', async () => {
  server = await startTestServer({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } })
  const answer = await exchange(
    server.port,
    'GET /?Action=UpdateImageInfos HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ',
  )
  expect(answer).toMatch(/^HTTP\/1\.1 408 /)
  expect(answer).toContain('"code":"E_BAD_REQUEST"')
  expect((await server.admin('GET', 'health')).json).toEqual({ status: 'ok' })
})

it('answers 431 to headers over the limit', async () => {
  server = await startTestServer({ limits: { maxHeaderBytes: 4096 } })
  const answer = await exchange(
    server.port,
    `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`,
  )
  expect(answer).toMatch(/^HTTP\/1\.1 431 /)
  expect(answer).toContain('the request headers exceed the limit')
})

it('answers 400 with a JSON error to bytes that are not HTTP', async () => {
  server = await startTestServer()
  const answer = await exchange(server.port, 'NOT HTTP AT ALL\r\n\r\n')
  expect(answer).toMatch(/^HTTP\/1\.1 400 /)
  expect(answer).toContain('"code":"E_BAD_REQUEST"')
})

it('refuses connections over the cap and accepts again once one closes', async () => {
  server = await startTestServer({ limits: { maxConnections: 2 } })
  const open = (): Promise<Socket> =>
    new Promise((resolve) => {
      const socket = connect(server!.port, '127.0.0.1', () => resolve(socket))
    })
  const first = await open()
  const second = await open()
  const refused = await exchange(
    server.port,
    'GET /__tapedeck/health HTTP/1.1\r\nHost: localhost\r\n\r\n',
  )
  expect(refused).toBe('')
  first.destroy()
  await new Promise((resolve) => first.on('close', resolve))
  // The server learns of the close asynchronously; health answers once a slot is free.
  let answer = ''
  while (!answer.includes('"status":"ok"'))
    answer = await exchange(
      server.port,
      'GET /__tapedeck/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    )
  second.destroy()
})
