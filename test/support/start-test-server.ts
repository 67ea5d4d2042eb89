import { type Client, createClient, testCredentials } from '../../src/client/index.ts'
import { type ServerOptions, startServer, type TapedeckServer } from '../../src/server/index.ts'

/** A fixed instant the tests' server and client clocks start from. */
export const T0 = Date.parse('2026-11-23T12:00:00Z')

export type TestServer = TapedeckServer & {
  client: Client
  /** Moves the shared clock (server and client) forward. */
  advance(ms: number): void
  now(): number
  // biome-ignore lint/suspicious/noExplicitAny: admin JSON is asserted on by shape in tests.
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>
}

/**
 * Starts a real server on 127.0.0.1:0 with an injected clock and request ids, and a reference client
 * on the same clock. Close it in `afterAll`/`afterEach`.
 */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  let clock = T0
  let ids = 0
  // A test that passes its own clock (e.g. Date.now for real SDKs) gets it on both sides.
  const now = options.now ?? (() => clock)
  const server = await startServer({
    port: 0,
    now,
    requestId: () => `REQ-${String(++ids).padStart(6, '0')}`,
    ...options,
  })
  const client = createClient({ endpoint: server.url, credentials: testCredentials(), now })
  return Object.assign(server, {
    client,
    now,
    advance(ms: number) {
      clock += ms
    },
    async admin(method: string, path: string, body?: unknown) {
      const response = await fetch(`${server.url}/__tapedeck/${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
      return { status: response.status, json: await response.json() }
    },
  })
}

/** Sends raw bytes over a real socket, for requests fetch refuses to build. */
export async function rawRequest(
  url: string,
  init: {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
  },
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${url}${init.path ?? '/'}`, {
    method: init.method ?? 'GET',
    ...(init.headers ? { headers: init.headers } : {}),
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body) }),
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}
