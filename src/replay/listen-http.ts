import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { TapedeckError } from '../errors.ts'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { type Listening, listen, readBody, send, toWireRequest } from '../server/index.ts'

export type { Listening }

export type ListenOptions = {
  /** Default 0 (a free port). */
  port?: number
  /** Default 127.0.0.1 (loopback only). */
  host?: string
  /** Largest request body accepted, bytes (default 2 MiB). */
  maxBodyBytes?: number
  log?: (line: string) => void
}

/**
 * The `node:http` door of the replay and record servers: bytes in, one `WireRequest`, the engine's
 * `WireResponse` out, with `src/server`'s adapter helpers.
 */
export async function listenHttp(
  handle: (request: WireRequest) => WireResponse | Promise<WireResponse>,
  options: ListenOptions = {},
): Promise<Listening> {
  const host = options.host ?? '127.0.0.1'
  const maxBody = options.maxBodyBytes ?? 2 * 1024 * 1024
  const fail = (message: IncomingMessage, response: ServerResponse, error: unknown) => {
    const reason = error instanceof TapedeckError ? error.message : 'internal error'
    options.log?.(`Failed to handle "${message.method} ${message.url?.split('?')[0]}": ${reason}`)
    send(response, failure(502, reason))
  }
  const server = createServer((message, response) => {
    readBody(message, maxBody, (body) => {
      if (body === undefined) {
        response.setHeader('connection', 'close')
        return send(response, failure(413, `the body exceeds ${maxBody} bytes`))
      }
      try {
        // A hit answers synchronously: no promise on the hot path.
        const answered = handle(toWireRequest(message, body))
        if (!(answered instanceof Promise)) return send(response, answered)
        answered.then(
          (wire) => send(response, wire),
          (error: unknown) => fail(message, response, error),
        )
      } catch (error) {
        fail(message, response, error)
      }
    })
  })
  return listen(server, options.port ?? 0, host)
}

function failure(status: number, reason: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code: 'E_TAPEDECK',
      message: `Failed to handle the request: ${reason}`,
    }),
  }
}
