import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { resignRequest } from '../client/index.ts'
import { TapedeckError } from '../errors.ts'
import type {
  CredentialKind,
  SigningCredentials,
  WireRequest,
  WireResponse,
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
}

/**
 * Creates the recorder's upstream side: re-signs a request for the upstream when credentials for
 * its scheme are given (host-bound signatures — Tencent 2.0/3.0, Huawei AK/SK — need it; others
 * get fresh timestamps and nonces), otherwise sends it as it came with only the Host changed.
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
          ...(options.now ? { now: options.now } : {}),
          ...(options.nonce ? { nonce: options.nonce } : {}),
        })
      : undefined
    const outgoing = resigned ?? request
    const headers: Record<string, string> = { ...outgoing.headers, host: upstream.host }
    delete headers['connection']
    delete headers['transfer-encoding']
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

function readResponse(res: IncomingMessage): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.on('error', reject)
    res.on('end', () => {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
      }
      delete headers['content-length']
      delete headers['transfer-encoding']
      delete headers['connection']
      delete headers['keep-alive']
      resolve({
        status: res.statusCode ?? 502,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
    })
  })
}
