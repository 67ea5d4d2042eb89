import type { WireRequest, WireResponse } from '../protocols/index.ts'
import { isLoopback } from './check-admin-access.ts'

/** Where an admin request may come from: the listen address and the names given to allow. */
export type AdminHosts = {
  /** The address the server listens on (`--host`). */
  listen: string
  /** More names the server may be reached by (`--allowed-host`). */
  allowed?: readonly string[] | undefined
}

const refuse = (code: string, message: string): WireResponse => ({
  status: 403,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify({ code, message }),
})

/** The name in a Host header, without its port, lower case, without a trailing dot. */
function hostName(host: string): string {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!
  return name.toLowerCase().replace(/\.$/, '')
}

/** True for a name only this machine answers to: a loopback address, `localhost` or `*.localhost`. */
function isLoopbackName(name: string): boolean {
  return isLoopback(name) || name.endsWith('.localhost')
}

/**
 * Guards `/__tapedeck/*` against the web pages a user visits. A page reached through DNS
 * rebinding talks to this server under its own name, so the Host must be a loopback name, the
 * listen address or a name allowed by `--allowed-host`. A page on another site can send simple
 * requests (a form's POST) to loopback without reading the answer, so a browser's write
 * (anything but GET and HEAD) must be same-origin: `Sec-Fetch-Site` `same-origin` or `none`, and
 * an `Origin`, when sent, naming this Host. Clients that are not browsers send neither header.
 * Answers 403 saying what was refused and how to allow it; undefined when allowed.
 */
export function checkAdminOrigin(
  request: WireRequest,
  hosts: AdminHosts,
): WireResponse | undefined {
  const subject = `${request.method} ${request.path}`
  const host = request.headers['host']
  if (host !== undefined) {
    const name = hostName(host)
    const allowed =
      isLoopbackName(name) ||
      name === hostName(hosts.listen) ||
      (hosts.allowed ?? []).some((one) => hostName(one) === name)
    if (!allowed)
      return refuse(
        'E_ADMIN_HOST',
        `Failed to authorize "${subject}": Host "${host}" is neither a loopback name nor the listen address ${hosts.listen} (a web page can reach a local server under its own name by DNS rebinding); if this server is reached by that name, start it with --allowed-host ${name}`,
      )
  }
  if (request.method === 'GET' || request.method === 'HEAD') return undefined
  const site = request.headers['sec-fetch-site']
  const origin = request.headers['origin']
  const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none'
  if (crossSite || (origin !== undefined && originHost(origin) !== host?.toLowerCase()))
    return refuse(
      'E_ADMIN_ORIGIN',
      `Failed to authorize "${subject}": a browser sent it from another origin (Origin ${origin ?? '(none)'}, Sec-Fetch-Site ${site ?? '(none)'}); change state from the inspector page on this server, or from a client that is not a browser (curl, a test's fetch, tapedeck)`,
    )
  return undefined
}

/** The `host[:port]` of an Origin header; undefined for `null` or anything not a URL. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase()
  } catch {
    return undefined
  }
}
