import type { Reply } from '../http/index.ts'
import type { WireRequest } from '../protocols/index.ts'
import { ADMIN_PREFIX } from './admin-api.ts'
import { checkAdminAccess } from './check-admin-access.ts'
import { type AdminHosts, checkAdminOrigin } from './check-admin-origin.ts'

/** Who may use `/__tapedeck/*`: the Host names it answers to and the token, when one is set. */
export type AdminAccess = AdminHosts & { token?: string | undefined }

/** The admin prefix without its slash: a browser's address bar often drops it. */
const BARE_PREFIX = ADMIN_PREFIX.slice(0, -1)

/**
 * The door to `/__tapedeck/*` shared by `serve` and `replay`: false for any other path (the vendor
 * routes). Every admin request passes the Host and Origin checks; `/__tapedeck` redirects to the
 * page; the page's own files need no token (they hold no data, and the page asks for it); every
 * other route needs the token when one is set, then goes to `data`.
 */
export function serveAdmin(
  request: WireRequest,
  reply: Reply,
  access: AdminAccess,
  routes: {
    page(request: WireRequest, reply: Reply): boolean
    data(request: WireRequest, reply: Reply): void
  },
): boolean {
  const bare = request.path === BARE_PREFIX
  if (!bare && !request.path.startsWith(ADMIN_PREFIX)) return false
  const refused = checkAdminOrigin(request, access)
  if (refused) reply.send(refused)
  else if (bare)
    reply.send({
      status: 308,
      headers: { location: `${ADMIN_PREFIX}${request.query ? `?${request.query}` : ''}` },
      body: '',
    })
  else if (!routes.page(request, reply)) {
    const unauthorized = checkAdminAccess(request, access.token)
    if (unauthorized) reply.send(unauthorized)
    else routes.data(request, reply)
  }
  return true
}
