import { request as httpRequest } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { startTestServer, type TestServer } from './start-test-server.ts'
import { TEST_CERT, TEST_KEY } from './test-certificate.ts'

export type HttpsUpstream = {
  /** `https://127.0.0.1:<port>`, served with the self-signed test certificate. */
  url: string
  /** The simulator behind it (state, admin API). */
  simulator: TestServer
  /** Requests that reached the upstream. */
  hits(): number
  close(): Promise<void>
}

/**
 * A stand-in for the real vendor: a tapedeck simulator (on real time, as SDKs stamp requests with
 * the wall clock) behind a local HTTPS server with a self-signed certificate, for `--ca`.
 */
export async function startHttpsUpstream(): Promise<HttpsUpstream> {
  const simulator = await startTestServer({ now: Date.now })
  let hits = 0
  const server = createServer({ cert: TEST_CERT, key: TEST_KEY }, (incoming, outgoing) => {
    hits += 1
    const proxied = httpRequest(
      `${simulator.url}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    incoming.pipe(proxied)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `https://127.0.0.1:${port}`,
    simulator,
    hits: () => hits,
    close: async () => {
      if (!server.listening) return
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await simulator.close()
    },
  }
}
