import { connect } from 'node:net'
import { afterEach, expect, it, vi } from 'vitest'
import type { WireResponse } from '../protocols/index.ts'
import { listenHttp1 } from './listen-http1.ts'
import { prepareResponse } from './render-response.ts'

const json = (body: string, headers: Record<string, string> = {}): WireResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json', ...headers },
  body,
})

/** A door answering `answer(path)` to every request. */
function door(answer: (path: string) => WireResponse) {
  return listenHttp1((request, reply) => reply.send(answer(request.path)))
}

/** Writes raw bytes on one connection and collects what comes back until `until` matches. */
function exchange(port: number, bytes: string, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      text += chunk
      if (until.test(text)) {
        socket.destroy()
        resolve(text)
      }
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(text))
  })
}

afterEach(() => {
  vi.useRealTimers()
})

it('answers many requests arriving together, each with its own response', async () => {
  const server = await door((path) => json(JSON.stringify({ path })))
  try {
    const paths = Array.from({ length: 60 }, (_, n) => `/call/${n}`)
    const bodies = await Promise.all(
      paths.map(async (path) => (await fetch(`${server.url}${path}`)).json()),
    )
    expect(bodies).toEqual(paths.map((path) => ({ path })))
  } finally {
    await server.close()
  }
})

it('answers pipelined requests on one connection in the order they were sent', async () => {
  const server = await door((path) => prepareResponse(json(path.slice(1))))
  try {
    const requests = ['/a', '/b', '/c']
      .map((path) => `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`)
      .join('')
    const text = await exchange(server.port, requests, /\r\n\r\nc$/)
    expect(
      [...text.matchAll(/content-length: 1\r\n[\s\S]*?\r\n\r\n(\w)/gi)].map((m) => m[1]),
    ).toEqual(['a', 'b', 'c'])
  } finally {
    await server.close()
  }
})

it('answers 500 in JSON, and keeps serving, when a response carries a header Node refuses', async () => {
  const server = await door((path) =>
    path === '/bad' ? json('{}', { 'x-recorded': 'line\nbreak' }) : json('{"ok":true}'),
  )
  try {
    const bad = await fetch(`${server.url}/bad`)
    expect(bad.status).toBe(500)
    expect(await bad.json()).toEqual({
      code: 'E_INTERNAL',
      message: expect.stringContaining('a header was not valid HTTP'),
    })
    const good = await fetch(`${server.url}/good`)
    expect(await good.json()).toEqual({ ok: true })
  } finally {
    await server.close()
  }
})

it('still answers when a test has faked the global timers', async () => {
  const server = await door(() => json('{"ok":true}'))
  try {
    vi.useFakeTimers({ toFake: ['setImmediate', 'setTimeout', 'setInterval'] })
    const text = await exchange(
      server.port,
      'GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n',
      /\{"ok":true\}$/,
    )
    expect(text).toMatch(/^HTTP\/1\.1 200 OK/)
  } finally {
    vi.useRealTimers()
    await server.close()
  }
})
