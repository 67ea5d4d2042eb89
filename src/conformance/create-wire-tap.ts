import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WireRequest } from '../protocols/index.ts'

/**
 * A transparent HTTP relay in front of the server that keeps every request as sent, so the
 * runner can read what the journal does not record (the response format a client asked for).
 * Every request is forwarded unchanged, Host header included, so host-bound signatures still hold.
 */
export async function createWireTap(target: string) {
  let seen: WireRequest[] = []
  const server = createServer(async (message, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of message) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const [path = '/', query = ''] = (message.url ?? '/').split(/\?(.*)/s)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(message.headers))
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
    seen.push({ method: message.method ?? 'GET', path, query, headers, body })
    try {
      const upstream = await forward(
        target,
        message.url ?? '/',
        message.method ?? 'GET',
        headers,
        body,
      )
      response.writeHead(upstream.status, upstream.headers)
      response.end(upstream.body)
    } catch (error) {
      response.writeHead(502, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ code: 'E_TAP', message: (error as Error).message }))
    }
  })
  server.keepAliveTimeout = 1_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    /** The requests received since the last call, oldest first; the list starts afresh. */
    take(): WireRequest[] {
      const out = seen
      seen = []
      return out
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export type WireTap = Awaited<ReturnType<typeof createWireTap>>

function forward(
  target: string,
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
) {
  const to = new URL(url, target)
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
    (resolve, reject) => {
      const outgoing = request(
        {
          hostname: to.hostname,
          port: to.port,
          path: `${to.pathname}${to.search}`,
          method,
          headers,
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('end', () => {
            const out: Record<string, string> = {}
            for (const [name, value] of Object.entries(incoming.headers))
              if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection')
                out[name] = Array.isArray(value) ? value.join(', ') : value
            resolve({
              status: incoming.statusCode ?? 502,
              headers: out,
              body: Buffer.concat(chunks),
            })
          })
          incoming.on('error', reject)
        },
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    },
  )
}
