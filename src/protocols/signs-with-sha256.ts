import type { WireRequest } from './protocol.ts'

/** True when a parameter-signed request names `SignatureMethod=HmacSHA256` in its query or form body. */
export function signsWithSha256(request: WireRequest): boolean {
  const marker = 'SignatureMethod=HmacSHA256'
  return request.query.includes(marker) || request.body.includes(marker)
}
