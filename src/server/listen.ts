import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A `node:http` server listening: its URL and port, and how to close it. */
export type Listening = { url: string; port: number; close(): Promise<void> }

/**
 * Listens on `host:port` (0 picks a free port) and resolves once bound, or rejects with the bind
 * error. `close` stops accepting, ends open connections, and is idempotent (a second call resolves
 * at once).
 */
export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
