/**
 * Alibaba Cloud POP signatures. Spec: protocols.md §1.3 (v1) and §1.4 (V3).
 * - v1 (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`): base64 HMAC-SHA1 keyed by `secret&`
 *   over `METHOD&%2F&` + the encoded canonical query; `SignatureNonce` and `Timestamp` ride along as
 *   parameters. The doc sample spells the method `Hmac-SHA1`, so its case is ignored.
 * - V3 (`ACS3-HMAC-SHA256` in `Authorization`): hex HMAC-SHA256 keyed by the bare secret over a
 *   canonical request of the headers the client lists; host, action, version, date and nonce must
 *   be among them. The Host is tried as sent, then without its port.
 */
import { type Fault, fault, isFault } from '../catalog/index.ts'
import { checkClock, readIsoTimestamp } from './check-clock.ts'
import { checkNonce } from './check-nonce.ts'
import { hmac, hmacMatchesHex, prepareHmac, safeEqual, sha256Hex } from './crypto.ts'
import { hostVariants } from './host-variants.ts'
import { maskToken } from './mask-token.ts'
import { checkSignedHeaders, parseAuthorization } from './parse-authorization.ts'
import { decodeQueryPairs } from './parse-params.ts'
import { percentEncode } from './percent-encode.ts'
import type { AuthContext, Principal, WireRequest } from './protocol.ts'

/** The algorithm name that opens an ACS3 `Authorization` header and its string to sign. */
export const ACS3 = 'ACS3-HMAC-SHA256'
const ACS3_REQUIRED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
]

/**
 * Verifies a v1 signed parameter set: credential, signature, method, timestamp and nonce present,
 * then the signature, the clock and the nonce. Returns who signed, or the first fault.
 * @see protocols.md §1.3 (the VOD "Signature method" doc)
 */
export function verifyAlibabaV1Signature(
  method: string,
  params: Readonly<Record<string, string>>,
  ctx: AuthContext,
): Principal | Fault {
  const keyId = params['AccessKeyId']
  if (!keyId) return fault('MissingCredential')
  const signature = params['Signature']
  if (!signature)
    return fault('IncompleteSignature', { reason: 'The Signature parameter is missing.' })
  const signatureMethod = params['SignatureMethod'] ?? ''
  if (signatureMethod.toUpperCase() !== 'HMAC-SHA1') {
    return fault('UnsupportedSignatureMethod', {
      param: 'SignatureMethod',
      reason: `expected HMAC-SHA1, got "${signatureMethod}"`,
    })
  }
  const timestamp = params['Timestamp']
  const ms = readIsoTimestamp(timestamp)
  if (isFault(ms)) return ms
  const nonce = params['SignatureNonce']
  if (!nonce)
    return fault('IncompleteSignature', { reason: 'The SignatureNonce parameter is missing.' })
  const key = ctx.keys('alibaba', keyId)
  if (!key?.secret) return fault('UnknownCredential', { value: keyId })
  const stringToSign = v1StringToSign(method, params)
  const expected = hmac('sha1', `${key.secret}&`, stringToSign).toString('base64')
  if (!safeEqual(expected, signature)) {
    // Echoed as POP does, the security token masked (README Decisions: the string to sign).
    const shown =
      params['SecurityToken'] === undefined
        ? stringToSign
        : v1StringToSign(method, maskToken(params, 'SecurityToken'))
    return fault('SignatureMismatch', { stringToSign: shown })
  }
  const problem =
    checkClock(ms, ctx.now(), ctx.windowSeconds, timestamp!) ??
    checkNonce(`alibaba:${keyId}:${nonce}`, ms, ctx)
  if (problem) return problem
  return { keyId, account: key.account }
}

/** The v1 string to sign: `METHOD&%2F&` + the encoded canonical query of every parameter but Signature. */
export function v1StringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join('&')
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`
}

type Acs3Authorization = { credential: string; signedHeaders: string[]; signature: string }

/** Reads `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`; undefined when a field is missing. */
export function readAcs3Authorization(header: string): Acs3Authorization | undefined {
  const fields = parseAuthorization(header, ACS3)
  const { Credential, SignedHeaders, Signature } = fields ?? {}
  if (!Credential || !SignedHeaders || !Signature) return undefined
  return { credential: Credential, signedHeaders: SignedHeaders.split(';'), signature: Signature }
}

/**
 * Verifies an ACS3 request: the Authorization fields and required signed headers, `x-acs-date` and
 * the nonce present, then the signature, the clock and the nonce. Returns who signed, or the first fault.
 * @see https://help.aliyun.com/document_detail/2593177.html (protocols.md §1.4)
 */
export function verifyAcs3Signature(request: WireRequest, ctx: AuthContext): Principal | Fault {
  const auth = readAcs3Authorization(request.headers['authorization'] ?? '')
  if (!auth)
    return fault('IncompleteSignature', {
      reason: 'Authorization needs Credential, SignedHeaders and Signature.',
    })
  const incomplete = checkSignedHeaders(auth.signedHeaders, ACS3_REQUIRED_HEADERS)
  if (incomplete) return incomplete
  const date = request.headers['x-acs-date']
  const ms = readIsoTimestamp(date)
  if (isFault(ms)) return ms
  const nonce = request.headers['x-acs-signature-nonce']
  if (!nonce) return fault('IncompleteSignature', { reason: 'x-acs-signature-nonce is missing.' })
  const key = ctx.keys('alibaba', auth.credential)
  if (!key?.secret) return fault('UnknownCredential', { value: auth.credential })
  const signingKey = prepareHmac('sha256', key.secret)
  let stringToSign = ''
  const matched = hostVariants(request.headers['host'] ?? '').some((host) => {
    stringToSign = acs3StringToSign(request, auth.signedHeaders, host)
    return hmacMatchesHex(signingKey, stringToSign, auth.signature)
  })
  if (!matched) return fault('SignatureMismatch', { stringToSign })
  const problem =
    checkClock(ms, ctx.now(), ctx.windowSeconds, date!) ??
    checkNonce(`alibaba:${auth.credential}:${nonce}`, ms, ctx)
  if (problem) return problem
  return { keyId: auth.credential, account: key.account }
}

/** The ACS3 string to sign, rebuilt from the headers the client says it signed. */
export function acs3StringToSign(
  request: Pick<WireRequest, 'method' | 'path' | 'query' | 'headers' | 'body'>,
  signedHeaders: readonly string[],
  host = request.headers['host'] ?? '',
): string {
  const query = decodeQueryPairs(request.query)
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
  const headers = [...signedHeaders].sort()
  const canonicalHeaders = headers
    .map((name) => `${name}:${(name === 'host' ? host : (request.headers[name] ?? '')).trim()}\n`)
    .join('')
  const canonicalRequest = [
    request.method,
    request.path.split('/').map(percentEncode).join('/') || '/',
    query,
    canonicalHeaders,
    headers.join(';'),
    sha256Hex(request.body),
  ].join('\n')
  return `${ACS3}\n${sha256Hex(canonicalRequest)}`
}
