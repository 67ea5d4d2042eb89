import { isIP } from 'node:net'
import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { safeEqual } from '../protocols/index.ts'

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true
  if (isIP(host) === 4) return host.startsWith('127.')
  return host === '::1' || host === '[::1]'
}

/**
 * With an admin token, `/__tapedeck/*` answers only requests that carry it, as
 * `Authorization: Bearer <token>` or `X-Tapedeck-Admin-Token`; a 401 otherwise, without echoing it.
 */
export function checkAdminAccess(
  request: WireRequest,
  token: string | undefined,
): WireResponse | undefined {
  if (token === undefined) return undefined
  const bearer = request.headers['authorization']?.replace(/^Bearer\s+/i, '')
  const given = request.headers['x-tapedeck-admin-token'] ?? bearer ?? ''
  if (safeEqual(given, token)) return undefined
  return {
    status: 401,
    headers: {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer realm="tapedeck admin"',
    },
    body: JSON.stringify({
      code: 'E_ADMIN_TOKEN',
      message: `Failed to authorize "${request.method} ${request.path}": send the admin token as "Authorization: Bearer <token>" or "X-Tapedeck-Admin-Token"`,
    }),
  }
}
