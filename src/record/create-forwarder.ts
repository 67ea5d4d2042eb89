import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { resignRequest } from '../client/index.ts'
import { TapedeckError } from '../errors.ts'
import {
  type CredentialKind,
  hopByHop,
  type Registry,
  type SigningCredentials,
  type WireRequest,
  type WireResponse,
} from '../protocols/index.ts'

export type ForwarderOptions = {
  /** The upstream base URL, `https://vod.cn-shanghai.aliyuncs.com` or a local simulator. */
  upstream: string
  /** PEM certificate(s) of a private CA to trust (`--ca FILE`). */
  ca?: string | Buffer
  /** Upstream credentials: a request of a scheme with credentials here is re-signed for the upstream. */
  credentials?: Partial<Record<CredentialKind, SigningCredentials>>
  now?: () => number
  nonce?: () => string
  /** Per-request timeout, milliseconds (default 30 s). */
  timeoutMs?: number
  /** The schemes requests are re-signed with; the built-in ones by default. */
  registry?: Registry
}

/**
 * Creates the recorder's upstream side: re-signs a request for the upstream when credentials for
 * its scheme are given (host-bound signatures need it; others get fresh timestamps and nonces), otherwise sends it as it came with only the Host changed.
 */
export function createForwarder(
  options: ForwarderOptions,
): (request: WireRequest) => Promise<WireResponse> {
  const upstream = new URL(options.upstream)
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest
  return (request) => {
    const resigned = options.credentials
      ? resignRequest(request, {
          endpoint: upstream.origin,
          credentials: options.credentials,
          ...(options.registry ? { registry: options.registry } : {}),
          ...(options.now ? { now: options.now } : {}),
          ...(options.nonce ? { nonce: options.nonce } : {}),
        })
      : undefined
    const outgoing = resigned ?? request
    const headers = endToEnd(outgoing.headers)
    headers['host'] = upstream.host
    if (outgoing.body.length > 0 || !BODILESS.has(outgoing.method))
      headers['content-length'] = String(outgoing.body.length)
    const path = `${upstream.pathname.replace(/\/$/, '')}${outgoing.path}${outgoing.query ? `?${outgoing.query}` : ''}`
    return new Promise<WireResponse>((resolve, reject) => {
      const req = send(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          method: outgoing.method,
          path,
          headers,
          timeout: options.timeoutMs ?? 30_000,
          ...(options.ca ? { ca: options.ca } : {}),
        },
        (res) => readResponse(res).then(resolve, reject),
      )
      req.on('timeout', () => req.destroy(new Error('timed out')))
      req.on('error', (error) =>
        reject(
          new TapedeckError(
            'E_UPSTREAM',
            `Failed to forward "${request.method} ${request.path}" to ${upstream.origin}: ${error.message}`,
            { cause: error },
          ),
        ),
      )
      req.end(outgoing.body)
    })
  }
}

/** Methods whose requests carry no body unless they say so: no `content-length: 0` is added. */
const BODILESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS'])

/** A request's end-to-end fields: the hop-by-hop ones, those its `Connection` names and the framing removed. */
function endToEnd(fields: Readonly<Record<string, string>>): Record<string, string> {
  const drop = hopByHop(fields['connection'], { framing: true })
  const out: Record<string, string> = {}
  for (const name in fields) if (!drop.has(name)) out[name] = fields[name]!
  return out
}

/**
 * The upstream's answer as it came: the exact body bytes (compressed or binary ones too), a
 * repeated field (`set-cookie`) as a list, hop-by-hop fields removed, and its `content-length`
 * kept for a HEAD answer, whose length the door then sends as stated.
 */
function readResponse(res: IncomingMessage): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.on('error', reject)
    res.on('end', () => {
      const drop = hopByHop(res.headers.connection)
      const headers: WireResponse['headers'] = {}
      const raw = res.rawHeaders
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i]!.toLowerCase()
        if (drop.has(name)) continue
        const value = raw[i + 1]!
        const known = headers[name]
        headers[name] =
          known === undefined ? value : [...(typeof known === 'string' ? [known] : known), value]
      }
      resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) })
    })
  })
}
